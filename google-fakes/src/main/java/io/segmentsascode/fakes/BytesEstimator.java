package io.segmentsascode.fakes;

/** Answers a dry run's totalBytesProcessed. Called with the state's lock held. */
@FunctionalInterface
public interface BytesEstimator {
    long estimate(String projectId, String sql, BigQueryState state);
}
