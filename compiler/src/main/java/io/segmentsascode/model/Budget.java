package io.segmentsascode.model;

import io.segmentsascode.diagnostics.Location;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * warehouse.yaml's {@code budget}: the most the scheduled refreshes may scan (bytes) or cost (in the
 * currency of {@code segments.pricePerTib}) per month. Scheduled queries take no
 * {@code maximumBytesBilled}, so the plan checks its dry-run estimate against this; at least one
 * limit is set. {@code file}/{@code declaredAt}: where a finding about it points.
 */
public record Budget(
        Optional<Long> maxBytesPerMonth, Optional<BigDecimal> maxCostPerMonth, Path file, Location declaredAt) {

    public Budget {
        if (maxBytesPerMonth.isEmpty() && maxCostPerMonth.isEmpty()) {
            throw new IllegalArgumentException("a budget sets max_bytes_per_month, max_cost_per_month or both");
        }
    }
}
