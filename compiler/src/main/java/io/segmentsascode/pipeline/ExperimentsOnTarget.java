package io.segmentsascode.pipeline;

import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.evaluate.EvaluateException;
import io.segmentsascode.evaluate.ExperimentQuery;
import io.segmentsascode.model.ExperimentMetric;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.spi.RemoteReads;
import io.segmentsascode.spi.WarehouseConnection;
import java.util.List;
import java.util.Optional;

/**
 * Where evaluate and promotion gates read the experiments table: the target warehouse when it is
 * remote (the query rendered in its dialect and guarded exactly as sent), otherwise the sample,
 * whose session the embedded target is built on. Read once per run.
 */
final class ExperimentsOnTarget {

    /** The experiments' sums and how reports name the data they come from. */
    record Reading(List<ExperimentQuery.VariantTotals> totals, String dataLabel) {}

    private final ResolvedProject project;
    private final WarehouseConnection warehouse;
    private final GuardedBuild build;
    private Optional<Reading> reading = Optional.empty();

    ExperimentsOnTarget(ResolvedProject project, WarehouseConnection warehouse, GuardedBuild build) {
        this.project = project;
        this.warehouse = warehouse;
        this.build = build;
    }

    /** The sums, read on the first call; the evaluate stage's exception when the table cannot be read. */
    Reading read() {
        if (reading.isEmpty()) {
            reading = Optional.of(readOnce());
        }
        return reading.get();
    }

    private Reading readOnce() {
        Warehouse schema = project.warehouse();
        Optional<RemoteReads> remote = warehouse.remoteReads();
        if (remote.isEmpty()) {
            PreviewEngine sample = warehouse.sample();
            return new Reading(ExperimentQuery.read(sample, new DuckDbDialect(), schema), sample.dataLabel());
        }
        ExperimentQuery.requireColumns(schema);
        try (RemoteReads reads = remote.get()) {
            List<ExperimentQuery.VariantTotals> totals = ExperimentQuery.read(
                    query -> {
                        build.guardQuery(project, "evaluate", query, ExperimentQuery.contract(schema));
                        return readRemote(reads, query);
                    },
                    reads.dialect(),
                    schema);
            return new Reading(totals, reads.dataLabel());
        }
    }

    /**
     * A refusal of the remote warehouse (no table, no permission, a failed job) is the experiments
     * being unreadable: evaluate fails saying why, and promotion gates fail with that reason.
     */
    private static List<List<Object>> readRemote(RemoteReads reads, String query) {
        try {
            return reads.read("evaluate", query);
        } catch (SegmentsException e) {
            throw new EvaluateException(
                    "the experiments table could not be read on " + reads.dataLabel() + ": "
                            + e.diagnostics().get(0).message(),
                    e.diagnostics().get(0).hint());
        } catch (RuntimeException e) {
            throw new EvaluateException(
                    "the experiments table could not be read on " + reads.dataLabel() + ": " + e.getMessage(),
                    "check that the table '" + ExperimentMetric.TABLE + "' exists there with the declared columns");
        }
    }
}
