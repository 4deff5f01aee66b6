package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudException.Kind;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.ResourceRef;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Stops EC2 instances. EC2 accepts a stop of an instance already stopping or stopped; it refuses one
 * that is pending, shutting down or terminated (IncorrectInstanceState), and only then do we look at
 * the instance's state to tell "gone" from "not yet stoppable".
 *
 * <p>IAM actions used: ec2:StopInstances, ec2:DescribeInstances (only after a refusal).
 */
final class AwsCompute implements ComputeOps {
    private static final String STOP = "ec2:StopInstances";

    private final Ec2Client ec2;

    AwsCompute(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public void stop(ResourceRef instance) {
        String id = Ec2Type.resolve(instance.id())
                .filter(e -> e.type() == Ec2Type.INSTANCE)
                .map(Ec2Type.Ec2Id::shortId)
                .orElseThrow(() -> new IllegalArgumentException("not an EC2 instance id or ARN: " + instance.id()));
        try {
            ec2.stopInstances(r -> r.instanceIds(id));
        } catch (SdkException e) {
            if (!AwsErrors.codeOf(e).equals("IncorrectInstanceState")) {
                throw AwsErrors.translate(STOP, e); // InvalidInstanceID.NotFound becomes NOT_FOUND here
            }
            settle(id, e);
        }
    }

    /** After EC2 refused the stop: success if it is stopping anyway, not found if it is going or gone. */
    private void settle(String id, SdkException refusal) {
        String state = stateOf(id);
        switch (state) {
            case "stopping", "stopped" -> {
                // stopped meanwhile (another run, or a person): the outcome asked for
            }
            case "", "shutting-down", "terminated" -> throw new CloudException(Kind.NOT_FOUND, STOP,
                    "IncorrectInstanceState", refusal instanceof AwsServiceException s ? s.requestId() : "",
                    "instance " + id + " is " + (state.isEmpty() ? "gone" : state), refusal);
            default -> throw AwsErrors.translate(STOP, refusal); // pending: a conflict, try again later
        }
    }

    /** The instance's state name, or an empty string when EC2 no longer knows it. */
    private String stateOf(String id) {
        return AwsErrors.call("ec2:DescribeInstances", () -> ec2
                .describeInstances(r -> r.filters(Filter.builder().name("instance-id").values(id).build()))
                .reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .map(i -> i.state().nameAsString())
                .findFirst().orElse(""));
    }
}
