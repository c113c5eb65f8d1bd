package io.segmentsascode.duckdb;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.spi.TargetSql;
import io.segmentsascode.spi.WarehouseConnection;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The {@code local} warehouse of a run: the DuckDB sample engine, and the embedded target whose
 * tables are computed on that engine's session (so the two are opened together, by this class).
 */
public final class LocalWarehouse implements WarehouseConnection {

    private final DuckDbPreviewEngine engine;
    private final Path stateDir;

    public LocalWarehouse(DuckDbPreviewEngine engine, Path stateDir) {
        this.engine = engine;
        this.stateDir = stateDir;
    }

    /** The sample the settings ask for ({@code segments.sampleData}, else a generated one), cached in the state folder. */
    public static LocalWarehouse open(Warehouse warehouse, SegmentsSettings settings) {
        SampleSource source = settings.sampleData()
                .<SampleSource>map(SampleSource.Extract::new)
                .orElseGet(() ->
                        new SampleSource.Generated(new SampleSpec(settings.sampleUsers(), settings.sampleSeed())));
        return new LocalWarehouse(
                DuckDbPreviewEngine.open(warehouse, source, settings.stateDir()), settings.stateDir());
    }

    @Override
    public DuckDbPreviewEngine sample() {
        return engine;
    }

    /** The embedded target computes its tables from the sample, so only {@code engineSql} is used. */
    @Override
    public LocalTarget target(TargetSql sql, Instant runTime) {
        return LocalTarget.open(engine, stateDir, sql.engineSql(), runTime);
    }

    @Override
    public void close() {
        engine.close();
    }
}
