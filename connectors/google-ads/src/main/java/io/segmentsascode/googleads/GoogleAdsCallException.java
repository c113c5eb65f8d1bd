package io.segmentsascode.googleads;

/** A Google Ads API call that failed for good (after retries where a retry could help), and why. */
public final class GoogleAdsCallException extends RuntimeException {

    /** What the destination tells the user to do about it. */
    public enum Cause {
        /** CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE: this developer token may not use Customer Match any more. */
        NOT_ALLOWLISTED,
        /** UNAUTHENTICATED or PERMISSION_DENIED: token, login customer id or OAuth grant. */
        ACCESS,
        /** RESOURCE_EXHAUSTED, UNAVAILABLE or DEADLINE_EXCEEDED until the retry budget was spent. */
        RETRIES_SPENT,
        OTHER
    }

    private final Cause cause;

    GoogleAdsCallException(Cause cause, String message, Throwable underlying) {
        super(message, underlying);
        this.cause = cause;
    }

    public Cause reason() {
        return cause;
    }
}
