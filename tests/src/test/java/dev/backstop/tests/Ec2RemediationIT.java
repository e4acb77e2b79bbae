package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.ec2.Ec2Handler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * ec2.revoke-world-ingress through the real handler and SDK clients on LocalStack's EC2: for
 * each sample in events/ec2, the change made for real, the event delivered (with the real
 * group and rule ids), the rules read back, the audit record, and an operator's undo through
 * {@code ./backstop undo} restoring the bad state exactly.
 */
class Ec2RemediationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";

    private static DemoWorld world;
    private static Ec2Client ec2;
    private static Region region;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        region = new DefaultAwsRegionProviderChain().getRegion();
        ec2 = AwsClientsModule.build(Ec2Client.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
    }

    // ---- the world: groups in the default VPC, named uniquely ----

    private static String group(String name, String... tags) {
        List<Tag> tagList = new ArrayList<>();
        for (int i = 0; i + 1 < tags.length; i += 2) {
            tagList.add(Tag.builder().key(tags[i]).value(tags[i + 1]).build());
        }
        return ec2.createSecurityGroup(request -> {
            request.groupName(name).description("Backstop integration test");
            if (!tagList.isEmpty()) {
                request.tagSpecifications(spec -> spec.resourceType(ResourceType.SECURITY_GROUP).tags(tagList));
            }
        }).groupId();
    }

    private static void authorize(String groupId, String protocol, int from, int to, String cidr, String description) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to);
        if (cidr.contains(":")) {
            permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr).description(description).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(cidr).description(description).build());
        }
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(groupId).ipPermissions(permission.build()));
    }

    private static List<SecurityGroupRule> ingress(String groupId) {
        return ec2.describeSecurityGroupRules(request -> request.filters(filter -> filter.name("group-id").values(groupId)))
                .securityGroupRules().stream().filter(rule -> !rule.isEgress()).toList();
    }

    /** The group's ingress rules as {@code tcp 22 0.0.0.0/0 [description]}, sorted. */
    private static List<String> rules(String groupId) {
        return ingress(groupId).stream().map(Ec2RemediationIT::shape).sorted().toList();
    }

    private static String shape(SecurityGroupRule rule) {
        String ports = Objects.equals(rule.fromPort(), rule.toPort()) ? String.valueOf(rule.fromPort())
                : rule.fromPort() + "-" + rule.toPort();
        return rule.ipProtocol() + " " + ports + " " + Objects.requireNonNullElse(rule.cidrIpv4(), rule.cidrIpv6())
                + (rule.description() == null || rule.description().isEmpty() ? "" : " [" + rule.description() + "]");
    }

    private static String ruleId(String groupId, String protocol, int port, String cidr) {
        return findRule(groupId, protocol, port, cidr).orElseThrow();
    }

    private static Optional<String> findRule(String groupId, String protocol, int port, String cidr) {
        return ingress(groupId).stream()
                .filter(rule -> rule.ipProtocol().equals(protocol) && rule.fromPort() == port
                        && cidr.equals(Objects.requireNonNullElse(rule.cidrIpv4(), rule.cidrIpv6())))
                .findFirst().map(SecurityGroupRule::securityGroupRuleId);
    }

    // ---- events: the sample, about the real group and rules, as EventBridge would deliver it ----

    /**
     * The sample with the real account, group and rule ids (each rule the sample's response lists
     * is found in the group by protocol, ports and source; one not there keeps the sample's id)
     * and a fresh event id. LocalStack's AuthorizeSecurityGroupIngress response lists only the
     * last permission's rules, so the ids come from DescribeSecurityGroupRules instead.
     */
    private static byte[] event(String sample, String groupId, Map<String, String> replacements,
            Consumer<ObjectNode> edit) throws IOException {
        String text = Files.readString(SampleEvents.path(sample));
        JsonNode original = JSON.readTree(text);
        Map<String, String> all = new HashMap<>(replacements);
        all.put(SAMPLE_ACCOUNT, ownerOf(groupId));
        JsonNode created = original.at("/detail/responseElements/securityGroupRuleSet/items");
        for (JsonNode item : created) {
            String cidr = item.has("cidrIpv4") ? item.get("cidrIpv4").asText() : item.path("cidrIpv6").asText();
            all.put(item.path("groupId").asText(), groupId);
            findRule(groupId, item.path("ipProtocol").asText(), item.path("fromPort").asInt(), cidr)
                    .ifPresent(id -> all.put(item.path("securityGroupRuleId").asText(), id));
        }
        for (Map.Entry<String, String> replacement : all.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        ObjectNode event = (ObjectNode) JSON.readTree(text);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", region.id());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("awsRegion", region.id());
        edit.accept(detail);
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] event(String sample, String groupId) throws IOException {
        return event(sample, groupId, Map.of(), detail -> { });
    }

    private static String ownerOf(String groupId) {
        return ec2.describeSecurityGroups(request -> request.groupIds(groupId)).securityGroups().get(0).ownerId();
    }

    private static String arnOf(String groupId) {
        return ec2.describeSecurityGroups(request -> request.groupIds(groupId)).securityGroups().get(0).securityGroupArn();
    }

    private static JsonNode deliver(Stage stage, Mode mode, byte[] event) throws IOException {
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), mode, List.of());
        Ec2Handler handler = new Ec2Handler(BackstopComponent.factory().create(settings, Clock.systemUTC()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static String eventIdOf(byte[] event) throws IOException {
        return JSON.readTree(event).path("detail").path("eventID").asText();
    }

    /** The record's single action entry: rule, outcome, before, after, undo. */
    private static JsonNode action(Stage stage, String auditId) throws IOException {
        Map<String, AttributeValue> record = world.auditItem(stage, auditId).orElseThrow();
        return JSON.readTree(record.get("actions").s()).get(0);
    }

    private static CommandRun undo(Stage stage, String auditId) {
        return CommandRun.of("undo", auditId, "--yes", "--table", stage.auditTable(), "--topic", stage.topicArn());
    }

    // ---- the samples ----

    @Test
    void aWorldOpenSshRuleIsRevokedEveryOtherRuleStaysAndAnUndoBringsItBack() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-ssh");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 8443, 8443, "0.0.0.0/0", "opened last year");
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(app).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(
                        IpRange.builder().cidrIp("0.0.0.0/0").description("ssh from home").build(),
                        IpRange.builder().cidrIp("10.20.0.0/16").description("bastion subnet").build()).build()));
        List<String> opened = rules(app);
        String worldRule = ruleId(app, "tcp", 22, "0.0.0.0/0");
        byte[] event = event("ec2/authorize-ingress-ssh-world.json", app);

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(app)).containsExactly("tcp 22 10.20.0.0/16 [bastion subnet]", "tcp 8443 0.0.0.0/0 [opened last year]");
        Map<String, AttributeValue> record = world.auditItem(stage, eventIdOf(event)).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("REMEDIATED");
        assertThat(record.get("eventName").s()).isEqualTo("AuthorizeSecurityGroupIngress");
        assertThat(record.get("rules").ss()).containsExactly("ec2-world-open-ingress");
        assertThat(record.get("resources").ss()).containsExactly(arnOf(app));
        JsonNode action = action(stage, eventIdOf(event));
        assertThat(action.path("action").asText()).isEqualTo("ec2.revoke-world-ingress");
        assertThat(action.path("before").path("offendingRules").asText()).isEqualTo("tcp 22 from 0.0.0.0/0");
        assertThat(action.path("after").path("offendingRules").asText()).isEqualTo("none");
        assertThat(action.path("undo").path("groupId").asText()).isEqualTo(app);
        assertThat(action.path("undo").path("revoked").toString()).contains(worldRule);
        assertThat(action.path("detail").asText()).contains(worldRule);

        CommandRun undo = undo(stage, eventIdOf(event));

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("UNDONE ec2.revoke-world-ingress on " + arnOf(app));
        assertThat(rules(app)).isEqualTo(opened);
        assertThat(world.auditItem(stage, "undo#decision#" + eventIdOf(event)).orElseThrow().get("outcome").s()).isEqualTo("UNDONE");
    }

    @Test
    void theLegacyFlatShapeNamesTheGroupByNameAndPortsAsStrings() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-flat");
        Stage stage = world.build(prefix);
        String name = prefix + "-legacy-web";
        String legacy = group(name);
        ec2.authorizeSecurityGroupIngress(request -> request.groupName(name).ipProtocol("tcp").fromPort(3389)
                .toPort(3389).cidrIp("0.0.0.0/0"));
        byte[] event = event("ec2/authorize-ingress-legacy-flat.json", legacy, Map.of("\"legacy-web\"", "\"" + name + "\""),
                detail -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(legacy)).isEmpty();
        assertThat(undo(stage, eventIdOf(event)).exitCode()).isZero();
        assertThat(rules(legacy)).containsExactly("tcp 3389 0.0.0.0/0");
    }

    @Test
    void theLegacyFlatShapeWithoutAResponseIsFoundByNameAndShape() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-flat-bare");
        Stage stage = world.build(prefix);
        String name = prefix + "-legacy-web";
        String legacy = group(name);
        ec2.authorizeSecurityGroupIngress(request -> request.groupName(name).ipProtocol("tcp").fromPort(3389)
                .toPort(3389).cidrIp("0.0.0.0/0"));
        byte[] event = event("ec2/authorize-ingress-legacy-flat.json", legacy, Map.of("\"legacy-web\"", "\"" + name + "\""),
                detail -> detail.putNull("responseElements"));

        assertThat(deliver(stage, Mode.ENFORCE, event).path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(legacy)).isEmpty();
    }

    @Test
    void theWholeIpv6InternetIsClosedToo() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-v6");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 3306, 3306, "::/0", "temp: vendor access");
        byte[] event = event("ec2/authorize-ingress-ipv6-world.json", app);

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(app)).isEmpty();
        assertThat(action(stage, eventIdOf(event)).path("before").path("offendingRules").asText())
                .isEqualTo("tcp 3306 from ::/0");
        assertThat(undo(stage, eventIdOf(event)).exitCode()).isZero();
        assertThat(rules(app)).containsExactly("tcp 3306 ::/0 [temp: vendor access]");
    }

    @Test
    void httpsOnALoadBalancersTaggedGroupStaysOpen() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-lb");
        Stage stage = world.build(prefix);
        String lb = group(prefix + "-lb", "backstop:public-lb", "true");
        authorize(lb, "tcp", 443, 443, "0.0.0.0/0", "public HTTPS");
        authorize(lb, "tcp", 443, 443, "::/0", "public HTTPS");
        List<String> opened = rules(lb);
        byte[] event = event("ec2/authorize-ingress-https-public-lb.json", lb);

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("ALREADY_COMPLIANT");
        assertThat(rules(lb)).isEqualTo(opened);
        assertThat(action(stage, eventIdOf(event)).path("before").path("allowedWorldRules").asText())
                .isEqualTo("tcp 443 from 0.0.0.0/0; tcp 443 from ::/0");
    }

    @Test
    void aMixedRangeIsSplitSoOnlyTheAllowedPortsStayOpenAndTheUndoJoinsItAgain() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-mixed");
        Stage stage = world.build(prefix);
        String lb = group(prefix + "-lb", "backstop:public-lb", "true");
        authorize(lb, "tcp", 80, 443, "0.0.0.0/0", "web");
        byte[] event = event("ec2/authorize-ingress-mixed-range.json", lb);

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(lb)).containsExactly("tcp 443 0.0.0.0/0 [web]", "tcp 80 0.0.0.0/0 [web]");
        JsonNode action = action(stage, eventIdOf(event));
        assertThat(action.path("before").path("offendingRules").asText()).isEqualTo("tcp 80-443 from 0.0.0.0/0");
        assertThat(action.path("after").path("offendingRules").asText()).isEqualTo("none");
        assertThat(action.path("after").path("allowedWorldRules").asText())
                .isEqualTo("tcp 80 from 0.0.0.0/0; tcp 443 from 0.0.0.0/0");

        assertThat(undo(stage, eventIdOf(event)).exitCode()).isZero();
        assertThat(rules(lb)).containsExactly("tcp 80-443 0.0.0.0/0 [web]");
    }

    @Test
    void aDeniedCallIsAuditedAndChangesNothing() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-denied");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 22, 22, "10.20.0.0/16", "bastion subnet");
        byte[] event = event("ec2/authorize-ingress-unauthorized.json", app, Map.of("sg-0a1b2c3d4e5f60718", app),
                detail -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(world.auditItem(stage, eventIdOf(event)).orElseThrow().get("reason").s())
                .contains("Client.UnauthorizedOperation");
        assertThat(rules(app)).containsExactly("tcp 22 10.20.0.0/16 [bastion subnet]");
    }

    @Test
    void aRuleModifiedToTheWorldIsRevokedAndTheUndoRestoresIt() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-modify");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 5432, 5432, "10.20.0.0/16", "postgres");
        String postgres = ruleId(app, "tcp", 5432, "10.20.0.0/16");
        ec2.modifySecurityGroupRules(request -> request.groupId(app).securityGroupRules(rule -> rule
                .securityGroupRuleId(postgres).securityGroupRule(change -> change.ipProtocol("tcp").fromPort(5432)
                        .toPort(5432).cidrIpv4("0.0.0.0/0").description("postgres"))));
        byte[] event = event("ec2/modify-security-group-rules-world.json", app,
                Map.of("sg-0a1b2c3d4e5f60718", app, "sgr-0123456789abcdef0", postgres), detail -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(app)).isEmpty();
        assertThat(undo(stage, eventIdOf(event)).exitCode()).isZero();
        assertThat(rules(app)).containsExactly("tcp 5432 0.0.0.0/0 [postgres]");
    }

    @Test
    void allTrafficFromTheWorldIsRevoked() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-all");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(app).ipPermissions(IpPermission.builder()
                .ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        String all = ingress(app).get(0).securityGroupRuleId();
        byte[] event = event("ec2/authorize-ingress-ssh-world.json", app, Map.of("sg-0a1b2c3d4e5f60718", app), detail -> {
            ObjectNode permission = (ObjectNode) detail.at("/requestParameters/ipPermissions/items/0");
            permission.put("ipProtocol", "-1").remove(List.of("fromPort", "toPort"));
            ((ArrayNode) permission.at("/ipRanges/items")).remove(1);
            ArrayNode created = (ArrayNode) detail.at("/responseElements/securityGroupRuleSet/items");
            created.remove(1);
            ((ObjectNode) created.get(0)).put("securityGroupRuleId", all).put("ipProtocol", "-1").put("fromPort", -1)
                    .put("toPort", -1).remove("description");
        });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(rules(app)).isEmpty();
    }

    @Test
    void dryRunRecordsWhatItWouldRevokeAndLeavesTheRule() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-dry");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 3306, 3306, "::/0", "temp: vendor access");
        byte[] event = event("ec2/authorize-ingress-ipv6-world.json", app);

        JsonNode answer = deliver(stage, Mode.DRY_RUN, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(rules(app)).containsExactly("tcp 3306 ::/0 [temp: vendor access]");
    }

    @Test
    void aRuleRemovedBeforeTheEventArrivesIsAlreadyCompliant() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-gone-rule");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 3306, 3306, "::/0", "temp: vendor access");
        byte[] event = event("ec2/authorize-ingress-ipv6-world.json", app);
        ec2.revokeSecurityGroupIngress(request -> request.groupId(app).securityGroupRuleIds(
                ingress(app).get(0).securityGroupRuleId()));

        assertThat(deliver(stage, Mode.ENFORCE, event).path("outcome").asText()).isEqualTo("ALREADY_COMPLIANT");
    }

    @Test
    void aDeletedGroupIsResourceGone() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-gone-group");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app");
        authorize(app, "tcp", 3306, 3306, "::/0", "temp: vendor access");
        byte[] event = event("ec2/authorize-ingress-ipv6-world.json", app);
        ec2.deleteSecurityGroup(request -> request.groupId(app));

        assertThat(deliver(stage, Mode.ENFORCE, event).path("outcome").asText()).isEqualTo("RESOURCE_GONE");
    }

    @Test
    void aGroupTaggedExemptIsLeftOpen() throws IOException {
        String prefix = Emulators.uniquePrefix("ec2-exempt");
        Stage stage = world.build(prefix);
        String app = group(prefix + "-app", "backstop:exempt", "true");
        authorize(app, "tcp", 3306, 3306, "::/0", "temp: vendor access");
        byte[] event = event("ec2/authorize-ingress-ipv6-world.json", app);

        assertThat(deliver(stage, Mode.ENFORCE, event).path("outcome").asText()).isEqualTo("EXEMPTED");
        assertThat(rules(app)).containsExactly("tcp 3306 ::/0 [temp: vendor access]");
    }
}
