package io.segmentsascode.load;

/** The three kinds of file a segments repository holds; each has its own versioned JSON Schema. */
public enum DocumentKind {
    WAREHOUSE("warehouse"),
    SEGMENT("segment"),
    CAMPAIGN("campaign");

    private final String schemaName;

    DocumentKind(String schemaName) {
        this.schemaName = schemaName;
    }

    public String schemaName() {
        return schemaName;
    }

    /** File name of the schema as published, e.g. {@code segment-v1.json}. */
    public String schemaFile(int version) {
        return schemaName + "-v" + version + ".json";
    }
}
