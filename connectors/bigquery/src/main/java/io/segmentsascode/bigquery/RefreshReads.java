package io.segmentsascode.bigquery;

import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.generate.ScriptStatement;
import io.segmentsascode.generate.SqlQuery;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.render.RenderedScript;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statements of one cadence's refresh that read data, as the plan's cost estimate needs them.
 * A script's dry run stops at its first DDL, and the feature and staging tables do not exist
 * before the first run, so each read is either a SELECT over source tables (dry-run as the
 * guarded SQL the script embeds) or a read of tables of ours (estimated from their width).
 *
 * @param tables the columns of every table the script creates or fills, by name
 */
public record RefreshReads(Refresh cadence, List<Read> reads, Map<String, List<OutputColumn>> tables) {

    /**
     * One statement that reads: {@code segmentId} empty for the feature build; {@code sourceSql} the
     * SELECT to dry-run when it reads source tables; {@code ownTables} the tables of ours it reads.
     */
    public record Read(Optional<String> segmentId, String fills, Optional<String> sourceSql, List<String> ownTables) {
        public Read {
            ownTables = List.copyOf(ownTables);
        }
    }

    public RefreshReads {
        reads = List.copyOf(reads);
        tables = Map.copyOf(tables);
    }

    /** A refresh made without the compiler's layout (nothing to estimate). */
    public static RefreshReads none(Refresh cadence) {
        return new RefreshReads(cadence, List.of(), Map.of());
    }

    /** Every build of the layout with the SELECT the rendered script sends for it, then each swap's copy. */
    public static RefreshReads of(RefreshScript layout, RenderedScript rendered) {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < layout.builds().size(); i++) {
            ScriptStatement.CreateTableAs build = layout.builds().get(i);
            RenderedScript.SentQuery sent = rendered.queries().get(i);
            if (!sent.table().equals(build.table())) {
                throw new IllegalArgumentException("the rendered queries of " + rendered.name()
                        + " are not in the order of its builds: " + sent.table() + " for " + build.table());
            }
            Sources sources = new Sources();
            sources.add(build.query());
            Optional<String> segmentId = layout.swaps().stream()
                    .filter(swap -> swap.stagingTable().equals(build.table()))
                    .map(RefreshScript.Swap::segmentId)
                    .findFirst();
            reads.add(new Read(
                    segmentId,
                    build.table(),
                    sources.readsSource ? Optional.of(sent.sql()) : Optional.empty(),
                    List.copyOf(sources.own)));
        }
        for (RefreshScript.Swap swap : layout.swaps()) {
            reads.add(new Read(
                    Optional.of(swap.segmentId()),
                    swap.segmentTable(),
                    Optional.empty(),
                    List.of(swap.stagingTable())));
        }
        return new RefreshReads(layout.cadence(), reads, layout.tables());
    }

    /** What a query reads: tables of ours by name, and whether it reads any source table or hand-written SQL. */
    private static final class Sources {
        private final Set<String> own = new LinkedHashSet<>();
        private boolean readsSource;

        void add(SqlQuery.Query query) {
            query.envelope().forEach(step -> add(step.select()));
            query.steps().forEach(step -> add(step.select()));
            add(query.result());
        }

        private void add(SqlQuery.Select select) {
            if (select.from() instanceof SqlQuery.Managed managed) {
                own.add(managed.table());
            } else if (select.from() instanceof SqlQuery.PhysicalTable || select.from() instanceof SqlQuery.Embedded) {
                readsSource = true;
            }
        }
    }
}
