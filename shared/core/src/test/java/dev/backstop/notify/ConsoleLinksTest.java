package dev.backstop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleLinksTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:s3:::team-logs                                     | https://s3.console.aws.amazon.com/s3/buckets/team-logs?region=eu-west-1
            sg-0abc                                                    | https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0abc
            arn:aws:ec2:eu-west-2:111122223333:instance/i-0123         | https://eu-west-2.console.aws.amazon.com/ec2/home?region=eu-west-2#InstanceDetails:instanceId=i-0123
            arn:aws:iam::111122223333:role/path/deployer               | https://console.aws.amazon.com/iam/home#/roles/details/deployer
            arn:aws:iam::111122223333:user/mallory                     | https://console.aws.amazon.com/iam/home#/users/details/mallory
            arn:aws:lambda:eu-west-1:111122223333:function:checkout:live | https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/checkout
            arn:aws:cloudwatch:eu-west-1:111122223333:alarm:High errors | https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/High%20errors
            user/ghost                                                 | https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/ev-9
            """)
    void linksEachResourceToItsConsolePage(String resource, String link) {
        assertThat(ConsoleLinks.of(resource, "eu-west-1", "ev-9")).isEqualTo(link);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            evil.example.com/x#   | sg-1
            us-east-1.evil.com/   | sg-1
            """)
    void aForgedRegionNeverBecomesPartOfTheHost(String region, String resource) {
        assertThat(ConsoleLinks.of(resource, region, "ev")).startsWith("https://us-east-1.console.aws.amazon.com/");
    }
}
