package io.segmentsascode.plan;

/**
 * A governance finding. {@code severity} is "error" (fails the plan) or "warning"; figures from
 * sample data only ever give warnings. {@code location} is file:line:col or empty.
 */
public record Finding(String severity, String code, String subject, String message, String location) {

    public static final String ERROR = "error";
    public static final String WARNING = "warning";

    public boolean isError() {
        return ERROR.equals(severity);
    }
}
