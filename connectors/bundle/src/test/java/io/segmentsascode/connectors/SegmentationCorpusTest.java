package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Realistic BigQuery segmentation queries (src/test/resources/segmentation-corpus.sql) translated
 * and run on the generated sample, each compared with a second formulation of its members in plain
 * SQL: the members must be equal, or the query reported not previewable — never different.
 */
class SegmentationCorpusTest {

    /** Share of the corpus that must preview (the target). */
    private static final double PREVIEWABLE_TARGET = 0.9;

    private record CorpusQuery(String name, String googleSql, String reference) {}

    @TempDir
    Path state;

    @Test
    void everyPreviewableQueryFindsTheMembersOfItsReference() throws SQLException {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        AnalysisCatalog catalog = Catalogs.of(project.warehouse());
        ResolvedTreeDuckDbTranslator translator = new ResolvedTreeDuckDbTranslator();
        String runTimeExpression = new DuckDbDialect().runTime();
        List<CorpusQuery> corpus = corpus();
        assertTrue(corpus.size() >= 40, "corpus of " + corpus.size());

        Map<String, String> unpreviewable = new TreeMap<>();
        int previewed = 0;
        int withMembers = 0;
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(new SampleSpec(5000, 42)), state)) {
            bindLogicalNames(engine, project.warehouse().tables().keySet());
            Instant runTime = engine.latestDataTime();
            for (CorpusQuery query : corpus) {
                String translated;
                try {
                    translated = translator.translate(query.googleSql(), catalog, runTimeExpression);
                } catch (UnpreviewableSqlException e) {
                    // the corpus is BigQuery SQL: a query GoogleSQL rejects is a mistake in the corpus
                    assertFalse(e.getMessage().contains("does not resolve"), query.name() + ": " + e.getMessage());
                    unpreviewable.put(query.name(), e.getMessage());
                    continue;
                }
                List<String> members = engine.members(segment(query.name(), translated), runTime);
                List<String> expected =
                        engine.members(segment(query.name() + "_reference", query.reference()), runTime);
                assertEquals(expected, members, query.name() + "\n" + translated);
                previewed++;
                withMembers += members.isEmpty() ? 0 : 1;
            }
        }
        double share = (double) previewed / corpus.size();
        System.out.printf(
                "segmentation corpus: %d queries, %d previewable (%.0f %%), all %d equal to their reference"
                        + " (%d with members); not previewable: %s%n",
                corpus.size(), previewed, 100 * share, previewed, withMembers, unpreviewable);
        assertTrue(
                share >= PREVIEWABLE_TARGET,
                "previewable " + previewed + " of " + corpus.size() + "; " + unpreviewable);
        assertTrue(
                withMembers >= previewed * 9 / 10, "most corpus queries select someone on the sample: " + withMembers);
    }

    /**
     * The preview binds logical names through the envelope's CTEs; here views do the same, so the
     * translated query and its reference read identical rows (test users included on both sides).
     */
    private static void bindLogicalNames(DuckDbPreviewEngine engine, Iterable<String> tables) throws SQLException {
        try (Statement statement = engine.connection().createStatement()) {
            for (String table : tables) {
                statement.execute(
                        "CREATE TEMP VIEW " + table + " AS SELECT * FROM " + DuckDbDialect.RAW_SCHEMA + "." + table);
            }
        }
    }

    private static RenderedSegment segment(String name, String sql) {
        return new RenderedSegment(name, DuckDbPreviewEngine.DIALECT, sql, List.of());
    }

    /** "-- query: name", the GoogleSQL, "-- reference", the plain SQL; up to the next query. */
    private static List<CorpusQuery> corpus() {
        String text;
        try (InputStream in = SegmentationCorpusTest.class.getResourceAsStream("/segmentation-corpus.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CorpusQuery> queries = new ArrayList<>();
        String[] blocks = text.split("(?m)^-- query: ");
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            int nameEnd = block.indexOf('\n');
            String[] parts = block.substring(nameEnd + 1).split("(?m)^-- reference\\s*$", 2);
            queries.add(new CorpusQuery(block.substring(0, nameEnd).strip(), parts[0].strip(), parts[1].strip()));
        }
        return queries;
    }
}
