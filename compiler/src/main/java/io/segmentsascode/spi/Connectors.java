package io.segmentsascode.spi;

import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.apply.AudienceDestination;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.intent.IntentModel;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.SqlTranslator;
import java.nio.file.Path;
import java.util.List;

/**
 * The outside world as the pipeline needs it: ports the front end fills with connectors, so the
 * core needs no DuckDB, Git or Google jars.
 */
public record Connectors(
        Warehouses warehouses,
        AudienceDestinations audiences,
        BaseSnapshots bases,
        AnalyzerProvider analyzers,
        SqlTranslator translator,
        IntentModels models,
        TrackedFiles tracked) {

    /** Opens the language model for segments:generate; only called when a pin must be generated. */
    public interface IntentModels {
        IntentModel open(String model, Console console);
    }

    /**
     * Opens the warehouse {@code segments.target} names, with the sample engine for a resolved
     * schema. Generation opens it only to run candidate SQL on the sample, so the target side
     * must not be contacted before {@link WarehouseConnection#target} is called.
     */
    public interface Warehouses {
        WarehouseConnection open(Warehouse warehouse, SegmentsSettings settings);
    }

    /**
     * Opens the audience destination {@code segments.audiences} names. {@code members} and
     * {@code markers} come from the open warehouse target; a destination that keeps its own state
     * elsewhere may ignore {@code markers}.
     */
    public interface AudienceDestinations {
        AudienceDestination open(
                ResolvedProject project, MemberSource members, MarkerStore markers, SegmentsSettings settings);
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
