package io.segmentsascode.brief;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #FILE_NAME}, next to {@code segments.lock}: the pinned brief of each mapped segment,
 * committed so pull requests show the text. JSON with one block per segment, sorted by id, written
 * byte-for-byte the same from the same pins. Read like a model's answer: every brief is checked
 * against {@link BriefShape} again, whatever the file says about it, and the renderers escape it.
 */
public final class BriefLock {

    public static final String FILE_NAME = "briefs.lock";
    public static final int FORMAT_VERSION = 1;
    static final String ABOUT = "Campaign briefs drafted from each mapped segment's bucketed profile. Written by"
            + " mvn segments:generate; text for humans, never executed or applied.";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SEGMENT_ID = Pattern.compile("[a-z][a-z0-9_]{0,127}");
    private static final int MAX_PROFILE_LINES = 10;
    private static final int MAX_LINE = 200;

    private final Map<String, BriefPin> pins;

    private BriefLock(Map<String, BriefPin> pins) {
        this.pins = new TreeMap<>(pins);
    }

    public static BriefLock empty() {
        return new BriefLock(Map.of());
    }

    /** Where the briefs lock of a project lives: beside its {@code segments.lock}. */
    public static Path beside(Path segmentsLock) {
        return segmentsLock.resolveSibling(FILE_NAME);
    }

    public Optional<BriefPin> pin(String segmentId) {
        return Optional.ofNullable(pins.get(segmentId));
    }

    public Map<String, BriefPin> pins() {
        return Collections.unmodifiableMap(pins);
    }

    public BriefLock with(BriefPin pin) {
        Map<String, BriefPin> next = new TreeMap<>(pins);
        next.put(pin.segmentId(), pin);
        return new BriefLock(next);
    }

    /** Keeps only the briefs of segments that are still mapped. */
    public BriefLock retain(Set<String> segmentIds) {
        Map<String, BriefPin> next = new TreeMap<>(pins);
        next.keySet().retainAll(segmentIds);
        return new BriefLock(next);
    }

    /**
     * Reads and checks the lock; all of its problems come back together.
     *
     * @throws BriefException when any entry does not have the one shape a pin may have
     */
    public static BriefLock read(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        Location at = Location.startOf(file);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new BriefException(List.of(
                    Diagnostic.error(at, FILE_NAME + " is not valid JSON: " + e.getOriginalMessage(), restore())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, BriefPin> pins = new TreeMap<>();
        if (root == null || !root.isObject()) {
            problems.add("the file must hold one JSON object");
        } else {
            keys(root, "the file", Set.of("about", "version", "briefs"), problems);
            JsonNode version = root.get("version");
            if (version == null || !version.isInt() || version.intValue() != FORMAT_VERSION) {
                problems.add("version must be " + FORMAT_VERSION);
            }
            JsonNode briefs = root.get("briefs");
            if (briefs == null || !briefs.isObject()) {
                problems.add("briefs must be an object keyed by segment id");
            } else {
                for (Map.Entry<String, JsonNode> entry : briefs.properties()) {
                    pin(entry.getKey(), entry.getValue(), problems).ifPresent(p -> pins.put(p.segmentId(), p));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BriefException(problems.stream()
                    .map(p -> Diagnostic.error(at, FILE_NAME + ": " + p, restore()))
                    .toList());
        }
        return new BriefLock(pins);
    }

    private static String restore() {
        return "restore " + FILE_NAME + " from Git, or run mvn segments:generate to draft the brief again";
    }

    private static Optional<BriefPin> pin(String id, JsonNode entry, List<String> problems) {
        String where = "the brief of '" + id + "'";
        int before = problems.size();
        if (!SEGMENT_ID.matcher(id).matches()) {
            problems.add("'" + id + "' is not a segment id");
            return Optional.empty();
        }
        if (!entry.isObject()) {
            problems.add(where + " must be an object");
            return Optional.empty();
        }
        keys(entry, where, Set.of("provenance", "definition", "profile", "data_date", "brief"), problems);
        String provenance = line(entry.get("provenance"), where + ": provenance", problems);
        if (provenance != null
                && !(provenance.startsWith(BriefPin.MODEL_PROVENANCE)
                        || provenance.startsWith(BriefPin.HAND_WRITTEN_PROVENANCE))) {
            problems.add(where + ": provenance must start with '" + BriefPin.MODEL_PROVENANCE.strip() + "' or '"
                    + BriefPin.HAND_WRITTEN_PROVENANCE + "'");
        }
        String definition = line(entry.get("definition"), where + ": definition", problems);
        if (definition != null && !HASH.matcher(definition).matches()) {
            problems.add(where + ": definition must be the segment's 64-hex-digit definition hash");
        }
        List<String> profile = new ArrayList<>();
        JsonNode lines = entry.get("profile");
        if (lines == null || !lines.isArray() || lines.isEmpty() || lines.size() > MAX_PROFILE_LINES) {
            problems.add(where + ": profile must list 1–" + MAX_PROFILE_LINES + " lines");
        } else {
            lines.forEach(l -> profile.add(line(l, where + ": profile", problems)));
        }
        String dataDate = line(entry.get("data_date"), where + ": data_date", problems);
        if (dataDate != null) {
            try {
                LocalDate.parse(dataDate);
            } catch (DateTimeParseException e) {
                problems.add(where + ": data_date must be a date like 2026-03-31");
            }
        }
        Brief brief = null;
        try {
            brief = BriefShape.of(entry.get("brief"));
        } catch (BriefShape.MalformedBriefException e) {
            e.problems().forEach(p -> problems.add(where + ": " + p));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new BriefPin(id, provenance, definition, profile, dataDate, brief));
    }

    private static String line(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            problems.add(where + " must be a text");
            return null;
        }
        String text = node.stringValue();
        if (text.length() > MAX_LINE || text.chars().anyMatch(Character::isISOControl)) {
            problems.add(where + " must be one line of at most " + MAX_LINE + " characters");
            return null;
        }
        return text;
    }

    private static void keys(JsonNode node, String where, Set<String> allowed, List<String> problems) {
        node.propertyNames().stream()
                .filter(k -> !allowed.contains(k))
                .sorted()
                .forEach(k -> problems.add(where + " has the unknown key '" + k + "'"));
    }

    public String render() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("about", ABOUT);
        root.put("version", FORMAT_VERSION);
        ObjectNode briefs = root.putObject("briefs");
        for (BriefPin pin : pins.values()) {
            ObjectNode entry = briefs.putObject(pin.segmentId());
            entry.put("provenance", pin.provenance());
            entry.put("definition", pin.definition());
            var profile = entry.putArray("profile");
            pin.profile().forEach(profile::add);
            entry.put("data_date", pin.dataDate());
            entry.set("brief", BriefShape.toJson(pin.brief()));
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    public void write(Path file) {
        try {
            AtomicFiles.write(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
