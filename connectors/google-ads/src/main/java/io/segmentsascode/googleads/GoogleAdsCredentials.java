package io.segmentsascode.googleads;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a Google Ads API call needs besides its request: the developer token, the manager account acting for the
 * advertiser ({@code login-customer-id}) and an OAuth client with a refresh token. Read from the environment
 * variables the Google Ads client libraries document ({@code GOOGLE_ADS_DEVELOPER_TOKEN}, ...) or else from the
 * standard {@code ads.properties} ({@code api.googleads.developerToken}, ...; {@code GOOGLE_ADS_CONFIGURATION_FILE_PATH}
 * or {@code ~/ads.properties}), never from the repository. Missing pieces are named together in one error; the values
 * are never printed: {@link #toString()} shows only which were found.
 */
public final class GoogleAdsCredentials {

    /** One credential: its environment variable and its key in ads.properties, as GoogleAdsClient spells them. */
    enum Piece {
        DEVELOPER_TOKEN("GOOGLE_ADS_DEVELOPER_TOKEN", "api.googleads.developerToken"),
        LOGIN_CUSTOMER_ID("GOOGLE_ADS_LOGIN_CUSTOMER_ID", "api.googleads.loginCustomerId"),
        CLIENT_ID("GOOGLE_ADS_CLIENT_ID", "api.googleads.clientId"),
        CLIENT_SECRET("GOOGLE_ADS_CLIENT_SECRET", "api.googleads.clientSecret"),
        REFRESH_TOKEN("GOOGLE_ADS_REFRESH_TOKEN", "api.googleads.refreshToken");

        final String variable;
        final String property;

        Piece(String variable, String property) {
            this.variable = variable;
            this.property = property;
        }
    }

    static final String CONFIGURATION_FILE_VARIABLE = "GOOGLE_ADS_CONFIGURATION_FILE_PATH";

    private final Map<Piece, String> values;

    private GoogleAdsCredentials(Map<Piece, String> values) {
        this.values = values;
    }

    /**
     * Every piece from {@code environment}, else from ads.properties.
     *
     * @param oauth false when {@code segments.googleCredentials=none} against a local endpoint: no OAuth client needed
     * @throws ConfigException naming every missing piece at once, with where each can be given
     */
    public static GoogleAdsCredentials read(Map<String, String> environment, boolean oauth) {
        Path file = Optional.ofNullable(environment.get(CONFIGURATION_FILE_VARIABLE))
                .filter(v -> !v.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), "ads.properties"));
        Properties properties = load(file);
        Map<Piece, String> values = new LinkedHashMap<>();
        List<Piece> missing = new ArrayList<>();
        for (Piece piece : Piece.values()) {
            if (!oauth && piece.ordinal() >= Piece.CLIENT_ID.ordinal()) {
                continue;
            }
            String value = Optional.ofNullable(environment.get(piece.variable))
                    .filter(v -> !v.isBlank())
                    .orElse(properties.getProperty(piece.property, ""))
                    .trim();
            if (value.isEmpty()) {
                missing.add(piece);
            } else {
                values.put(piece, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(List.of(Diagnostic.error(
                    Location.ofSetting(Parameters.AUDIENCES),
                    "the Google Ads API needs credentials that were not found: "
                            + String.join(
                                    ", ",
                                    missing.stream()
                                            .map(p -> p.variable + " (" + p.property + ")")
                                            .toList()),
                    "set these environment variables or put the keys in parentheses into " + file
                            + "; or use the default -D" + Parameters.AUDIENCES
                            + "=datamanager, which needs no developer token")));
        }
        String login = values.get(Piece.LOGIN_CUSTOMER_ID).replace("-", "");
        if (!login.matches("[0-9]{10}")) {
            throw new ConfigException(List.of(Diagnostic.error(
                    Location.ofSetting(Piece.LOGIN_CUSTOMER_ID.variable),
                    "the login customer id is not a Google Ads customer id (10 digits, dashes allowed)",
                    "give the id of the manager account that acts for the advertiser, e.g. 123-456-7890")));
        }
        values.put(Piece.LOGIN_CUSTOMER_ID, login);
        return new GoogleAdsCredentials(values);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new ConfigException(
                        CONFIGURATION_FILE_VARIABLE,
                        "cannot read " + file + ": " + e.getMessage(),
                        "make the file readable or set the GOOGLE_ADS_* environment variables instead");
            }
        }
        return properties;
    }

    String developerToken() {
        return values.get(Piece.DEVELOPER_TOKEN);
    }

    String loginCustomerId() {
        return values.get(Piece.LOGIN_CUSTOMER_ID);
    }

    /** The OAuth client and refresh token, absent with {@code segments.googleCredentials=none}. */
    Optional<OAuthClient> oauth() {
        if (!values.containsKey(Piece.REFRESH_TOKEN)) {
            return Optional.empty();
        }
        return Optional.of(new OAuthClient(
                values.get(Piece.CLIENT_ID), values.get(Piece.CLIENT_SECRET), values.get(Piece.REFRESH_TOKEN)));
    }

    record OAuthClient(String clientId, String clientSecret, String refreshToken) {
        @Override
        public String toString() {
            return "OAuthClient[values hidden]";
        }
    }

    /** Which pieces were found, never their values. */
    @Override
    public String toString() {
        return "GoogleAdsCredentials" + values.keySet();
    }
}
