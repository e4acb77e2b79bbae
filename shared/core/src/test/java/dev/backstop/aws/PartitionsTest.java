package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

class PartitionsTest {

    @Test
    void everyRegionTheSdkKnowsIsInThePartitionTheSdkSays() {
        assertThat(Region.regions()).filteredOn(region -> region.metadata() != null).isNotEmpty()
                .allSatisfy(region -> assertThat(Partitions.of(region)).as(region.id())
                        .isEqualTo(region.metadata().partition().id()));
    }

    @ParameterizedTest
    @CsvSource({"us-gov-west-1, aws-us-gov", "us-iso-east-1, aws-iso", "us-isob-east-1, aws-iso-b",
            "us-isof-south-1, aws-iso-f", "eu-isoe-west-1, aws-iso-e", "cn-northwest-1, aws-cn", "eusc-de-east-1, aws-eusc",
            "ap-southeast-7, aws", "xx-new-1, aws"})
    void aRegionsNameTellsItsPartition(String region, String partition) {
        assertThat(Partitions.of(region)).isEqualTo(partition);
    }

    @Test
    void noRegionIsTheCommercialPartition() {
        assertThat(Partitions.of((String) null)).isEqualTo("aws");
    }
}
