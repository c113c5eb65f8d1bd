package io.segmentsascode.duckdb;

import java.nio.file.Path;
import java.util.Objects;

/** Where the preview's data comes from: the built-in generator or the user's own extracts. */
public sealed interface SampleSource {

    /** Synthetic data for the warehouse's tables, generated once and cached. */
    record Generated(SampleSpec spec) implements SampleSource {
        public Generated {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * The user's data: a DuckDB database file (tables named after the logical tables, schema
     * {@code main}) or a folder with one {@code <table>.csv} or {@code <table>.parquet} per table.
     */
    record Extract(Path path) implements SampleSource {
        public Extract {
            Objects.requireNonNull(path, "path");
        }
    }
}
