package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedExpression;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.audience.IdentifierSql;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.render.DuckDbDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The hashing SQL a warehouse target runs equals the Java normaliser and hasher that the Data Manager destination
 * applies, on Google's published examples (developers.google.com/data-manager/api/devguides/concepts/formatting:
 * {@code cloudy.sanfrancisco+shopping@gmail.com → cloudysanfrancisco@gmail.com},
 * {@code user.name+NYC@Example.com → user.name+nyc@example.com}, US phone {@code (800)555-0100 → +18005550100})
 * and tricky cases. BigQuery's SQL is run by GoogleSQL's reference evaluator, DuckDB's by DuckDB.
 */
class IdentifierSqlDialectsTest {

    private static final IdentifierHasher JAVA = IdentifierHasher.forDataManager("DE");

    private static final List<String> EMAILS = Arrays.asList(
            "cloudy.sanfrancisco+shopping@gmail.com",
            "user.name+NYC@Example.com",
            "  Jane.Doe@Gmail.com  ",
            "JOHN.SMITH+promo@GOOGLEMAIL.COM",
            "a.b.c+d+e@gmail.com",
            "+tag@gmail.com",
            "....@gmail.com",
            "dots.only.@gmail.com",
            "x@gmail.com.example.org",
            "user@sub.example.co.uk",
            "tab\there@example.com",
            "nbsp\u00A0inside@example.com",
            "\u2003em.space@example.com\u2003",
            "line\u2028sep@example.com",
            "Mixed+Plus@Example.com",
            "ÄNNE@Exämple.de",
            "no-at-sign.example.com",
            "two@@example.com",
            "a@b@example.com",
            "@example.com",
            "a@.com",
            "a@b..com",
            "a@com.",
            "a@com",
            "",
            "   ",
            null);

    /** A phone and whether SQL normalises it like Java (true) or, by design, leaves it out (false: NULL). */
    private record Phone(String raw, boolean sqlNormalises) {}

    private static final List<Phone> PHONES = List.of(
            new Phone("+1 (800) 555-0100", true),
            new Phone("+49 151 23456789", true),
            new Phone("  +49-151-2345-6789  ", true),
            new Phone("+44 20 7946 0958", true),
            new Phone("+33 1 23 45 67 89", true),
            new Phone("+49.30.1234567", true),
            new Phone("(800)555-0100", false), // Google's example has no country code: national numbers need Java
            new Phone("0151 23456789", false),
            new Phone("+49 (0) 30 1234567", false),
            new Phone("+1 800 555 0100 ext. 12", false),
            new Phone("0049 151 23456789", false),
            new Phone("+49 12", false),
            new Phone("phone", false),
            new Phone("", false));

    @Test
    void duckDbHashesEmailsAndPhonesAsJavaDoes() throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            BiFunction<String, String, String> run = (sql, raw) -> duckDb(duckdb, sql, raw);
            assertEmails(new DuckDbDialect(), run);
            assertPhones(new DuckDbDialect(), run);
        }
    }

    @Test
    void bigQueryHashesEmailsAndPhonesAsJavaDoes() {
        assumeTrue(
                SqlAnalyzers.best().fallbackReason().isEmpty(),
                "GoogleSQL's native library does not load on this platform");
        BiFunction<String, String, String> run = IdentifierSqlDialectsTest::bigQuery;
        assertEmails(new BigQueryDialect(), run);
        assertPhones(new BigQueryDialect(), run);
    }

    @Test
    void theSqlIsTheDialectsOwnHashing() {
        assertTrue(IdentifierSql.hashedEmail(new BigQueryDialect(), "email").startsWith("TO_HEX(SHA256("));
        assertTrue(IdentifierSql.hashedEmail(new DuckDbDialect(), "email").startsWith("sha256("));
    }

    private static void assertEmails(Dialect dialect, BiFunction<String, String, String> run) {
        String sql = IdentifierSql.hashedEmail(dialect, "raw");
        List<String> hashed = new ArrayList<>();
        for (String raw : EMAILS) {
            Optional<String> java = JAVA.hashEmail(raw);
            assertEquals(
                    java.orElse(null), run.apply(sql, raw), dialect.getClass().getSimpleName() + ": " + raw);
            java.ifPresent(hashed::add);
        }
        assertTrue(hashed.size() >= 12 && hashed.size() < EMAILS.size(), "both outcomes are covered: " + hashed.size());
    }

    private static void assertPhones(Dialect dialect, BiFunction<String, String, String> run) {
        String sql = IdentifierSql.hashedPhone(dialect, "raw");
        for (Phone phone : PHONES) {
            String inSql = run.apply(sql, phone.raw());
            String where = dialect.getClass().getSimpleName() + ": " + phone.raw();
            if (phone.sqlNormalises()) {
                assertEquals(JAVA.hashPhone(phone.raw()).orElseThrow(() -> new AssertionError(where)), inSql, where);
            } else {
                assertEquals(null, inSql, where);
            }
        }
        // Google's US example, once written with its country code
        assertEquals(
                JAVA.hashPhone("+18005550100").orElseThrow(), run.apply(sql, "+1 (800) 555-0100"), "Google's example");
    }

    private static String duckDb(Connection duckdb, String expression, String raw) {
        try (PreparedStatement query =
                duckdb.prepareStatement("SELECT " + expression + " FROM (SELECT CAST(? AS VARCHAR) AS raw)")) {
            query.setString(1, raw);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String bigQuery(String expression, String raw) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.addQueryParameter("raw", TypeFactory.createSimpleType(TypeKind.TYPE_STRING));
        try (PreparedExpression prepared = new PreparedExpression(expression.replace("raw", "@raw"))) {
            prepared.prepare(options);
            Value value = prepared.execute(
                    Map.of(),
                    Map.of(
                            "raw",
                            raw == null
                                    ? Value.createSimpleNullValue(TypeKind.TYPE_STRING)
                                    : Value.createStringValue(raw)));
            return value.isNull() ? null : value.getStringValue();
        }
    }
}
