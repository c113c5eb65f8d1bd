package io.segmentsascode.spi;

import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.apply.Target;
import io.segmentsascode.intent.IntentModel;
import io.segmentsascode.render.SqlTranslator;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The outside world as the pipeline needs it: ports the front end fills with connectors, so the
 * core needs no DuckDB, Git or Google jars.
 */
public record Connectors(PreviewEngines engines, Targets targets, BaseSnapshots bases, AnalyzerProvider analyzers,
        SqlTranslator translator, IntentModels models, TrackedFiles tracked) {

    /** Opens the language model for segments:generate; only called when a pin must be generated. */
    public interface IntentModels {
        IntentModel open(String model, Console console);
    }

    /** Opens the embedded warehouse for a resolved schema. */
    public interface PreviewEngines {
        PreviewEngine open(Warehouse warehouse, SegmentsSettings settings);
    }

    /** Opens the target plans are applied to, next to the engine holding the sample data. */
    public interface Targets {
        Target open(PreviewEngine engine, ResolvedProject project, List<RenderedSegment> engineSql, Instant runTime,
                SegmentsSettings settings);
    }

    /** Git's view of the working tree. */
    public interface TrackedFiles {
        /** Up to {@code limit} files under {@code dir} that Git tracks; none outside a Git work tree. */
        List<String> under(Path projectDir, Path dir, int limit);
    }

    /** Writes the files under {@code paths} (relative to the project) at Git revision {@code ref} into {@code into}. */
    public interface BaseSnapshots {
        /**
         * @return the commit id the ref resolved to
         * @throws BaseCheckoutException when the revision or its files cannot be read
         */
        String checkout(Path projectDir, String ref, List<Path> paths, Path into);
    }
}
