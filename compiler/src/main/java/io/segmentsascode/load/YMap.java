package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A mapping in document order; keys are unique (the loader rejects duplicates). */
public record YMap(Location location, Map<String, Entry> entries) implements YNode {

    /** A key with its own position, so "unknown key" points at the key, not at its value. */
    public record Entry(String key, Location keyLocation, YNode value) {}

    public YMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<YNode> get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
