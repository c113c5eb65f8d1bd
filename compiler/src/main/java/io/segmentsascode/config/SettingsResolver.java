package io.segmentsascode.config;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw parameter values into {@link SegmentsSettings}. A value given explicitly (pom or
 * {@code -D}) wins over the environment variable, which wins over the default.
 */
public final class SettingsResolver {

    private final Map<String, String> explicit;
    private final Map<String, String> environment;
    private final Diagnostics diagnostics = new Diagnostics();

    public SettingsResolver(Map<String, String> explicit, Map<String, String> environment) {
        this.explicit = explicit;
        this.environment = environment;
    }

    /**
     * @param baseDir   where relative paths start (the Maven project's base directory)
     * @param outputDir build output folder, e.g. {@code target/segments}
     */
    public SegmentsSettings resolve(Path baseDir, Path outputDir) {
        SegmentsSettings settings = new SegmentsSettings(
                baseDir.toAbsolutePath().normalize(),
                path(baseDir, Parameters.DIR, Parameters.DEFAULT_DIR),
                path(baseDir, Parameters.CAMPAIGNS_DIR, Parameters.DEFAULT_CAMPAIGNS_DIR),
                path(baseDir, Parameters.LOCK_FILE, Parameters.DEFAULT_LOCK_FILE),
                path(baseDir, Parameters.STATE_DIR, Parameters.DEFAULT_STATE_DIR),
                outputDir.toAbsolutePath().normalize(),
                value(Parameters.SAMPLE_DATA)
                        .map(v -> baseDir.resolve(v).toAbsolutePath().normalize()),
                (int) number(Parameters.SAMPLE_USERS, Parameters.DEFAULT_SAMPLE_USERS, 10, 50_000_000),
                number(Parameters.SAMPLE_SEED, Parameters.DEFAULT_SAMPLE_SEED, Long.MIN_VALUE, Long.MAX_VALUE),
                value(Parameters.AS_OF).flatMap(this::asOf),
                locked(),
                value(Parameters.BASE),
                choice(Parameters.TARGET, "target", TARGETS, "the embedded warehouse"),
                choice(
                        Parameters.AUDIENCES,
                        "audience destination",
                        AUDIENCES,
                        "Customer Match upload files in the state folder"),
                value(Parameters.PLAN)
                        .map(v -> baseDir.resolve(v).toAbsolutePath().normalize()),
                bool(Parameters.PRUNE),
                fraction(Parameters.OVERLAP_THRESHOLD, Parameters.DEFAULT_OVERLAP_THRESHOLD),
                number(Parameters.MIN_AUDIENCE, Parameters.DEFAULT_MIN_AUDIENCE, 0, Long.MAX_VALUE),
                fraction(Parameters.CONFIDENCE, Parameters.DEFAULT_CONFIDENCE),
                value(Parameters.PHONE_REGION)
                        .orElse(Parameters.DEFAULT_PHONE_REGION)
                        .toUpperCase(Locale.ROOT),
                value(Parameters.MODEL).orElse(Parameters.DEFAULT_MODEL),
                value(Parameters.PIN_FROM)
                        .map(v -> baseDir.resolve(v).toAbsolutePath().normalize()),
                !"true".equalsIgnoreCase(environment.getOrDefault("CI", "")),
                new SegmentsSettings.GoogleCloud(
                        value(Parameters.BIGQUERY_PROJECT),
                        value(Parameters.BIGQUERY_ENDPOINT),
                        value(Parameters.DATA_TRANSFER_ENDPOINT),
                        choice(
                                Parameters.GOOGLE_CREDENTIALS,
                                "credential source",
                                List.of(Parameters.DEFAULT_GOOGLE_CREDENTIALS, "none"),
                                "Application Default Credentials"),
                        value(Parameters.SERVICE_ACCOUNT),
                        number(
                                Parameters.MAXIMUM_BYTES_BILLED,
                                Parameters.DEFAULT_MAXIMUM_BYTES_BILLED,
                                1,
                                Long.MAX_VALUE),
                        pricePerTib(),
                        runTimeout(),
                        value(Parameters.GOOGLE_ADS_ENDPOINT),
                        value(Parameters.DATA_MANAGER_ENDPOINT)));
        if (diagnostics.hasErrors()) {
            throw new ConfigException(diagnostics.sorted());
        }
        return settings;
    }

