package io.segmentsascode.intent;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalysisCache;
import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.analyze.Guardrails;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.model.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where intent and sql segments get their SQL at compile time: intents from their pin in
 * segments.lock (never from the model), sql segments from their file. Either way the SQL must
 * pass the guardrails, decided on an analysis made on this machine: the analysis a pin records in
 * the lock is a record for reviewers, never trusted, because a pull request can edit it.
 *
 * <p>Two ways to get that analysis ({@link Analyses}): {@code Fresh} analyses every query now
 * (locked builds, CI, every remote target) and requires the lock's record, where there is one for
 * the same SQL, to equal the fresh result; {@code LocalCache} reuses this machine's own earlier
 * analyses from the untracked state folder (local, unlocked builds).
 *
 * <p>What is embedded into compiled SQL is the analysed statement's own text, as the parser
 * delimits it: no trailing {@code ;}, no comment after it.
 */
public final class SqlSources {

    /** How a pin relates to the current definition. */
    public record PinStatus(String segmentId, Optional<Pin> pin, GenerationKey key, List<String> changedInputs) {
        public boolean missing() {
            return pin.isEmpty();
        }

        public boolean stale() {
            return pin.isPresent() && !pin.get().key().equals(key.key());
        }
    }

    private final Warehouse warehouse;
    private final AnalysisCatalog catalog;
    private final String catalogHash;
    private final AnalyzerProvider analyzers;
    private final Analyses analyses;
    private final String model;

    public SqlSources(Warehouse warehouse, AnalyzerProvider analyzers, Analyses analyses, String model) {
        this.warehouse = warehouse;
        this.catalog = Catalogs.of(warehouse);
        this.catalogHash = Catalogs.hash(catalog);
        this.analyzers = analyzers;
        this.analyses = analyses;
        this.model = model;
    }

    public AnalysisCatalog catalog() {
        return catalog;
    }

    public String catalogHash() {
        return catalogHash;
    }

    public String analyzerVersion() {
        return analyzers.version();
    }

    public IntentPrompt prompt(SegmentDefinition.Intent intent) {
        return IntentPrompt.of(
                PromptTemplate.current(),
                warehouse,
                intent.intent(),
                intent.columns(),
                Prompt.GenerationConfig.DETERMINISTIC);
    }

    public PinStatus status(Segment segment, LockFile lock) {
        SegmentDefinition.Intent intent = (SegmentDefinition.Intent) segment.definition();
        GenerationKey key = GenerationKey.of(model, prompt(intent));
        Optional<Pin> pin = lock.pin(segment.id());
        List<String> changed = new ArrayList<>();
        pin.ifPresent(p -> key.inputs().forEach((input, hash) -> {
            if (!hash.equals(p.inputs().get(input))) {
                changed.add(input);
            }
        }));
        return new PinStatus(segment.id(), pin, key, changed);
    }

    /** Human words for a stale pin: "the intent text changed; the model changed (a -> b)". */
    public static String why(PinStatus status) {
        List<String> reasons = new ArrayList<>();
        for (String input : status.changedInputs()) {
            String meaning = GenerationKey.MEANING.get(input);
            if (input.equals(GenerationKey.MODEL)) {
                meaning += " (" + status.pin().orElseThrow().inputs().get(input) + " -> "
                        + status.key().inputs().get(input) + ")";
            }
            reasons.add(meaning);
        }
        return reasons.isEmpty() ? "the generation key changed" : String.join("; ", reasons);
    }

    /**
     * SQL for every intent and sql segment. Missing pins are errors; stale pins are errors when
     * {@code locked}, warnings otherwise (the old SQL is used until segments:generate refreshes it).
     */
    public Map<String, EmbeddedSql> resolve(
            List<Segment> segments, LockFile lock, Path lockFile, boolean locked, Diagnostics diagnostics) {
        Map<String, EmbeddedSql> sources = new TreeMap<>();
        for (Segment segment : segments) {
            if (segment.definition() instanceof SegmentDefinition.Intent intent) {
                PinStatus status = status(segment, lock);
                Location at = intent.location();
                if (status.missing()) {
                    diagnostics.error(
                            at,
                            "no SQL is pinned for intent segment " + segment.id() + " in segments.lock",
                            "run mvn segments:generate (needs model credentials) and commit segments.lock");
                    continue;
                }
                if (status.stale()) {
                    String message = "the pinned SQL of " + segment.id() + " is stale: " + why(status);
                    String hint =
                            "run mvn segments:generate to refresh it, review the SQL diff and commit segments.lock";
                    if (locked) {
                        diagnostics.error(at, message, hint);
                        continue;
                    }
                    diagnostics.warning(at, message + "; using the pinned SQL", hint);
                }
                Pin pin = status.pin().get();
                // the pinned SQL is not in the segment file: its problems point at the intent
                checked(
                                segment.id(),
                                pin.sql(),
                                intent.columns(),
                                Optional.of(pin),
                                lock.location(segment.id(), lockFile),
                                (line, column) -> at,
                                "pinned SQL of " + segment.id() + ": ",
                                diagnostics)
                        .ifPresent(sql -> sources.put(segment.id(), sql));
            } else if (segment.definition() instanceof SegmentDefinition.Sql sql) {
                // a lock entry of a hand-written query only records its analysis; the file's SQL is what runs
                Optional<Pin> recorded =
                        lock.pin(segment.id()).filter(p -> p.sql().equals(sql.sql()));
                checked(
                                segment.id(),
                                sql.sql(),
                                sql.columns(),
                                recorded,
                                lock.location(segment.id(), lockFile),
                                sql::locate,
                                "",
                                diagnostics)
                        .ifPresent(embedded -> sources.put(segment.id(), embedded));
            }
        }
        return sources;
    }

