package io.segmentsascode.brief;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.intent.IntentModel;
import io.segmentsascode.model.Segment;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * segments:generate for briefs: a mapped segment whose brief is missing or stale gets a new draft,
 * from the local cache when the same prompt was answered before, else from the model with the
 * brief's JSON schema as structured output. An answer without the brief's shape is refused and
 * nothing is pinned for it (a stale pin stays, still warned about). A model that cannot be opened
 * (no credentials) leaves briefs undrafted with a warning: briefs never block the SQL pins.
 */
public final class BriefGenerator {

    /** What happened to one segment's brief, for the console. */
    public record Outcome(String segmentId, String what) {}

    private final Supplier<IntentModel> model;
    private final Path cacheDir;

    /** @param model opened only if some brief must really be drafted */
    public BriefGenerator(Supplier<IntentModel> model, Path stateDir) {
        this.model = model;
        this.cacheDir = stateDir.resolve("cache").resolve("briefs");
    }

    /**
     * @param mapped   the segments campaign mappings activate
     * @param profiles their profiles on the sample (a segment without one keeps what it has)
     */
    public BriefLock generate(
            List<Segment> mapped,
            Map<String, SegmentProfile> profiles,
            BriefLock lock,
            Diagnostics diagnostics,
            List<Outcome> outcomes) {
        BriefLock next = lock.retain(mapped.stream().map(Segment::id).collect(Collectors.toSet()));
        lock.pins().keySet().stream()
                .filter(id -> next.pin(id).isEmpty())
                .forEach(id -> outcomes.add(new Outcome(id, "brief removed (no mapping activates it)")));
        BriefLock result = next;
        Optional<IntentModel> llm = Optional.empty();
        Optional<String> unavailable = Optional.empty();
        for (Segment segment : mapped) {
            SegmentProfile profile = profiles.get(segment.id());
            if (profile == null) {
                continue;
            }
            BriefStatus status = BriefStatus.of(segment, profile, result);
            if (status.kind() == BriefStatus.Kind.CURRENT) {
                continue;
            }
            BriefPrompt prompt = BriefPrompt.of(segment, profile);
            Path cached = cacheDir.resolve(prompt.key() + ".json");
            String provenance;
            String answer;
            if (Files.isRegularFile(cached)) {
                answer = read(cached);
                provenance = answer.lines().findFirst().orElse("");
                answer = answer.substring(provenance.length()).strip();
            } else {
                if (llm.isEmpty() && unavailable.isEmpty()) {
                    try {
                        llm = Optional.of(model.get());
                    } catch (SegmentsException e) {
                        unavailable = Optional.of(e.diagnostics().get(0).message());
                    }
                }
                if (llm.isEmpty()) {
                    // briefs are optional text for humans: no model (no credentials) never blocks the SQL pins
                    diagnostics.warning(
                            segment.definedAt(),
                            "no brief drafted for " + segment.id() + ": the model is not available ("
                                    + unavailable.orElseThrow() + ")",
                            "configure model credentials and run mvn segments:generate again, or write the brief"
                                    + " by hand into " + BriefLock.FILE_NAME);
                    continue;
                }
                answer = llm.get().generateJson(prompt.prompt(), BriefShape.JSON_SCHEMA);
                provenance = BriefPin.MODEL_PROVENANCE + llm.get().model();
            }
            Brief brief;
            try {
                brief = BriefShape.parse(answer);
            } catch (BriefShape.MalformedBriefException e) {
                diagnostics.error(
                        segment.definedAt(),
                        "the model's brief for " + segment.id() + " is malformed and was refused: "
                                + String.join("; ", e.problems()),
                        "run mvn segments:generate again, or write the brief by hand into " + BriefLock.FILE_NAME
                                + " with provenance \"" + BriefPin.HAND_WRITTEN_PROVENANCE + " (<who, why>)\"");
                continue;
            }
            write(cached, provenance + "\n" + answer);
            result = result.with(new BriefPin(
                    segment.id(),
                    provenance,
                    segment.specHash(),
                    profile.lines(),
                    profile.dataDate().toString(),
                    brief));
            outcomes.add(new Outcome(
                    segment.id(),
                    "brief drafted by " + provenance + " ("
                            + (status.kind() == BriefStatus.Kind.MISSING ? "new" : "stale: " + status.why()) + ")"));
        }
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the brief cache " + file, e);
        }
    }
}