    public Optional<String> value(String parameter) {
        String given = explicit.get(parameter);
        if (given == null || given.isBlank()) {
            given = environment.get(Parameters.environmentVariable(parameter));
        }
        return given == null || given.isBlank() ? Optional.empty() : Optional.of(given.trim());
    }

    private Path path(Path baseDir, String parameter, String fallback) {
        return baseDir.resolve(value(parameter).orElse(fallback))
                .toAbsolutePath()
                .normalize();
    }

    private long number(String parameter, long fallback, long min, long max) {
        Optional<String> text = value(parameter);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(text.get().replace("_", ""));
            if (parsed < min || parsed > max) {
                diagnostics.error(
                        Location.ofSetting(parameter),
                        "value " + parsed + " is out of range",
                        "use a number from " + min + " to " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            diagnostics.error(
                    Location.ofSetting(parameter),
                    "'" + text.get() + "' is not a whole number",
                    "write a number such as " + fallback);
            return fallback;
        }
    }

    /** An amount above 0 per TiB, in the currency the budget's max_cost_per_month is written in. */
    private BigDecimal pricePerTib() {
        BigDecimal fallback = new BigDecimal(Parameters.DEFAULT_PRICE_PER_TIB);
        Optional<String> text = value(Parameters.PRICE_PER_TIB);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            BigDecimal price = new BigDecimal(text.get());
            if (price.signum() > 0) {
                return price;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        diagnostics.error(
                Location.ofSetting(Parameters.PRICE_PER_TIB),
                "'" + text.get() + "' is not a price above 0",
                "write the price of one TiB processed, e.g. " + fallback + " (BigQuery's on-demand list price in USD)");
        return fallback;
    }

    /** Whole seconds, minutes or hours ({@code 90m}, {@code 2h}) or an ISO-8601 duration ({@code PT1H30M}). */
    private Duration runTimeout() {
        Duration fallback = Duration.parse(Parameters.DEFAULT_RUN_TIMEOUT);
        Optional<String> text = value(Parameters.RUN_TIMEOUT);
        if (text.isEmpty()) {
            return fallback;
        }
        Matcher shorthand = DURATION_SHORTHAND.matcher(text.get());
        Duration parsed = null;
        if (shorthand.matches()) {
            parsed = Duration.parse(
                    "PT" + shorthand.group(1) + shorthand.group(2).toUpperCase(Locale.ROOT));
        } else {
            try {
                parsed = Duration.parse(text.get().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException notIso) {
                // reported below
            }
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_RUN_TIMEOUT) > 0) {
            diagnostics.error(
                    Location.ofSetting(Parameters.RUN_TIMEOUT),
                    "'" + text.get() + "' is not a duration from 1 second to 24 hours",
                    "write e.g. 90m, 2h or PT1H30M (the default is 1h)");
            return fallback;
        }
        return parsed;
    }

    private static final Pattern DURATION_SHORTHAND = Pattern.compile("([0-9]+)([smhSMH])");
    /** A refresh that has not finished in a day will not finish while someone waits for apply. */
    private static final Duration MAX_RUN_TIMEOUT = Duration.ofHours(24);

    /** Warehouse targets this release can apply to. */
    public static final List<String> TARGETS = List.of(Parameters.DEFAULT_TARGET, "bigquery");

    /**
     * Audience destinations this release can apply to: upload files, and Customer Match lists through the Data
     * Manager API (the connector's {@code DataManagerDestination.NAME}), and through the Google Ads API for developer
     * tokens Google still allowlists for Customer Match ({@code GoogleAdsDestination.NAME}).
     */
    public static final List<String> AUDIENCES = List.of(Parameters.DEFAULT_AUDIENCES, "datamanager", "google-ads");

    /**
     * One of the connectors this release has for {@code parameter}, the first being the default;
     * {@code defaultMeaning} says what that one is.
     */
    private String choice(String parameter, String what, List<String> available, String defaultMeaning) {
        String chosen = value(parameter).orElse(available.get(0));
        if (!available.contains(chosen)) {
            diagnostics.error(
                    Location.ofSetting(parameter),
                    what + " '" + chosen + "' is not available in this release",
                    "use -D" + parameter + "=" + available.get(0) + " (" + defaultMeaning + ")");
        }
        return chosen;
    }

    private double fraction(String parameter, double fallback) {
        Optional<String> text = value(parameter);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(text.get());
            if (parsed < 0 || parsed > 1) {
                diagnostics.error(
                        Location.ofSetting(parameter),
                        "value " + text.get() + " is out of range",
                        "use a number from 0 to 1, e.g. " + fallback);
            }
            return parsed;
        } catch (NumberFormatException e) {
            diagnostics.error(
                    Location.ofSetting(parameter),
                    "'" + text.get() + "' is not a number",
                    "write a number from 0 to 1, e.g. " + fallback);
            return fallback;
        }
    }

    /**
     * Locked when any source says so: {@code SEGMENTS_LOCKED=true} set by CI locks the build even
     * where the pom, which a pull request can edit, says {@code <locked>false</locked>}.
     */
    private boolean locked() {
        String variable = environment
                .getOrDefault(Parameters.environmentVariable(Parameters.LOCKED), "")
                .trim();
        return bool(Parameters.LOCKED) || variable.equalsIgnoreCase("true");
    }

    private boolean bool(String parameter) {
        Optional<String> text = value(parameter);
        if (text.isEmpty()) {
            return false;
        }
        if (!text.get().equalsIgnoreCase("true") && !text.get().equalsIgnoreCase("false")) {
            diagnostics.error(
                    Location.ofSetting(parameter),
                    "'" + text.get() + "' is not true or false",
                    "write -D" + parameter + "=true");
        }
        return text.get().equalsIgnoreCase("true");
    }

    /**
     * Years a reference time may have. Event data starts after 1970 and BigQuery's timestamps end
     * with 9999; a year outside (0, an extra digit) is a typo, and would not even parse in BigQuery.
     */
    private static final int FIRST_AS_OF_YEAR = 1970;

    private static final int LAST_AS_OF_YEAR = 9999;
    /** The year as written, before the first '-' of the date: {@code 99999-01-01} does not parse as a date at all. */
    private static final Pattern WRITTEN_YEAR = Pattern.compile("^([+-]?\\d+)-");

    private Optional<Instant> asOf(String text) {
        Matcher year = WRITTEN_YEAR.matcher(text);
        if (year.find()) {
            BigInteger written = new BigInteger(year.group(1));
            if (written.compareTo(BigInteger.valueOf(FIRST_AS_OF_YEAR)) < 0
                    || written.compareTo(BigInteger.valueOf(LAST_AS_OF_YEAR)) > 0) {
                diagnostics.error(
                        Location.ofSetting(Parameters.AS_OF),
                        "year " + year.group(1) + " is out of range",
                        "write a date from " + FIRST_AS_OF_YEAR + "-01-01 to " + LAST_AS_OF_YEAR
                                + "-12-31 (UTC), e.g. 2026-10-31");
                return Optional.empty();
            }
        }
        return instant(text);
    }

    /** Accepts {@code 2026-10-31} (its last microsecond, UTC) or an ISO instant / local date-time (UTC). */
    private Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDateTime) {
                try {
                    return Optional.of(LocalDate.parse(text)
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .minusNanos(1_000));
                } catch (DateTimeParseException notDate) {
                    diagnostics.error(
                            Location.ofSetting(Parameters.AS_OF),
                            "'" + text + "' is not a date or time",
                            "write 2026-10-31 or 2026-10-31T23:59:59Z (UTC)");
                    return Optional.empty();
                }
            }
        }
    }
}