    /** Maps a position of the SQL text to the place in the files a message should point at. */
    interface Locator {
        Location locate(int line, int column);
    }

    /**
     * The guardrail verdict on one SQL text; violations are reported where {@code locator} says,
     * a record in the lock that disagrees with a fresh analysis at {@code recordAt}.
     */
    Optional<EmbeddedSql> checked(
            String segmentId,
            String sql,
            List<OutputColumn> contract,
            Optional<Pin> recorded,
            Location recordAt,
            Locator locator,
            String prefix,
            Diagnostics diagnostics) {
        String sqlHash = Sha256.hex(sql);
        if (analyses instanceof Analyses.LocalCache local) {
            Optional<AnalysisCache.Entry> cached = local.cache()
                    .get(sqlHash, catalogHash, analyzers.version())
                    .filter(a -> a.columns().equals(contract));
            if (cached.isPresent()) {
                return Optional.of(embedded(segmentId, sql, cached.get(), contract));
            }
        }
        AnalysisResult result = analyze(sql, contract);
        if (!result.violations().isEmpty()) {
            for (Guardrails.Violation violation : result.violations()) {
                diagnostics.error(
                        locator.locate(violation.line(), violation.column()),
                        prefix + violation.message(),
                        violation.hint());
            }
            return Optional.empty();
        }
        if (analyses instanceof Analyses.Fresh
                && recorded.isPresent()
                && !recorded.get().analysis().equals(result.analysis())) {
            diagnostics.error(
                    recordAt,
                    "the analysis segments.lock records for " + segmentId + " differs from a fresh one ("
                            + describe(recorded.get().analysis()) + " recorded; " + describe(result.analysis())
                            + " found)",
                    "run mvn segments:generate to record the fresh analysis, and review the lock diff");
            return Optional.empty();
        }
        AnalysisCache.Entry entry =
                new AnalysisCache.Entry(result.statement(), result.analysis().tables(), contract);
        if (analyses instanceof Analyses.LocalCache local) {
            local.cache().put(sqlHash, catalogHash, analyzers.version(), entry);
        }
        return Optional.of(embedded(segmentId, sql, entry, contract));
    }

    private static EmbeddedSql embedded(
            String segmentId, String sql, AnalysisCache.Entry entry, List<OutputColumn> contract) {
        return new EmbeddedSql(
                segmentId,
                sql.substring(entry.statement().start(), entry.statement().end()),
                entry.tables(),
                contract);
    }

    private static String describe(Pin.Analysis analysis) {
        return analysis.analyzer() + ", catalog " + analysis.catalog().substring(0, 12) + ", tables "
                + analysis.tables() + ", columns "
                + analysis.columns().stream()
                        .map(c -> c.name() + " " + c.type())
                        .toList();
    }

    /**
     * Analysis plus guardrails, for compile and for generation rounds alike.
     *
     * @param statement where the one statement stands in the text; meaningful only without violations
     */
    public record AnalysisResult(
            Pin.Analysis analysis, SqlAnalysis.TextRange statement, List<Guardrails.Violation> violations) {}

    public AnalysisResult analyze(String sql, List<OutputColumn> contract) {
        SqlAnalyzer analyzer = Analyses.decidingAnalyzer(analyzers, analyses);
        SqlAnalysis analysis = analyzer.analyze(sql, catalog);
        List<Guardrails.Violation> violations = new ArrayList<>(Guardrails.check(analysis, catalog, contract));
        if (violations.isEmpty() && analysis.statement().isEmpty()) {
            // the analyzer accepted one query but cannot say where it stands: nothing safe to embed
            violations.add(new Guardrails.Violation(
                    1, 1, "the analyzer did not delimit the statement", "write exactly one SELECT statement"));
        }
        List<String> tables = new ArrayList<>(new TreeSet<>(
                analysis.tables().stream().map(SqlAnalysis.Use::name).toList()));
        List<OutputColumn> columns = new ArrayList<>();
        for (SqlAnalysis.OutputColumn column : analysis.columns()) {
            try {
                columns.add(new OutputColumn(column.name(), ColumnType.valueOf(column.type())));
            } catch (IllegalArgumentException notAContractType) {
                // ARRAY/STRUCT columns cannot be in a contract; Guardrails already reported the mismatch
            }
        }
        return new AnalysisResult(
                new Pin.Analysis(analyzer.version(), catalogHash, tables, columns),
                analysis.statement().orElse(new SqlAnalysis.TextRange(0, sql.length())),
                violations);
    }
}
