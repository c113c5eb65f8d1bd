package io.segmentsascode.intent;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.load.DocumentKind;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YNode;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YSeq;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.load.YamlLoader;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.storage.AtomicFiles;
import io.segmentsascode.validate.SchemaValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * segments.lock: pinned SQL of intent segments, committed so pull requests show the exact SQL
 * that will run. YAML with entries sorted by segment id, one block per segment and the SQL as a
 * block scalar, so parallel pull requests merge without conflicts unless they touch the same
 * segment. Written byte-for-byte the same from the same pins.
 */
public final class LockFile {

    public static final int FORMAT_VERSION = 1;
    private static final String HEADER =
            "# yaml-language-server: $schema=" + DocumentKind.LOCK.schemaReference(FORMAT_VERSION) + "\n"
                    + "# segments.lock: SQL pinned for intent segments. Written by `mvn segments:generate`;\n"
                    + "# review it in pull requests. Builds use these pins and never call the model,\n"
                    + "# and analyse every pin afresh: what is recorded here is for review, not trusted.\n";

    private final Map<String, Pin> pins;
    /** Where each pin read from a file stands in it. */
    private final Map<String, Location> locations;

    private LockFile(Map<String, Pin> pins, Map<String, Location> locations) {
        this.pins = new TreeMap<>(pins);
        this.locations = Map.copyOf(locations);
    }

    public static LockFile empty() {
        return new LockFile(Map.of(), Map.of());
    }

    public Optional<Pin> pin(String segmentId) {
        return Optional.ofNullable(pins.get(segmentId));
    }

    public Map<String, Pin> pins() {
        return Collections.unmodifiableMap(pins);
    }

    public LockFile with(Pin pin) {
        Map<String, Pin> next = new TreeMap<>(pins);
        next.put(pin.segmentId(), pin);
        return new LockFile(next, locations);
    }

    /** Keeps only pins of segments that still exist, so deleted intents leave the lock. */
    public LockFile retain(Set<String> segmentIds) {
        Map<String, Pin> next = new TreeMap<>(pins);
        next.keySet().retainAll(segmentIds);
        return new LockFile(next, locations);
    }

    /**
     * Reads and checks the lock: valid YAML with the {@code $schema} first line, the lock schema
     * ({@code schemas/lock-v1.json}), and every pin's {@code sql_sha256} equal to the hash of its
     * SQL. All problems of the file come back together, located.
     *
     * @throws LockFileException when the lock cannot be used
     */
    public static LockFile read(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        Diagnostics diagnostics = new Diagnostics();
        Optional<YamlDocument> document = new YamlLoader().load(file, DocumentKind.LOCK, diagnostics);
        document.ifPresent(d -> diagnostics.addAll(new SchemaValidator().validate(d)));
        if (diagnostics.hasErrors()) {
            throw new LockFileException(diagnostics.sorted());
        }
        Map<String, Pin> pins = new TreeMap<>();
        Map<String, Location> locations = new TreeMap<>();
        YMap segments = (YMap) ((YMap) document.get().root()).get("segments").orElseThrow();
        for (YMap.Entry entry : segments.entries().values()) {
            YMap fields = (YMap) entry.value();
            Pin pin = pin(entry.key(), fields);
            String actual = Sha256.hex(pin.sql());
            if (!actual.equals(pin.sqlSha256())) {
                diagnostics.error(
                        fields.entry("sql_sha256").orElseThrow().keyLocation(),
                        "the pinned SQL of " + entry.key() + " does not match its sql_sha256 (the SQL hashes to "
                                + actual + "): the pin was edited by hand",
                        "restore segments.lock from Git, or run mvn segments:generate and review the SQL diff");
            }
            pins.put(entry.key(), pin);
            locations.put(entry.key(), entry.keyLocation());
        }
        if (diagnostics.hasErrors()) {
            throw new LockFileException(diagnostics.sorted());
        }
        return new LockFile(pins, locations);
    }

    /** Where a pin's entry starts in the lock file, for messages about it; the file's start for new pins. */
    public Location location(String segmentId, Path lockFile) {
        return locations.getOrDefault(segmentId, Location.startOf(lockFile));
    }

    private static Pin pin(String id, YMap entry) {
        Map<String, String> inputs = new LinkedHashMap<>();
        map(entry, "inputs").entries().values().forEach(input -> inputs.put(input.key(), text(input.value())));
        YMap analysis = map(entry, "analysis");
        List<OutputColumn> columns = new ArrayList<>();
        map(analysis, "columns")
                .entries()
                .values()
                .forEach(column ->
                        columns.add(new OutputColumn(column.key(), ColumnType.valueOf(text(column.value())))));
        List<String> tables = new ArrayList<>();
        ((YSeq) analysis.get("tables").orElseThrow()).items().forEach(table -> tables.add(text(table)));
        return new Pin(
                id,
                text(entry, "provenance"),
                text(entry, "key"),
                inputs,
                text(entry, "sql_sha256"),
                new Pin.Analysis(text(analysis, "analyzer"), text(analysis, "catalog"), tables, columns),
                text(entry, "tool"),
                text(entry, "sql"));
    }

    private static YMap map(YMap parent, String key) {
        return (YMap) parent.get(key).orElseThrow();
    }

    private static String text(YMap parent, String key) {
        return text(parent.get(key).orElseThrow());
    }

    /** The schema has checked every shape read here: a scalar where a scalar is required. */
    private static String text(YNode node) {
        return ((YScalar) node).text();
    }

    public String render() {
        StringBuilder yaml = new StringBuilder(HEADER);
        yaml.append("version: ").append(FORMAT_VERSION).append('\n');
        yaml.append(pins.isEmpty() ? "segments: {}\n" : "segments:\n");
        for (Pin pin : pins.values()) {
            yaml.append("  ").append(pin.segmentId()).append(":\n");
            yaml.append("    provenance: ").append(quote(pin.provenance())).append('\n');
            yaml.append("    key: ").append(pin.key()).append('\n');
            yaml.append("    inputs:\n");
            new TreeMap<>(pin.inputs())
                    .forEach((k, v) -> yaml.append("      ")
                            .append(k)
                            .append(": ")
                            .append(quote(v))
                            .append('\n'));
            yaml.append("    sql_sha256: ").append(pin.sqlSha256()).append('\n');
            yaml.append("    analysis:\n");
            yaml.append("      analyzer: ")
                    .append(quote(pin.analysis().analyzer()))
                    .append('\n');
            yaml.append("      catalog: ").append(pin.analysis().catalog()).append('\n');
            yaml.append("      tables: [")
                    .append(String.join(", ", pin.analysis().tables()))
                    .append("]\n");
            yaml.append("      columns: {");
            List<String> columns = pin.analysis().columns().stream()
                    .map(c -> c.name() + ": " + c.type())
                    .toList();
            yaml.append(String.join(", ", columns)).append("}\n");
            yaml.append("    tool: ").append(quote(pin.tool())).append('\n');
            yaml.append("    sql: |\n");
            pin.sql()
                    .strip()
                    .lines()
                    .forEach(line ->
                            yaml.append(line.isEmpty() ? "" : "      " + line).append('\n'));
        }
        return yaml.toString();
    }

    public void write(Path file) {
        try {
            AtomicFiles.write(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Double-quoted YAML scalar: provenance and tool strings may hold ':' or '#'. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
