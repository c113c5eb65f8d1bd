package io.segmentsascode.bigquery;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how the BigQuery target writes. {@code project}: where jobs run and the scheduled
 * queries live; {@code dataProject}: the project of the output dataset, warehouse.yaml's, because
 * the compiled scripts name their tables there and a parameter must not move what was reviewed;
 * {@code dataset}: the output dataset (segment tables, scheduled queries' destination, the state
 * table); {@code location}: where the Data Transfer
 * configs live ({@code projects/P/locations/L}); {@code serviceAccount}: what scheduled queries
 * run as; {@code runTimeout}: how long apply waits for a refresh run it started.
 */
public record TargetSettings(
        String project,
        String dataProject,
        String location,
        String dataset,
        Optional<String> serviceAccount,
        long maximumBytesBilled,
        Duration runTimeout) {

    /** BigQuery's default location; the Data Transfer API expects it lower-case in resource names. */
    public static final String DEFAULT_LOCATION = "US";

    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofHours(1);

    /** {@code projects/P/locations/l}, where the target lists and creates its scheduled queries. */
    public String transferParent() {
        return "projects/" + project + "/locations/" + location.toLowerCase(Locale.ROOT);
    }

    /** {@code `project.dataset.table`} as GoogleSQL names it. */
    public String qualified(String table) {
        return "`" + dataProject + "." + dataset + "." + table + "`";
    }
}
