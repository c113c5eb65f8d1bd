package io.segmentsascode.intent;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.load.YamlNesting;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.render.OutputColumn;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * segments.lock: pinned SQL of intent segments, committed so pull requests show the exact SQL
 * that will run. YAML with entries sorted by segment id, one block per segment and the SQL as a
 * block scalar, so parallel pull requests merge without conflicts unless they touch the same
 * segment. Written byte-for-byte the same from the same pins.
 */
public final class LockFile {

    public static final int FORMAT_VERSION = 1;
    private static final String HEADER = "# segments.lock: SQL pinned for intent segments. Written by `mvn segments:generate`;\n"
            + "# review it in pull requests. Builds use these pins and never call the model.\n";

    private final Map<String, Pin> pins;

    private LockFile(Map<String, Pin> pins) {
        this.pins = new TreeMap<>(pins);
    }

    public static LockFile empty() {
        return new LockFile(Map.of());
    }

    public Optional<Pin> pin(String segmentId) {
        return Optional.ofNullable(pins.get(segmentId));
    }

    public Map<String, Pin> pins() {
        return java.util.Collections.unmodifiableMap(pins);
    }

    public LockFile with(Pin pin) {
        Map<String, Pin> next = new TreeMap<>(pins);
        next.put(pin.segmentId(), pin);
        return new LockFile(next);
    }

    /** Keeps only pins of segments that still exist, so deleted intents leave the lock. */
    public LockFile retain(java.util.Set<String> segmentIds) {
        Map<String, Pin> next = new TreeMap<>(pins);
        next.keySet().retainAll(segmentIds);
        return new LockFile(next);
    }

    public static LockFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Object root;
        try {
            root = YamlNesting.load(LoadSettings.builder().setLabel(file.toString()).build(),
                    Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (YamlNesting.TooDeepException e) {
            throw corrupt(e.location(file), "it nests deeper than " + YamlNesting.MAX_DEPTH + " levels");
        } catch (YamlEngineException e) {
            throw corrupt(file, "it is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        try {
            Map<?, ?> top = (Map<?, ?>) root;
            Map<String, Pin> pins = new TreeMap<>();
            Map<?, ?> segments = top.get("segments") == null ? Map.of() : (Map<?, ?>) top.get("segments");
            segments.forEach((id, value) -> pins.put((String) id, pin((String) id, (Map<?, ?>) value)));
            return new LockFile(pins);
        } catch (ClassCastException | NullPointerException e) {
            throw corrupt(file, "an entry lacks a field or has the wrong shape");
        }
    }

    private static LockFileException corrupt(Path file, String why) {
        return corrupt(Location.startOf(file), why);
    }

    private static LockFileException corrupt(Location where, String why) {
        return new LockFileException(List.of(Diagnostic.error(where, "cannot use the lock file: " + why,
                "restore it from Git, or delete it and run mvn segments:generate")));
    }

    private static Pin pin(String id, Map<?, ?> entry) {
        Map<String, String> inputs = new LinkedHashMap<>();
        ((Map<?, ?>) entry.get("inputs")).forEach((k, v) -> inputs.put((String) k, String.valueOf(v)));
        Map<?, ?> analysis = (Map<?, ?>) entry.get("analysis");
        List<OutputColumn> columns = new ArrayList<>();
        ((Map<?, ?>) analysis.get("columns")).forEach((k, v) -> columns.add(new OutputColumn((String) k,
                ColumnType.valueOf(String.valueOf(v)))));
        List<String> tables = new ArrayList<>();
        ((List<?>) analysis.get("tables")).forEach(t -> tables.add(String.valueOf(t)));
        return new Pin(id, (String) entry.get("provenance"), (String) entry.get("key"), inputs,
                (String) entry.get("sql_sha256"), new Pin.Analysis((String) analysis.get("analyzer"),
                        (String) analysis.get("catalog"), tables, columns), (String) entry.get("tool"),
                (String) entry.get("sql"));
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
            new TreeMap<>(pin.inputs()).forEach((k, v) -> yaml.append("      ").append(k).append(": ").append(quote(v)).append('\n'));
            yaml.append("    sql_sha256: ").append(pin.sqlSha256()).append('\n');
            yaml.append("    analysis:\n");
            yaml.append("      analyzer: ").append(quote(pin.analysis().analyzer())).append('\n');
            yaml.append("      catalog: ").append(pin.analysis().catalog()).append('\n');
            yaml.append("      tables: [").append(String.join(", ", pin.analysis().tables())).append("]\n");
            yaml.append("      columns: {");
            List<String> columns = pin.analysis().columns().stream().map(c -> c.name() + ": " + c.type()).toList();
            yaml.append(String.join(", ", columns)).append("}\n");
            yaml.append("    tool: ").append(quote(pin.tool())).append('\n');
            yaml.append("    sql: |\n");
            pin.sql().strip().lines().forEach(line -> yaml.append(line.isEmpty() ? "" : "      " + line).append('\n'));
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
