package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.model.Budget;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads warehouse.yaml's {@code budget}. Sizes are bytes, or a number with a binary unit: BigQuery
 * bills on-demand queries per TiB (2^40 bytes), so decimal units (TB, GB) would be off by 10% and
 * are refused rather than guessed.
 */
final class BudgetReader {

    static final String KEY = "budget";
    static final String MAX_BYTES = "max_bytes_per_month";
    static final String MAX_COST = "max_cost_per_month";

    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(B|KiB|MiB|GiB|TiB|PiB)?");
    private static final List<String> UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB", "PiB");
    private static final String SIZE_HINT =
            "write a whole number of bytes or a number with B, KiB, MiB, GiB, TiB or PiB, e.g. '2 TiB'";

    private final Diagnostics diagnostics;

    BudgetReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Optional<Budget> read(Path file, YMap root) {
        Optional<YMap.Entry> entry = root.entry(KEY);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        YMap budget = (YMap) entry.get().value();
        Optional<Long> bytes = Fields.scalar(budget, MAX_BYTES).flatMap(this::bytes);
        Optional<BigDecimal> cost = Fields.scalar(budget, MAX_COST).flatMap(this::cost);
        if (bytes.isEmpty() && cost.isEmpty()) {
            if (Fields.scalar(budget, MAX_BYTES).isEmpty()
                    && Fields.scalar(budget, MAX_COST).isEmpty()) {
                diagnostics.error(
                        entry.get().keyLocation(),
                        "the budget sets no limit",
                        "add '" + MAX_BYTES + ": 2 TiB' or '" + MAX_COST + ": 50' (in the currency of"
                                + " segments.pricePerTib), or remove the budget");
            }
            return Optional.empty();
        }
        return Optional.of(new Budget(bytes, cost, file, entry.get().keyLocation()));
    }

    private Optional<Long> bytes(YScalar value) {
        Matcher size = SIZE.matcher(value.text().trim());
        if (!size.matches()) {
            diagnostics.error(value.location(), MAX_BYTES + " " + value.describe() + " is not a size", SIZE_HINT);
            return Optional.empty();
        }
        String unit = size.group(2) == null ? "B" : size.group(2);
        BigDecimal bytes =
                new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(2).pow(10 * UNITS.indexOf(unit)));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            diagnostics.error(
                    value.location(),
                    MAX_BYTES + " " + value.describe() + " is out of range",
                    "use more than 0 bytes and at most 8 EiB, e.g. '2 TiB'");
            return Optional.empty();
        }
        if (size.group(2) == null && size.group(1).contains(".")) {
            diagnostics.error(value.location(), MAX_BYTES + " " + value.describe() + " is not whole bytes", SIZE_HINT);
            return Optional.empty();
        }
        return Optional.of(bytes.longValue());
    }

    private Optional<BigDecimal> cost(YScalar value) {
        try {
            BigDecimal cost = new BigDecimal(value.text().trim());
            if (cost.signum() > 0) {
                return Optional.of(cost);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        diagnostics.error(
                value.location(),
                MAX_COST + " " + value.describe() + " is not an amount above 0",
                "write the monthly amount as a number in the currency of segments.pricePerTib, e.g. " + MAX_COST
                        + ": 50 (USD at the default price)");
        return Optional.empty();
    }
}
