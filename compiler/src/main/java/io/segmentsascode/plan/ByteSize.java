package io.segmentsascode.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Bytes as people read them, in the binary units BigQuery bills by (1 TiB = 2^40 bytes). */
public final class ByteSize {

    private static final List<String> UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB");

    private ByteSize() {}

    /** {@code 1.50 GiB}; whole bytes below 1 KiB. */
    public static String format(long bytes) {
        int unit = 0;
        while (unit + 1 < UNITS.size() && bytes >= 1L << (10 * (unit + 1))) {
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        BigDecimal scaled =
                BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1L << (10 * unit)), 2, RoundingMode.HALF_EVEN);
        return scaled.toPlainString() + " " + UNITS.get(unit);
    }
}
