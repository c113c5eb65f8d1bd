package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.bigquery.datatransfer.v1.CreateTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceClient;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceSettings;
import com.google.cloud.bigquery.datatransfer.v1.StartManualTransferRunsRequest;
import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.Test;

/** The DTS fake alone (no BigQuery fake wired), in-process: runs still succeed, nothing is executed. */
class InProcessDataTransferTest {

    @Test
    void inProcessWithoutBigQuery() throws Exception {
        try (FakeDataTransfer fake = new FakeDataTransfer().startInProcess("dts-test")) {
            ManagedChannel ch =
                    InProcessChannelBuilder.forName("dts-test").directExecutor().build();
            try (DataTransferServiceClient c = DataTransferServiceClient.create(DataTransferServiceSettings.newBuilder()
                    .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(ch)))
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build())) {
                TransferConfig tc = c.createTransferConfig(CreateTransferConfigRequest.newBuilder()
                        .setParent("projects/p/locations/eu")
                        .setTransferConfig(FakeDataTransferTest.config("x", "SELECT 1"))
                        .build());
                assertEquals(
                        "",
                        fake.serviceAccount(tc.getName()),
                        "no service account on the request: the caller's credentials");
                assertEquals(
                        "fake-caller@example.com",
                        c.getTransferConfig(tc.getName()).getOwnerInfo().getEmail());
                var run = c.startManualTransferRuns(StartManualTransferRunsRequest.newBuilder()
                                .setParent(tc.getName())
                                .setRequestedRunTime(Timestamp.newBuilder().setSeconds(1_764_892_800L))
                                .build())
                        .getRuns(0);
                assertEquals(
                        TransferState.SUCCEEDED, c.getTransferRun(run.getName()).getState());
                assertEquals(1, fake.configs("projects/p/locations/eu").size());
            } finally {
                ch.shutdownNow();
            }
        }
    }
}
