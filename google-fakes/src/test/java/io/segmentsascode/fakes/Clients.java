package io.segmentsascode.fakes;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceClient;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The real Google clients pointed at the fakes, the way a connector would be configured in tests. */
final class Clients {
    private Clients() {}

    /** Default retry settings of google-cloud-bigquery, only the delays shortened so that tests stay fast. */
    static BigQuery bigQuery(FakeBigQuery fake, String project) {
        return BigQueryOptions.newBuilder()
                .setHost(fake.endpoint())
                .setProjectId(project)
                .setCredentials(NoCredentials.getInstance())
                .setRetrySettings(fastRetries(BigQueryOptions.getDefaultRetrySettings()))
                .build()
                .getService();
    }

    static RetrySettings fastRetries(RetrySettings defaults) {
        return defaults.toBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(5))
                .setMaxRetryDelayDuration(Duration.ofMillis(20))
                .build();
    }

    static DataTransferServiceSettings.Builder dataTransferSettings(FakeDataTransfer fake) {
        DataTransferServiceSettings.Builder b = DataTransferServiceSettings.newBuilder()
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint(fake.endpoint())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build())
                .setCredentialsProvider(NoCredentialsProvider.create());
        return b;
    }

    /** The client with its generated default retry settings, delays shortened. */
    static DataTransferServiceClient dataTransfer(FakeDataTransfer fake) throws IOException {
        DataTransferServiceSettings.Builder b = dataTransferSettings(fake);
        var stub = b.getStubSettingsBuilder();
        for (var s : List.<UnaryCallSettings.Builder<?, ?>>of(
                stub.getTransferConfigSettings(),
                stub.listTransferConfigsSettings(),
                stub.getTransferRunSettings(),
                stub.listTransferRunsSettings(),
                stub.createTransferConfigSettings(),
                stub.updateTransferConfigSettings(),
                stub.deleteTransferConfigSettings(),
                stub.startManualTransferRunsSettings())) {
            s.setRetrySettings(fastRetries(s.getRetrySettings()));
        }
        return DataTransferServiceClient.create(b.build());
    }
}
