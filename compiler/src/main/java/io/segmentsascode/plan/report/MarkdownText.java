package io.segmentsascode.plan.report;

import io.segmentsascode.plan.PlannedChange;

/** Text from definitions placed in Markdown that GitHub renders: no table breaks, no raw HTML. */
final class MarkdownText {

    private MarkdownText() {}

    /** Table cells and inline text: no pipes or raw HTML from user text. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("|", "\\|");
    }

    /** The header of a table of changes, one {@link #changeRow} each. */
    static final String CHANGES_HEADER = "| | resource | action | why |\n|---|---|---|---|\n";

    /** One change as a row of {@link #CHANGES_HEADER}'s table; an unchanged resource shows {@code ·}. */
    static String changeRow(PlannedChange change) {
        return "| `" + (change.symbol().isBlank() ? "·" : change.symbol()) + "` | "
                + change.kind().label() + " `" + change.name() + "` | "
                + change.action().label() + " | " + escape(change.reason()) + " |\n";
    }
}
