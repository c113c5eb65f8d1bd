package io.segmentsascode.maven;

import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.LocalTarget;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.git.BaseRevision;
import io.segmentsascode.git.BaseRevisionException;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.pipeline.Connectors;

/** Where the plugin plugs the connectors into the core's ports: the one place everything meets. */
final class MavenConnectors {

    static final Connectors CONNECTORS = new Connectors(
            (warehouse, settings) -> DuckDbPreviewEngine.open(warehouse, settings.sampleData()
                    .<SampleSource>map(SampleSource.Extract::new)
                    .orElseGet(() -> new SampleSource.Generated(new SampleSpec(settings.sampleUsers(), settings.sampleSeed()))),
                    settings.stateDir()),
            (engine, project, engineSql, runTime, settings) -> LocalTarget.open((DuckDbPreviewEngine) engine,
                    settings.stateDir(), project, engineSql, runTime, IdentifierHasher.forRegion(settings.phoneRegion())),
            (projectDir, ref, paths, into) -> {
                try {
                    return BaseRevision.checkout(projectDir, ref, paths, into).commitId();
                } catch (BaseRevisionException e) {
                    throw new ApplyException(Parameters.BASE, e.getMessage(), "pass a branch, tag or commit of this repository");
                }
            });

    private MavenConnectors() {
    }
}
