package io.segmentsascode.intent;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * segments:generate: refreshes missing and stale pins. An answer is looked up in the local cache
 * by generation key before the model is asked; the model's SQL must pass the guardrails (and, when
 * a check is given, run on the sample), otherwise the problems go back to it for at most
 * {@link #MAX_REPAIRS} repair rounds. Hand-reviewed SQL can be pinned instead of the model's
 * ({@code pinFrom}: a folder of {@code <segment-id>.sql} files).
 */
public final class IntentGenerator {

    public static final int MAX_REPAIRS = 2;
    public static final String TOOL = "segments-as-code 0.1.0";

    /** What happened to one segment's pin, for the console. */
    public record Outcome(String segmentId, String what) {}

    private final SqlSources sources;
    private final Supplier<IntentModel> model;
    private final Path cacheDir;
    private final SampleCheck sampleCheck;

    /** Runs accepted SQL on the sample warehouse; a message when it fails there. */
    public interface SampleCheck {
        Optional<String> check(Segment segment, EmbeddedSql sql);
    }

    /**
     * @param model       opened only if some pin must really be generated (it may need credentials)
     */
    public IntentGenerator(SqlSources sources, Supplier<IntentModel> model, Path stateDir, SampleCheck sampleCheck) {
        this.sources = sources;
        this.model = model;
        this.cacheDir = stateDir.resolve("cache").resolve("generation");
        this.sampleCheck = sampleCheck;
    }

    /** The refreshed lock; problems go to {@code diagnostics}, successes to {@code outcomes}. */
    public LockFile generate(
            List<Segment> segments,
            LockFile lock,
            Optional<Path> pinFrom,
            Diagnostics diagnostics,
            List<Outcome> outcomes) {
        LockFile next = lock.retain(segments.stream().map(Segment::id).collect(Collectors.toSet()));
        for (String id : lock.pins().keySet()) {
            if (next.pin(id).isEmpty()) {
                outcomes.add(new Outcome(id, "removed (segment no longer exists)"));
            }
        }
        for (Segment segment : segments) {
            if (segment.definition() instanceof SegmentDefinition.Sql sql) {
                Optional<Pin> recorded = recordAnalysis(segment, sql, next.pin(segment.id()), diagnostics);
                if (recorded.isPresent()) {
                    next = next.with(recorded.get());
                    outcomes.add(new Outcome(segment.id(), "recorded the analysis of its hand-written SQL"));
                }
                continue;
            }
            if (!(segment.definition() instanceof SegmentDefinition.Intent intent)) {
                continue;
            }
            SqlSources.PinStatus status = sources.status(segment, next);
            Optional<Path> reviewed =
                    pinFrom.map(dir -> dir.resolve(segment.id() + ".sql")).filter(Files::isRegularFile);
            Optional<Pin> pin = Optional.empty();
            if (reviewed.isPresent()) {
                pin = pinReviewed(segment, intent, status, read(reviewed.get()), diagnostics, outcomes);
            } else if (status.missing() || status.stale()) {
                String why = status.missing() ? "new" : SqlSources.why(status);
                pin = generated(segment, intent, status, diagnostics);
                pin.ifPresent(p -> outcomes.add(
                        new Outcome(segment.id(), "pinned SQL from " + p.provenance() + " (" + why + ")")));
            }
            if (pin.isPresent()) {
                next = next.with(pin.get());
            }
        }
        return next;
    }

    /**
     * Hand-written SQL runs from its file; the lock only records its analysis so compiles can skip
     * it. Empty when the recorded analysis is still current (or the SQL breaks a guardrail).
     */
    private Optional<Pin> recordAnalysis(
            Segment segment, SegmentDefinition.Sql sql, Optional<Pin> current, Diagnostics diagnostics) {
        String sqlHash = Sha256.hex(sql.sql());
        boolean currentStillHolds = current.filter(p -> p.sqlSha256().equals(sqlHash)
                        && p.analysis().analyzer().equals(sources.analyzerVersion())
                        && p.analysis().catalog().equals(sources.catalogHash()))
                .isPresent();
        if (currentStillHolds) {
            return Optional.empty();
        }
        SqlSources.AnalysisResult result = sources.analyze(sql.sql(), sql.columns());
        if (!result.violations().isEmpty()) {
            result.violations()
                    .forEach(v -> diagnostics.error(sql.locate(v.line(), v.column()), v.message(), v.hint()));
            return Optional.empty();
        }
        return Optional.of(new Pin(
                segment.id(),
                "hand-written in " + segment.file().getFileName(),
                sqlHash,
                Map.of("sql", sqlHash),
                sqlHash,
                result.analysis(),
                TOOL,
                sql.sql()));
    }

    public static final String REVIEWED_PROVENANCE =
            "hand-written: reviewed SQL pinned with segments.pinFrom, not generated by the model";

    private Optional<Pin> pinReviewed(
            Segment segment,
            SegmentDefinition.Intent intent,
            SqlSources.PinStatus status,
            String sql,
            Diagnostics diagnostics,
            List<Outcome> outcomes) {
        if (!status.stale() && status.pin().filter(p -> p.sql().equals(sql)).isPresent()) {
            return Optional.empty(); // already pinned, same key
        }
        SqlSources.AnalysisResult result = sources.analyze(sql, intent.columns());
        if (!result.violations().isEmpty()) {
            result.violations()
                    .forEach(v -> diagnostics.error(
                            intent.location(),
                            "reviewed SQL for " + segment.id() + " at " + v.line() + ":" + v.column() + ": "
                                    + v.message(),
                            v.hint()));
            return Optional.empty();
        }
        outcomes.add(new Outcome(segment.id(), "pinned hand-reviewed SQL"));
        return Optional.of(pin(segment, status, REVIEWED_PROVENANCE, sql, result));
    }

    private Optional<Pin> generated(
            Segment segment, SegmentDefinition.Intent intent, SqlSources.PinStatus status, Diagnostics diagnostics) {
        Path cached = cacheDir.resolve(status.key().key() + ".sql");
        if (Files.isRegularFile(cached)) {
            String sql = read(cached);
            SqlSources.AnalysisResult result = sources.analyze(sql, intent.columns());
            if (result.violations().isEmpty()) {
                return Optional.of(
                        pin(segment, status, "model " + status.key().inputs().get(GenerationKey.MODEL), sql, result));
            }
        }
        IntentModel llm = model.get();
        IntentPrompt prompt = sources.prompt(intent);
        Prompt request = prompt.prompt();
        List<String> problems = new ArrayList<>();
        for (int round = 0; round <= MAX_REPAIRS; round++) {
            String answer = llm.generate(request);
            StringBuilder why = new StringBuilder();
            Optional<String> sql = SqlAnswer.clean(answer, why);
            problems.clear();
            if (sql.isEmpty()) {
                problems.add(why.toString());
            } else {
                SqlSources.AnalysisResult result = sources.analyze(sql.get(), intent.columns());
                result.violations()
                        .forEach(v ->
                                problems.add(v.line() + ":" + v.column() + ": " + v.message() + " (" + v.hint() + ")"));
                if (problems.isEmpty()) {
                    String statement = sql.get()
                            .substring(
                                    result.statement().start(),
                                    result.statement().end());
                    sampleCheck
                            .check(
                                    segment,
                                    new EmbeddedSql(
                                            segment.id(),
                                            statement,
                                            result.analysis().tables(),
                                            intent.columns()))
                            .ifPresent(problems::add);
                }
                if (problems.isEmpty()) {
                    write(cached, sql.get());
                    return Optional.of(pin(segment, status, "model " + llm.model(), sql.get(), result));
                }
            }
            request = repair(prompt.prompt(), answer, problems);
        }
        diagnostics.error(
                intent.location(),
                "the model's SQL for " + segment.id() + " still breaks the guardrails after " + MAX_REPAIRS
                        + " repair rounds: " + String.join("; ", problems),
                "make the intent more precise, or pin reviewed SQL with -Dsegments.pinFrom=<folder of <id>.sql files>");
        return Optional.empty();
    }

    /** The original question, the rejected answer and why: what a repair round sends. */
    static Prompt repair(Prompt original, String answer, List<String> problems) {
        StringBuilder text = new StringBuilder(original.userText())
                .append("\n\nYour previous answer was rejected:\n")
                .append(answer == null ? "" : answer.strip())
                .append("\n\nProblems:\n");
        problems.forEach(p -> text.append("- ").append(p).append('\n'));
        text.append("\nReturn the corrected SQL only.");
        return new Prompt(original.systemInstruction(), text.toString(), original.config());
    }

    private static Pin pin(
            Segment segment,
            SqlSources.PinStatus status,
            String provenance,
            String sql,
            SqlSources.AnalysisResult result) {
        return new Pin(
                segment.id(),
                provenance,
                status.key().key(),
                status.key().inputs(),
                Sha256.hex(sql),
                result.analysis(),
                TOOL,
                sql);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String sql) {
        try {
            AtomicFiles.write(file, sql);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generation cache " + file, e);
        }
    }
}
