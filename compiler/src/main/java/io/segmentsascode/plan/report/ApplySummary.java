package io.segmentsascode.plan.report;

import io.segmentsascode.plan.PendingWork;
import io.segmentsascode.plan.PlannedChange;
import java.util.List;
import java.util.Optional;

/**
 * What an apply did, as Markdown for a CI job summary (target/segments/apply.md): the changes
 * carried out and, when a reviewed plan was applied, where the target's actual state made the work
 * differ from the review.
 */
public final class ApplySummary {

    private ApplySummary() {}

    public static String render(String target, List<PlannedChange> applied, Optional<SavedPlan.Review> review) {
        StringBuilder md =
                new StringBuilder("## segments apply: ").append(target).append("\n\n");
        review.ifPresent(r -> md.append("Applied the reviewed plan `")
                .append(r.file().getFileName())
                .append("`: the definitions declare what was reviewed.\n\n"));
        if (applied.isEmpty()) {
            md.append("Nothing to do: the target matches the definitions.\n\n");
        } else {
            md.append(MarkdownText.CHANGES_HEADER);
            applied.forEach(change -> md.append(MarkdownText.changeRow(change)));
            md.append('\n');
        }
        review.filter(r -> !r.matchesExactly()).ifPresent(r -> differences(md, r));
        return md.toString();
    }

    private static void differences(StringBuilder md, SavedPlan.Review review) {
        md.append("### The target differed from what the review saw\n\n");
        if (!review.beyondReview().isEmpty()) {
            md.append("Not in the reviewed plan, done to reach what it declares:\n\n")
                    .append(MarkdownText.CHANGES_HEADER);
            review.beyondReview().forEach(change -> md.append(MarkdownText.changeRow(change)));
            md.append('\n');
        }
        if (!review.alreadyDone().isEmpty()) {
            md.append("In the reviewed plan, no longer needed (the target already holds it):\n\n");
            for (PendingWork work : review.alreadyDone()) {
                md.append("- ")
                        .append(work.action().label())
                        .append(' ')
                        .append(work.kind().label())
                        .append(" `")
                        .append(work.name())
                        .append("`\n");
            }
            md.append('\n');
        }
    }
}
