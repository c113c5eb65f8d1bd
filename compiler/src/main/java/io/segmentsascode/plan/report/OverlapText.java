package io.segmentsascode.plan.report;

import io.segmentsascode.plan.review.OverlapChange;
import io.segmentsascode.plan.review.OverlapChanges;
import java.util.Locale;

/** One overlap change as a Markdown table row (plan.md and the pull-request comment) or a line of text (report.html). */
final class OverlapText {

    static final String HEADER = String.format(
            Locale.ROOT,
            "Pairs whose Jaccard overlap crossed the threshold or moved by %.2f or more since the base.\n\n"
                    + "| segments | shared by | base | now | |\n|---|---|---:|---:|---|\n",
            OverlapChanges.MIN_CHANGE);

    private OverlapText() {}

    static String row(OverlapChange change, double threshold) {
        return "| `" + change.a() + "` ~ `" + change.b() + "` | " + MarkdownText.escape(change.sharedBy()) + " | "
                + jaccard(change.before(), change.flaggedBefore()) + " | "
                + jaccard(change.after(), change.flaggedAfter()) + " | " + note(change, threshold) + " |\n";
    }

    /** The same change as plain text, for outputs that escape it themselves. */
    static String line(OverlapChange change, double threshold) {
        return change.a() + " ~ " + change.b() + " (" + change.sharedBy() + "): "
                + jaccard(change.before(), change.flaggedBefore()) + " → "
                + jaccard(change.after(), change.flaggedAfter()) + ", " + note(change, threshold);
    }

    private static String jaccard(Double value, boolean flagged) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value) + (flagged ? " ⚠" : "");
    }

    private static String note(OverlapChange change, double threshold) {
        if (change.crossedThreshold()) {
            return String.format(Locale.ROOT, "%s %.2f", change.flaggedAfter() ? "now over" : "back under", threshold);
        }
        return String.format(Locale.ROOT, "%+.2f", change.change());
    }
}
