package io.segmentsascode.load;

/** The kinds of file a segments repository holds; each has its own versioned JSON Schema. */
public enum DocumentKind {
    WAREHOUSE("warehouse", "../schemas/", YamlLoader.MAX_FILE_BYTES),
    SEGMENT("segment", "../schemas/", YamlLoader.MAX_FILE_BYTES),
    CAMPAIGN("campaign", "../schemas/", YamlLoader.MAX_FILE_BYTES),
    /** segments.lock at the project root: one entry of ~1 KB per pinned segment, so thousands fit. */
    LOCK("lock", "schemas/", 64 * 1024 * 1024);

    private final String schemaName;
    private final String schemaDir;
    private final int maxBytes;

    DocumentKind(String schemaName, String schemaDir, int maxBytes) {
        this.schemaName = schemaName;
        this.schemaDir = schemaDir;
        this.maxBytes = maxBytes;
    }

    /** Largest file read, in bytes (and code points). */
    public int maxBytes() {
        return maxBytes;
    }

    /** The schema as the file's first line names it, relative to where files of this kind live. */
    public String schemaReference(int version) {
        return schemaDir + schemaFile(version);
    }

    public String schemaName() {
        return schemaName;
    }

    /** File name of the schema as published, e.g. {@code segment-v1.json}. */
    public String schemaFile(int version) {
        return schemaName + "-v" + version + ".json";
    }
}
