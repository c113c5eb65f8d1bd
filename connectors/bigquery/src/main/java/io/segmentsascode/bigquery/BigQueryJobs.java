package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The query jobs the target submits itself: every one carries our labels and
 * {@code maximumBytesBilled}, so no statement of ours can scan more than the cap the user set.
 * (Scheduled runs take no such cap; the plan guards them.)
 */
public final class BigQueryJobs {

    /** The scheduled query's parameter: its run time (UTC). */
    static final String RUN_TIME_PARAMETER = "run_time";

    private final BigQuery bigQuery;
    private final TargetSettings settings;
    private final Steps steps;

    BigQueryJobs(BigQuery bigQuery, TargetSettings settings, Steps steps) {
        this.bigQuery = bigQuery;
        this.settings = settings;
        this.steps = steps;
    }

    /** Bytes a query would process, from a dry run (nothing is run or billed). */
    public long bytesProcessed(String sql) {
        Job job = steps.call(
                "dry-running a query",
                () -> bigQuery.create(JobInfo.of(
                        newJobId(),
                        configuration(sql, "dry-run").toBuilder()
                                .setDryRun(true)
                                .build())));
        JobStatistics.QueryStatistics statistics = job.getStatistics();
        Long bytes = statistics.getTotalBytesProcessed();
        return bytes == null ? 0 : bytes;
    }

    /**
     * Bytes a refresh's query would process, from a dry run with {@code @run_time} bound as the
     * scheduled query binds it: {@code sql} is sent exactly as given (the guarded SELECT).
     */
    public long bytesProcessed(String sql, Instant runTime) {
        Job job = steps.call(
                "dry-running a query of a scheduled refresh",
                () -> bigQuery.create(JobInfo.of(
                        newJobId(),
                        configuration(sql, "dry-run").toBuilder()
                                .setDryRun(true)
                                .setNamedParameters(runTimeParameter(runTime))
                                .build())));
        JobStatistics.QueryStatistics statistics = job.getStatistics();
        Long bytes = statistics.getTotalBytesProcessed();
        return bytes == null ? 0 : bytes;
    }

    /** Runs a DML statement; the number of rows it changed. */
    long dml(String step, String sql, String purpose) {
        JobStatistics.QueryStatistics statistics = run(step, sql, purpose).getStatistics();
        Long rows = statistics.getNumDmlAffectedRows();
        return rows == null ? 0 : rows;
    }

    /** Runs a query; its rows. */
    List<FieldValueList> rows(String step, String sql, String purpose) {
        Job job = run(step, sql, purpose);
        List<FieldValueList> rows = new ArrayList<>();
        steps.call(step, () -> {
                    try {
                        return job.getQueryResults();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while " + step, e);
                    }
                })
                .iterateAll()
                .forEach(rows::add);
        return rows;
    }

    /**
     * Runs a query; its rows with each value typed by the result's schema: INT64 as {@link Long},
     * NUMERIC and BIGNUMERIC as {@link BigDecimal}, FLOAT64 as {@link Double}, anything else as
     * text, NULL as null.
     */
    List<List<Object>> typedRows(String step, String sql, String purpose, Optional<Instant> runTime) {
        Job job = run(step, sql, purpose, runTime);
        TableResult result = steps.call(step, () -> {
            try {
                return job.getQueryResults();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + step, e);
            }
        });
        List<Field> fields =
                result.getSchema() == null ? List.of() : result.getSchema().getFields();
        List<List<Object>> rows = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(value(
                        row.get(i), i < fields.size() ? fields.get(i).getType().getStandardType() : null));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Object value(FieldValue value, StandardSQLTypeName type) {
        if (value.isNull()) {
            return null;
        }
        if (type == null) {
            return value.getStringValue();
        }
        return switch (type) {
            case INT64 -> value.getLongValue();
            case NUMERIC, BIGNUMERIC -> value.getNumericValue();
            case FLOAT64 -> value.getDoubleValue();
            default -> value.getStringValue();
        };
    }

    /** {@code @run_time} bound as the scheduled query binds it. */
    private static Map<String, QueryParameterValue> runTimeParameter(Instant runTime) {
        long micros =
                TimeUnit.SECONDS.toMicros(runTime.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(runTime.getNano());
        return Map.of(RUN_TIME_PARAMETER, QueryParameterValue.timestamp(micros));
    }

    private Job run(String step, String sql, String purpose) {
        return run(step, sql, purpose, Optional.empty());
    }

    /** {@code runTime}: bound as {@code @run_time} where the query reads it. */
    private Job run(String step, String sql, String purpose, Optional<Instant> runTime) {
        QueryJobConfiguration configuration = runTime.map(time -> configuration(sql, purpose).toBuilder()
                        .setNamedParameters(runTimeParameter(time))
                        .build())
                .orElseGet(() -> configuration(sql, purpose));
        return steps.call(step, () -> {
            Job job = bigQuery.create(JobInfo.of(newJobId(), configuration));
            try {
                Job done = job.waitFor();
                if (done == null) {
                    throw new IllegalStateException(step + ": the job " + job.getJobId() + " vanished");
                }
                if (done.getStatus().getError() != null) {
                    throw new BigQueryException(
                            done.getStatus().getError().getReason().equals("rateLimitExceeded") ? 403 : 400,
                            done.getStatus().getError().getMessage(),
                            done.getStatus().getError());
                }
                return done;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + step, e);
            }
        });
    }

    private QueryJobConfiguration configuration(String sql, String purpose) {
        return QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .setMaximumBytesBilled(settings.maximumBytesBilled())
                .setLabels(Markers.jobLabels(purpose))
                .build();
    }

    /** A fresh id per attempt: a retried job must not collide with the one that failed. */
    private JobId newJobId() {
        return JobId.newBuilder()
                .setProject(settings.project())
                .setLocation(settings.location())
                .setJob("segments_" + UUID.randomUUID().toString().replace("-", ""))
                .build();
    }
}
