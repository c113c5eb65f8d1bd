package io.segmentsascode.plan.impact;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Severity;
import java.nio.file.Path;

/**
 * A governance finding. {@code severity} is an error (fails the plan) or a warning; figures from
 * sample data only ever give warnings. {@code location} is the {@code file:line:col} of the key
 * the finding is about, or empty when it is about no single file.
 */
public record Finding(Severity severity, String code, String subject, String message, String location) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code campaigns/cmp_x.yaml:8:1}: the file under its folder's name, the same in every
     * checkout, so plans stay byte-identical wherever they are made.
     */
    public static String locationOf(Path file, Location key) {
        Path folder = file.toAbsolutePath().getParent().getFileName();
        return (folder == null ? "" : folder + "/") + file.getFileName() + ":" + key.line() + ":" + key.column();
    }
}
