package io.segmentsascode.generate;

import io.segmentsascode.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code in_segment} calls of one segment's conditions: each named segment's members become
 * one step, {@code _members_<id>} (its non-NULL user ids), and a call becomes "the population's
 * user is in that step". Where the members are read is the layout's choice ({@code source}): the
 * named segment's own query nested in the per-segment SQL, its staging table within a refresh, or
 * its published table from another cadence's refresh. The id only names one of our steps and is
 * looked up by {@code source}; it is never written into SQL as text.
 */
final class SegmentMembership {

    private static final String USER = Table.USER_KEY;
    private static final String READ = "r";

    private final Function<String, SqlQuery.Source> source;
    private final SqlExpr user;
    private final Map<String, SqlQuery.Step> steps = new TreeMap<>();

    /**
     * @param source where the members of a segment are read, by id, aliased {@value #READ}
     * @param user   the population's user id column
     */
    SegmentMembership(Function<String, SqlQuery.Source> source, SqlExpr user) {
        this.source = source;
        this.user = user;
    }

    /** The population's user is a member of {@code segmentId}. */
    SqlExpr condition(String segmentId) {
        String step = stepName(segmentId);
        steps.computeIfAbsent(segmentId, id -> {
            SqlExpr.ColumnRef readUser = SqlExpr.ColumnRef.of(READ, USER);
            return new SqlQuery.Step(
                    step,
                    new SqlQuery.Select(
                            List.of(new SqlQuery.SelectItem(readUser, USER)),
                            source.apply(id),
                            List.of(),
                            Optional.of(new SqlExpr.IsNull(readUser, true)),
                            List.of()));
        });
        return new SqlExpr.InCte(user, step, USER);
    }

    /** The member steps of the calls translated so far, by segment id (call {@link #condition} first). */
    List<SqlQuery.Step> steps() {
        return List.copyOf(steps.values());
    }

    /** Named with a leading underscore, which no logical table, metric step or contract column of ours has. */
    static String stepName(String segmentId) {
        return "_members_" + segmentId;
    }

    static String alias() {
        return READ;
    }
}
