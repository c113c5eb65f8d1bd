package io.segmentsascode.audience;

/**
 * What happened to the members of an audience, counted in distinct user ids. Every member lands in
 * exactly one bucket, checked in this order: suppressed, no consent, no usable identifier, exported.
 */
public record AudienceCounts(
        int membersIn, int excludedSuppressed, int excludedNoConsent, int excludedNoIdentifier, int exported) {

    public AudienceCounts {
        if (membersIn < 0
                || excludedSuppressed < 0
                || excludedNoConsent < 0
                || excludedNoIdentifier < 0
                || exported < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (membersIn != excludedSuppressed + excludedNoConsent + excludedNoIdentifier + exported) {
            throw new IllegalArgumentException("membersIn must equal the sum of the exclusions and exported");
        }
    }
}
