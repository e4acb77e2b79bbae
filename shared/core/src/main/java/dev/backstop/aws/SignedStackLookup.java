package dev.backstop.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * CloudFormation's {@code DescribeStackResources} by physical id, made as one Query-protocol POST
 * signed with the SDK's own SigV4 signer through the handler's shared HTTP client, as
 * {@link SignedS3ObjectReader} reads the rule file: it spares every function the CloudFormation
 * module (3 MB) for one call. The endpoint comes from the settings the generated clients read
 * ({@code AWS_ENDPOINT_URL_CLOUDFORMATION}, {@code AWS_ENDPOINT_URL}, ...), else CloudFormation's
 * regional endpoint. CloudFormation answers a resource no stack manages with a
 * {@code ValidationError} ("Stack for ... does not exist"), which is an empty answer here.
 */
public final class SignedStackLookup implements StackLookup {

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** Signs with the credentials given: the scoped ones, so the lookup runs in the account acted in. */
    public SignedStackLookup(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        this(http, credentials, region, AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_CLOUDFORMATION")
                .serviceEndpointOverrideSystemProperty("aws.endpointUrlCloudFormation")
                .serviceProfileProperty("cloudformation")
                .serviceEndpointPrefix("cloudformation")
                .defaultProtocol("https")
                .region(region)
                .build().clientEndpoint(), Clock.systemUTC());
    }

    SignedStackLookup(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public Optional<StackResource> stackOf(String physicalId) {
        byte[] body = ("Action=DescribeStackResources&Version=2010-05-15&PhysicalResourceId="
                + SdkHttpUtils.urlEncode(physicalId)).getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body))
                .build();
        SdkHttpRequest signed = signer.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(request.contentStreamProvider().orElseThrow())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed)
                    .contentStreamProvider(request.contentStreamProvider().orElseThrow()).build()).call();
            int status = response.httpResponse().statusCode();
            Document reply = parse(read(response));
            if (status / 100 != 2) {
                String code = text(reply, "Code");
                String message = text(reply, "Message");
                if (status == 400 && "ValidationError".equals(code) && message.contains("does not exist")) {
                    return Optional.empty();
                }
                throw SdkServiceException.builder().statusCode(status)
                        .message("CloudFormation DescribeStackResources for " + physicalId + ": HTTP " + status + " " + code
                                + (message.isEmpty() ? "" : ": " + message)).build();
            }
            NodeList members = reply.getElementsByTagName("member");
            for (int i = 0; i < members.getLength(); i++) {
                Element member = (Element) members.item(i);
                if (physicalId.equals(child(member, "PhysicalResourceId"))) {
                    return Optional.of(new StackResource(child(member, "StackName"), child(member, "LogicalResourceId"),
                            child(member, "ResourceType")));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw SdkClientException.create("CloudFormation DescribeStackResources for " + physicalId + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = response.responseBody().get()) {
            return in.readAllBytes();
        }
    }

    /** The reply as XML, read with no DTD and no external entity, whatever the reply holds. */
    private static Document parse(byte[] body) throws IOException {
        if (body.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("CloudFormation's reply is not the XML it documents: " + e.getMessage(), e);
        }
    }

    private static String text(Document document, String tag) {
        if (document == null) {
            return "";
        }
        NodeList nodes = document.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String child(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
