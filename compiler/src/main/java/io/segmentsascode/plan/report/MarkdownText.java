package io.segmentsascode.plan.report;

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
}
