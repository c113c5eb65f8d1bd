package io.segmentsascode.plan.report;

import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.SegmentReferences;
import io.segmentsascode.plan.live.RefreshHealthCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same lines in every plan format: segments built from segments (each dependency, the table
 * its refresh reads and how old it can be; dependencies added and removed against the base) and,
 * per mapping of an exclusive group, the members it leaves to a higher-priority mapping.
 */
final class ReferencesSection {

    private ReferencesSection() {}

    /** "Segments built from segments" lines; empty when no segment names another. */
    static List<String> dependencyLines(Plan plan) {
        List<String> lines = new ArrayList<>(plan.references().lines());
        if (plan.live() != null) {
            // across cadences the bound is the schedule's; the live warehouse says how old the table really is
            Map<String, Long> ages = new HashMap<>();
            plan.live()
                    .refreshes()
                    .forEach(refresh -> refresh.tables().stream()
                            .filter(table -> table.ageMinutes() != null)
                            .forEach(table -> ages.put(table.table(), table.ageMinutes())));
            List<SegmentReferences.Dependency> dependencies = plan.references().dependencies();
            for (int i = 0; i < dependencies.size(); i++) {
                SegmentReferences.Dependency dependency = dependencies.get(i);
                Long age = ages.get(dependency.table());
                if (dependency.maxAgeDays() > 0 && age != null) {
                    lines.set(
                            i,
                            lines.get(i) + "; its table was last written " + RefreshHealthCheck.describe(age)
                                    + " before the plan");
                }
            }
        }
        plan.references().added().forEach(edge -> lines.add("dependency added: " + edge));
        plan.references().removed().forEach(edge -> lines.add("dependency removed: " + edge));
        return lines;
    }

    /** "Exclusive audiences" lines; empty when no mapping is in an exclusive group with a higher one. */
    static List<String> exclusivityLines(Plan plan) {
        List<String> lines = new ArrayList<>();
        plan.movedToHigherPriority()
                .forEach((campaign, moved) -> lines.add(String.format(
                        Locale.ROOT,
                        "%s: %,d members moved to a higher-priority audience of its exclusive group (sample)",
                        campaign,
                        moved)));
        return lines;
    }
}
