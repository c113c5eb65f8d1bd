package io.segmentsascode.bigquery;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceClient;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceSettings;
import io.grpc.ManagedChannelBuilder;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import java.io.IOException;
import java.util.Set;

/**
 * The two Google clients of the target. Credentials come only from Application Default
 * Credentials (a developer's {@code gcloud auth application-default login}, Workload Identity in
 * CI); endpoint overrides point both clients at local servers (the fakes), which take no
 * credentials. Both clients' own retries are off: {@link RetryPolicy} is the one policy.
 */
public record GoogleClients(BigQuery bigQuery, DataTransferServiceClient dataTransfer) implements AutoCloseable {

    public static GoogleClients open(String project, SegmentsSettings.GoogleCloud google) {
        boolean local = google.bigqueryEndpoint().isPresent()
                || google.dataTransferEndpoint().isPresent();
        if (local
                && (google.bigqueryEndpoint().isEmpty()
                        || google.dataTransferEndpoint().isEmpty())) {
            throw new GoogleAccessException(
                    google.bigqueryEndpoint().isEmpty()
                            ? Parameters.BIGQUERY_ENDPOINT
                            : Parameters.DATA_TRANSFER_ENDPOINT,
                    "only one of the two Google endpoints is overridden",
                    "give both " + Parameters.BIGQUERY_ENDPOINT + " and " + Parameters.DATA_TRANSFER_ENDPOINT
                            + " (the fakes print both), or neither");
        }
        if (!local && google.credentials().equals("none")) {
            throw new GoogleAccessException(
                    Parameters.GOOGLE_CREDENTIALS,
                    Parameters.GOOGLE_CREDENTIALS + "=none works only against local endpoints",
                    "leave it unset to use Application Default Credentials");
        }
        Credentials credentials = local ? NoCredentials.getInstance() : applicationDefault();
        BigQueryOptions.Builder bigQuery = BigQueryOptions.newBuilder()
                .setProjectId(project)
                .setCredentials(credentials)
                .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).build());
        google.bigqueryEndpoint().ifPresent(bigQuery::setHost);
        DataTransferServiceSettings.Builder dataTransfer = DataTransferServiceSettings.newBuilder();
        try {
            dataTransfer.applyToAllUnaryMethods(method -> {
                method.setRetryableCodes(Set.of());
                return null;
            });
            CredentialsProvider provider =
                    local ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(credentials);
            dataTransfer.setCredentialsProvider(provider);
            google.dataTransferEndpoint()
                    .ifPresent(endpoint ->
                            dataTransfer.setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                                    .setEndpoint(endpoint)
                                    .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                                    .build()));
            return new GoogleClients(
                    bigQuery.build().getService(), DataTransferServiceClient.create(dataTransfer.build()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the Data Transfer client: " + e.getMessage(), e);
        }
    }

    private static GoogleCredentials applicationDefault() {
        try {
            return GoogleCredentials.getApplicationDefault()
                    .createScoped("https://www.googleapis.com/auth/cloud-platform");
        } catch (IOException e) {
            throw new GoogleAccessException(
                    "GOOGLE_APPLICATION_CREDENTIALS",
                    "no Google credentials found for the bigquery target (Application Default Credentials: "
                            + e.getMessage() + ")",
                    "run `gcloud auth application-default login`, or in CI use Workload Identity Federation"
                            + " (google-github-actions/auth); key files in the project are not read. "
                            + GoogleAccessException.APPLY_ROLES);
        }
    }

    @Override
    public void close() {
        dataTransfer.close();
    }
}
