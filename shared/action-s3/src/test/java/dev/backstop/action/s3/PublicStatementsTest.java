package dev.backstop.action.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicStatementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Principal "*"                                 | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}
            Principal {"AWS": "*"}                        | true  | {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject"}
            Principal {"AWS": ["*"]}                      | true  | {"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject"}
            "*" among other principals                   | true  | {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","*"]},"Action":"s3:*"}
            Principal ["*"]                               | true  | {"Effect":"Allow","Principal":["*"],"Action":"s3:GetObject"}
            NotPrincipal with Allow                       | true  | {"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*"}
            a Deny for everyone                           | false | {"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}
            one account's role                            | false | {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/Reporting"},"Action":"s3:GetObject"}
            a service principal                           | false | {"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject"}
            narrowed to a VPC endpoint                    | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}
            narrowed to a VPC                             | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:SourceVpc":["vpc-111","vpc-222"]}}}
            narrowed to the organisation                  | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}
            narrowed to an account                        | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}
            narrowed to a source account                  | false | {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}
            narrowed to a source ARN                      | false | {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}}
            narrowed to an IP range                       | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}
            a key in another case                         | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"IpAddress":{"AWS:SOURCEIP":"203.0.113.0/24"}}}
            any value of the organisation                 | false | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}}
            an IP range of the whole internet             | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}
            a wildcard organisation                       | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}
            a negated condition                           | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}
            a condition true when the key is absent       | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}
            ForAllValues, true when the key is absent     | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}}
            a condition on another key                    | true  | {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"Bool":{"aws:SecureTransport":"true"}}}
            """)
    void judgesWhetherAStatementOpensTheBucketToEveryone(String name, boolean open, String statement) throws IOException {
        assertThat(PublicStatements.opensToEveryone(JSON.readTree(statement))).isEqualTo(open);
    }
}
