package io.segmentsascode.model;

import java.util.Optional;

/** Where Customer Match identifiers, consent and suppression live in the warehouse. */
public record CustomerMatch(
        String identityTable,
        Optional<String> emailColumn,
        Optional<String> phoneColumn,
        Optional<String> adUserDataConsentColumn,
        Optional<String> adPersonalizationConsentColumn,
        Optional<String> suppressionColumn) {}
