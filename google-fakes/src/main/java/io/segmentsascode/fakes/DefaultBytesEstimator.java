package io.segmentsascode.fakes;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Estimates a query's bytes as the sum of the registered {@code numBytes} of every distinct
 * {@code project.dataset.table} named in the query text (backticked or not; a trailing {@code *} wildcard sums every
 * matching table). Names written with fewer than three parts are not counted, nor are the targets of
 * CREATE/INSERT/TRUNCATE/DROP/MERGE (BigQuery bills reads, not the table written). Comments are ignored.
 * It does not look at columns, partitions or {@code _TABLE_SUFFIX} filters.
 */
public final class DefaultBytesEstimator implements BytesEstimator {
    private static final Pattern TARGET = Pattern.compile(
            "(?i)\\b(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP\\s+|TEMPORARY\\s+)?TABLE(?:\\s+IF\\s+NOT\\s+EXISTS)?"
                    + "|INSERT(?:\\s+INTO)?|TRUNCATE\\s+TABLE|DROP\\s+TABLE(?:\\s+IF\\s+EXISTS)?|MERGE(?:\\s+INTO)?)\\s+("
                    + Sql.NAME + ")");

    @Override
    public long estimate(String projectId, String sql, BigQueryState state) {
        String text = Sql.stripComments(sql);
        Set<String> targets = new LinkedHashSet<>();
        Matcher t = TARGET.matcher(text);
        while (t.find()) targets.add(String.join(".", Sql.parts(t.group(1))));
        Set<String> read = new LinkedHashSet<>();
        Matcher m = Sql.NAME_PATTERN.matcher(text);
        while (m.find()) {
            var parts = Sql.parts(m.group());
            if (parts.size() != 3) continue;
            String id = String.join(".", parts);
            if (targets.contains(id)) continue;
            if (id.endsWith("*")) {
                String prefix = id.substring(0, id.length() - 1);
                for (String k : state.tables().keySet()) if (k.startsWith(prefix)) read.add(k);
            } else if (state.hasTable(id)) {
                read.add(id);
            }
        }
        long sum = 0;
        for (String id : read) sum += state.numBytes(id);
        return sum;
    }
}
