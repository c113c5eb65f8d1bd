package io.segmentsascode.model;

import io.segmentsascode.diagnostics.Location;
import java.util.Optional;

/**
 * Where Customer Match identifiers, consent and suppression live in the warehouse. {@code regionColumn}: the
 * identity table's country or region (ISO 3166-1 alpha-2), which tells the plan whether users in regions where
 * Google requires consent (EEA, UK, Switzerland) are present; {@code declaredAt}: the {@code customer_match:} key.
 */
public record CustomerMatch(
        String identityTable,
        Optional<String> emailColumn,
        Optional<String> phoneColumn,
        Optional<String> adUserDataConsentColumn,
        Optional<String> adPersonalizationConsentColumn,
        Optional<String> suppressionColumn,
        Optional<String> regionColumn,
        Optional<Location> declaredAt) {

    /** Without a region column, declared nowhere in particular. */
    public CustomerMatch(
            String identityTable,
            Optional<String> emailColumn,
            Optional<String> phoneColumn,
            Optional<String> adUserDataConsentColumn,
            Optional<String> adPersonalizationConsentColumn,
            Optional<String> suppressionColumn) {
        this(
                identityTable,
                emailColumn,
                phoneColumn,
                adUserDataConsentColumn,
                adPersonalizationConsentColumn,
                suppressionColumn,
                Optional.empty(),
                Optional.empty());
    }

    public boolean declaresConsent() {
        return adUserDataConsentColumn.isPresent() && adPersonalizationConsentColumn.isPresent();
    }
}
