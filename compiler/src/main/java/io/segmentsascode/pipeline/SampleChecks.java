package io.segmentsascode.pipeline;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.intent.EmbeddedSql;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import io.segmentsascode.render.UnpreviewableSqlException;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.WarehouseConnection;
import java.util.Map;
import java.util.Optional;

/**
 * Runs candidate SQL on the sample warehouse during generation: SQL the guardrails accept may
 * still fail there (or not be previewable), and that goes back to the model too. The engine is
 * opened on the first check only.
 */
final class SampleChecks implements AutoCloseable {

    private final ResolvedProject project;
    private final Stages stages;
    private final Connectors connectors;
    private final SegmentsSettings settings;
    private WarehouseConnection warehouse;

    SampleChecks(ResolvedProject project, Stages stages, Connectors connectors, SegmentsSettings settings) {
        this.project = project;
        this.stages = stages;
        this.connectors = connectors;
        this.settings = settings;
    }

    Optional<String> check(Segment segment, EmbeddedSql sql) {
        try {
            if (warehouse == null) {
                warehouse = connectors.warehouses().open(project.warehouse(), settings);
            }
            PreviewEngine engine = warehouse.sample();
            GeneratedSegment generated = stages.generate(project, Map.of(segment.id(), sql)).stream()
                    .filter(g -> g.segment().id().equals(segment.id()))
                    .findFirst()
                    .orElseThrow();
            RenderedSegment rendered =
                    new SqlRenderer(project.warehouse(), new DuckDbDialect(connectors.translator())).render(generated);
            engine.run(rendered, settings.asOf().orElseGet(engine::latestDataTime));
            return Optional.empty();
        } catch (UnpreviewableSqlException e) {
            return Optional.of("it cannot run on the preview warehouse: " + e.getMessage());
        } catch (SegmentRunException e) {
            // DuckDB's error, or rows that repeat a user: either goes back to the model as it is
            return Optional.of("it fails on the sample warehouse: " + e.reason());
        } catch (RuntimeException e) {
            return Optional.of("it fails on the sample warehouse: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (warehouse != null) {
            warehouse.close();
        }
    }
}
