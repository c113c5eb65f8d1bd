package io.segmentsascode.plan.report;

import io.segmentsascode.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
