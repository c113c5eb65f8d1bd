package io.segmentsascode.connectors;

import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.bigquery.BigQueryTarget;
import io.segmentsascode.bigquery.BigQueryWarehouse;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.datamanager.DataManagerDestination;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.duckdb.LocalTarget;
import io.segmentsascode.duckdb.LocalWarehouse;
import io.segmentsascode.gemini.GeminiCredentialsException;
import io.segmentsascode.gemini.GeminiIntentModel;
import io.segmentsascode.git.BaseRevision;
import io.segmentsascode.git.BaseRevisionException;
import io.segmentsascode.git.TrackedFiles;
import io.segmentsascode.googleads.GoogleAdsDestination;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.spi.BaseCheckoutException;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.ConnectorsFactory;
import io.segmentsascode.spi.Console;
import java.util.List;
import java.util.Map;

/** Where the connectors are plugged into the core's ports: the one place everything meets. */
public final class StandardConnectors implements ConnectorsFactory {

    @Override
    public Connectors create(Console console, Map<String, String> environment) {
        return new Connectors(
                (warehouse, settings) -> switch (settings.target()) {
                    case LocalTarget.NAME -> LocalWarehouse.open(warehouse, settings);
                    case BigQueryTarget.NAME -> bigQuery(warehouse, settings);
                    default ->
                        throw new IllegalStateException(
                                "no warehouse connector for " + Parameters.TARGET + "=" + settings.target());
                },
                (project, members, markers, settings) -> switch (settings.audiences()) {
                    case AudienceFiles.NAME -> AudienceFiles.open(project, members, markers, settings);
                    case DataManagerDestination.NAME ->
                        DataManagerDestination.open(project, members, markers, settings);
                    case GoogleAdsDestination.NAME ->
                        GoogleAdsDestination.open(project, members, markers, settings, environment);
                    default ->
                        throw new IllegalStateException(
                                "no audience connector for " + Parameters.AUDIENCES + "=" + settings.audiences());
                },
                (projectDir, ref, paths, into) -> {
                    try {
                        return BaseRevision.checkout(projectDir, ref, paths, into)
                                .commitId();
                    } catch (BaseRevisionException e) {
                        throw new BaseCheckoutException(e.getMessage(), e);
                    }
                },
                analyzers(console),
                new ResolvedTreeDuckDbTranslator(),
                (model, out) -> {
                    try {
                        GeminiIntentModel.Configured configured =
                                GeminiIntentModel.fromEnvironment(environment, model, null);
                        out.info("Generating with " + model + "; credentials: " + configured.description());
                        return configured.model();
                    } catch (GeminiCredentialsException e) {
                        throw new GenerationException(
                                List.of(
                                        Diagnostic.error(
                                                Location.ofSetting("GEMINI_API_KEY"),
                                                e.getMessage(),
                                                "pins can also be written from reviewed SQL: -Dsegments.pinFrom=<folder of <id>.sql>")));
                    }
                },
                TrackedFiles::under);
    }

    /** Previews on the local sample, applies to BigQuery. */
    private static BigQueryWarehouse bigQuery(Warehouse warehouse, SegmentsSettings settings) {
        return new BigQueryWarehouse(LocalWarehouse.open(warehouse, settings).sample(), warehouse, settings.google());
    }

    /** The GoogleSQL analyzer, loaded only when some SQL is not covered by a recorded analysis. */
    private static AnalyzerProvider analyzers(Console console) {
        return new AnalyzerProvider() {
            @Override
            public String version() {
                return SqlAnalyzers.exactVersion();
            }

            @Override
            public SqlAnalyzer get() {
                SqlAnalyzers.Choice choice = SqlAnalyzers.best();
                choice.message().ifPresent(console::warn);
                return choice.analyzer();
            }
        };
    }
}
