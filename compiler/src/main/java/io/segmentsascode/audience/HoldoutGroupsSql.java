package io.segmentsascode.audience;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.Dialect;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping's members with their holdout group, as one query over the target's segment tables:
 * what a warehouse target writes for evaluate, computed where the data lives so no user id passes
 * through this machine or into a statement. The members are those an audience destination is
 * given ({@link ExclusiveGroups}: members of the mapping's segments with an identity row, less the
 * members of a higher-priority mapping of its group), each split by {@link HoldoutSplit}.
 */
public final class HoldoutGroupsSql {

    /** The query's output, which the guard holds it to. */
    public static final List<OutputColumn> CONTRACT = List.of(
            new OutputColumn("user_id", ColumnType.STRING), new OutputColumn("holdout_group", ColumnType.STRING));

    private HoldoutGroupsSql() {}

    /** {@code campaign} must declare a holdout; {@code all}: every mapping, for its exclusive group. */
    public static String select(
            Dialect dialect, Warehouse warehouse, Campaign campaign, List<Campaign> all, CustomerMatch identity) {
        Campaign.Holdout holdout = campaign.holdout().orElseThrow();
        StringBuilder sql = new StringBuilder("SELECT m.user_id, ")
                .append(HoldoutSplit.groupExpression(dialect, holdout, "m.user_id"))
                .append(" AS holdout_group\nFROM (")
                .append(members(dialect, warehouse, campaign.segments()))
                .append(") AS m\nWHERE m.user_id IN (SELECT i.user_id FROM ")
                .append(dialect.physicalTable(warehouse, identity.identityTable()))
                .append(" AS i)");
        List<String> taken = ExclusiveGroups.higherPriority(campaign, all).stream()
                .flatMap(higher -> higher.segments().stream())
                .distinct()
                .toList();
        if (!taken.isEmpty()) {
            sql.append("\nAND NOT EXISTS (SELECT 1 FROM (")
                    .append(members(dialect, warehouse, taken))
                    .append(") AS h WHERE h.user_id = m.user_id)");
        }
        return sql.toString();
    }

    private static String members(Dialect dialect, Warehouse warehouse, List<String> segments) {
        return segments.stream()
                .map(id -> "SELECT user_id FROM " + dialect.managedTable(warehouse, id))
                .collect(Collectors.joining(" " + dialect.unionDistinct() + " "));
    }
}
