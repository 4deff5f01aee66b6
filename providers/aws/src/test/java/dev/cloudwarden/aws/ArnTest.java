package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void splitsAnEc2ArnIntoTypeAndShortId() {
        Arn arn = Arn.parse("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc").orElseThrow();

        assertThat(arn.taggingType()).isEqualTo("ec2:security-group");
        assertThat(arn.resourceId()).isEqualTo("sg-0abc");
        assertThat(arn.account()).isEqualTo("123456789012");
        assertThat(Ec2Type.ofArn(arn)).contains(Ec2Type.SECURITY_GROUP);
    }

    @Test
    void imagesAndSnapshotsAreNamedWithoutAnAccount() {
        Arn arn = Arn.parse("arn:aws:ec2:eu-west-1::image/ami-0abc").orElseThrow();

        assertThat(arn.account()).isEmpty();
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(Ec2Type.resolve("arn:aws:ec2:eu-west-1::image/ami-0abc"))
                .hasValueSatisfying(id -> assertThat(id.shortId()).isEqualTo("ami-0abc"));
    }

    @Test
    void typeSeparatedByAColon_asInLambdaAndRds() {
        Arn function = Arn.parse("arn:aws:lambda:us-east-1:123456789012:function:resize").orElseThrow();
        Arn database = Arn.parse("arn:aws:rds:us-east-1:123456789012:db:orders").orElseThrow();

        assertThat(function.taggingType()).isEqualTo("lambda:function");
        assertThat(function.lastSegment()).isEqualTo("resize");
        assertThat(database.taggingType()).isEqualTo("rds:db");
        assertThat(database.lastSegment()).isEqualTo("orders");
    }

    @Test
    void bareNamesTakeTheTypeTheTaggingApiGivesThem() {
        assertThat(Arn.parse("arn:aws:s3:::my-bucket").orElseThrow().taggingType()).isEqualTo("s3:bucket");
        assertThat(Arn.parse("arn:aws:sns:us-east-1:123456789012:alerts").orElseThrow().taggingType()).isEqualTo("sns:topic");
        assertThat(Arn.parse("arn:aws:sns:us-east-1:123456789012:alerts").orElseThrow().lastSegment()).isEqualTo("alerts");
        assertThat(Arn.parse("arn:aws:s3:::my-bucket").orElseThrow().lastSegment()).isEqualTo("my-bucket");
    }

    @Test
    void otherTextIsNoArn() {
        assertThat(Arn.parse("i-0abc")).isEmpty();
        assertThat(Arn.parse("arn:aws:sns")).isEmpty();
        assertThat(Arn.parse("arn:aws:ec2:us-east-1:123456789012:")).isEmpty();
    }

    @Test
    void shortIdsOfTheFiveEc2Types_andNothingElse() {
        assertThat(Ec2Type.resolve("i-0abc")).hasValueSatisfying(id -> assertThat(id.type()).isEqualTo(Ec2Type.INSTANCE));
        assertThat(Ec2Type.resolve("sg-0abc")).hasValueSatisfying(id -> assertThat(id.type()).isEqualTo(Ec2Type.SECURITY_GROUP));
        assertThat(Ec2Type.resolve("sgr-0abc")).isEmpty();
        assertThat(Ec2Type.resolve("vpc-0abc")).isEmpty();
        assertThat(Ec2Type.resolve("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc")).isEmpty();
    }
}
