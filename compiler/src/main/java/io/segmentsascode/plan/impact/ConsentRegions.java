package io.segmentsascode.plan.impact;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Google requires consent ({@code ad_user_data}, {@code ad_personalization}) for Customer Match members in the EEA,
 * the UK and Switzerland. Users there with no consent columns to say so would be uploaded without it, so a sample
 * with such users and a warehouse declaring no consent columns fails the plan. Where they are is read from the
 * identity table's {@code customer_match.region_column} (ISO 3166-1 alpha-2 codes).
 */
public final class ConsentRegions {

    /** The EU's 27, Iceland, Liechtenstein and Norway (EEA), the UK (GB, also written UK) and Switzerland. */
    public static final List<String> CONSENT_REQUIRED = List.of(
            "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE",
            "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "UK");

    private ConsentRegions() {}

    public static List<Finding> check(Warehouse warehouse, PreviewEngine engine, Dialect dialect) {
        Optional<CustomerMatch> identity = warehouse.customerMatch();
        if (identity.isEmpty() || identity.get().declaresConsent()) {
            return List.of(); // users without a recorded consent are never members (AudienceBuilder)
        }
        CustomerMatch declared = identity.get();
        String where = declared.declaredAt()
                .map(at -> Finding.locationOf(Path.of(at.file()), at))
                .orElse("");
        if (declared.regionColumn().isEmpty()) {
            return List.of(new Finding(
                    Severity.WARNING,
                    "consent-unknown",
                    declared.identityTable(),
                    "warehouse.yaml declares neither consent_columns nor region_column for Customer Match, so"
                            + " nothing shows whether users in the EEA, UK or Switzerland (where Google requires"
                            + " consent) would be uploaded without it; declare customer_match.consent_columns",
                    where));
        }
        long users;
        try {
            users = ((Number)
                            engine.read("consent regions", query(warehouse, declared, dialect), engine.latestDataTime())
                                    .get(0)
                                    .get(0))
                    .longValue();
        } catch (SegmentRunException e) {
            return List.of(new Finding(
                    Severity.WARNING,
                    "consent-unknown",
                    declared.identityTable(),
                    "the identity table's region column could not be read on the sample: " + e.reason(),
                    where));
        }
        if (users == 0) {
            return List.of();
        }
        return List.of(new Finding(
                Severity.ERROR,
                "consent-columns-missing",
                declared.identityTable(),
                String.format(
                        Locale.ROOT,
                        "%,d users on the sample are in the EEA, the UK or Switzerland (%s.%s), where Google"
                                + " requires consent for Customer Match, but warehouse.yaml declares no"
                                + " consent_columns; declare customer_match.consent_columns {ad_user_data: <column>,"
                                + " ad_personalization: <column>} (users without both granted are left out)",
                        users,
                        declared.identityTable(),
                        declared.regionColumn().get()),
                where));
    }

    static String query(Warehouse warehouse, CustomerMatch declared, Dialect dialect) {
        String codes = CONSENT_REQUIRED.stream().map(dialect::stringLiteral).collect(Collectors.joining(", "));
        return "SELECT COUNT(*) FROM " + dialect.physicalTable(warehouse, declared.identityTable())
                + " WHERE UPPER(TRIM("
                + dialect.identifier(declared.regionColumn().orElseThrow()) + ")) IN (" + codes + ")";
    }
}
