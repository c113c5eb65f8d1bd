package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.HtmlText.esc;

import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.live.LiveChecks;
import io.segmentsascode.plan.live.RefreshHealth;
import io.segmentsascode.plan.live.RefreshHealthCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan says about the live warehouse, in each of its forms (plan.md, the PR comment,
 * report.html, the console): where the figures come from, and each refresh's health. Plans of a
 * target without a live warehouse have none of it.
 */
final class LiveReport {

    private LiveReport() {}

    /** "computed on sample data" or "measured on BigQuery's segment tables", for the sentence that names the data label. */
    static String figuresFrom(Plan plan) {
        LiveChecks live = plan.live();
        if (live == null || !live.figureSources().containsValue(LiveChecks.FROM_TABLE)) {
            return "computed on sample data";
        }
        return live.figureSources().containsValue(LiveChecks.FROM_SAMPLE)
                ? "measured on the live segment tables where they exist, on sample data for the others (marked)"
                : "measured on the live segment tables";
    }

    /** Whether the plan's figures, every one, come from sample data (then real audiences differ). */
    static boolean sampleOnly(Plan plan) {
        return plan.live() == null || !plan.live().figureSources().containsValue(LiveChecks.FROM_TABLE);
    }

    /** The badge on the report's size and overlap headings: whose figures they are. */
    static String figuresBadge(Plan plan) {
        return sampleOnly(plan)
                ? "<span class=\"sample\">sample figures</span>"
                : "<span class=\"live\">live figures</span>";
    }

    /** Marks a segment whose figures stayed the sample's in a plan whose others were measured. */
    static String sampleMark(Plan plan, String segmentId) {
        if (sampleOnly(plan)) {
            return "";
        }
        return LiveChecks.FROM_SAMPLE.equals(plan.live().figureSources().get(segmentId))
                ? " (sample: no table yet)"
                : "";
    }

    /** The refresh-health section of plan.md and the PR comment; empty without a live warehouse. */
    static String markdown(Plan plan) {
        LiveChecks live = plan.live();
        if (live == null || live.refreshes().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### Refresh health (")
                .append(MarkdownText.escape(live.outputDataset()))
                .append(", ages at `@run_time` ")
                .append(plan.runTime())
                .append(")\n\n| refresh | last run | age | state | stale after |\n|---|---|---:|---|---:|\n");
        for (RefreshHealth refresh : live.refreshes()) {
            md.append("| ")
                    .append(refresh.cadence())
                    .append(" | ")
                    .append(orDash(refresh.lastRunTime()))
                    .append(" | ")
                    .append(age(refresh.lastRunAgeMinutes()))
                    .append(" | ")
                    .append(MarkdownText.escape(state(refresh)))
                    .append(" | ")
                    .append(RefreshHealthCheck.describe(refresh.staleAfterMinutes()))
                    .append(" |\n");
        }
        md.append("\n| table | refresh | last modified | age | |\n|---|---|---|---:|---|\n");
        for (RefreshHealth refresh : live.refreshes()) {
            for (RefreshHealth.TableAge table : refresh.tables()) {
                md.append("| `")
                        .append(table.table())
                        .append("` | ")
                        .append(refresh.cadence())
                        .append(" | ")
                        .append(table.lastModified() == null ? "not created yet" : table.lastModified())
                        .append(" | ")
                        .append(age(table.ageMinutes()))
                        .append(" | ")
                        .append(table.stale() ? "⚠ stale" : "")
                        .append(" |\n");
            }
        }
        return md.append('\n').toString();
    }

    /** The header note of report.html when figures were measured on the live tables: which were not. */
    static String htmlNote(Plan plan) {
        List<String> fromSample = plan.live().figureSources().entrySet().stream()
                .filter(e -> e.getValue().equals(LiveChecks.FROM_SAMPLE))
                .map(e -> e.getKey())
                .toList();
        return "<p class=\"note\">Audience sizes and overlaps below are <strong>measured on the live segment"
                + " tables</strong> (" + esc(plan.dataLabel()) + "); label breakdowns are sample figures"
                + (fromSample.isEmpty()
                        ? ""
                        : "; without a table yet, so from the sample: <code>" + esc(String.join(", ", fromSample))
                                + "</code>")
                + ".</p>\n";
    }

    /** The heading and table header of the PR comment's refresh health; empty without a live warehouse. */
    static String commentHeading(Plan plan) {
        LiveChecks live = plan.live();
        if (live == null || live.refreshes().isEmpty()) {
            return "";
        }
        return "### Refresh health (" + MarkdownText.escape(live.outputDataset()) + ", ages at `@run_time` "
                + plan.runTime() + ")\n\n| refresh or table | last run or change | age | state | stale after |\n"
                + "|---|---|---:|---|---:|\n";
    }

    /**
     * The PR comment's rows: each refresh, then only the tables that need a look (stale), so the
     * comment stays short for thousands of segments; plan.md lists every table.
     */
    static List<String> commentRows(Plan plan) {
        List<String> rows = new ArrayList<>();
        if (plan.live() == null) {
            return rows;
        }
        for (RefreshHealth refresh : plan.live().refreshes()) {
            rows.add("| " + refresh.cadence() + " | " + orDash(refresh.lastRunTime()) + " | "
                    + age(refresh.lastRunAgeMinutes()) + " | " + MarkdownText.escape(state(refresh)) + " | "
                    + RefreshHealthCheck.describe(refresh.staleAfterMinutes()) + " |\n");
        }
        for (RefreshHealth refresh : plan.live().refreshes()) {
            for (RefreshHealth.TableAge table : refresh.tables()) {
                if (table.stale()) {
                    rows.add("| `" + table.table() + "` (" + refresh.cadence() + ") | " + table.lastModified() + " | "
                            + age(table.ageMinutes()) + " | ⚠ stale | "
                            + RefreshHealthCheck.describe(refresh.staleAfterMinutes()) + " |\n");
                }
            }
        }
        return rows;
    }

    /** The refresh-health section of report.html; empty without a live warehouse. */
    static String html(Plan plan) {
        LiveChecks live = plan.live();
        if (live == null || live.refreshes().isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<section id=\"refresh-health\">\n<h2>Refresh health</h2>\n<p>")
                .append(esc(live.outputDataset()))
                .append(", ages at <code>@run_time</code> ")
                .append(esc(plan.runTime()))
                .append("</p>\n<table>\n<thead><tr><th>refresh</th><th>last run</th><th>age</th><th>state</th>")
                .append("<th>stale after</th></tr></thead>\n<tbody>\n");
        for (RefreshHealth refresh : live.refreshes()) {
            boolean failed = refresh.lastRunError() != null
                    || "FAILED".equals(refresh.lastRunState())
                    || "CANCELLED".equals(refresh.lastRunState());
            h.append("<tr")
                    .append(failed ? " class=\"warning\"" : "")
                    .append("><td>")
                    .append(esc(refresh.cadence()))
                    .append("</td><td>")
                    .append(esc(orDash(refresh.lastRunTime())))
                    .append("</td><td class=\"num\">")
                    .append(esc(age(refresh.lastRunAgeMinutes())))
                    .append("</td><td>")
                    .append(esc(state(refresh)))
                    .append("</td><td class=\"num\">")
                    .append(esc(RefreshHealthCheck.describe(refresh.staleAfterMinutes())))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<table>\n<thead><tr><th>table</th><th>refresh</th><th>last modified</th>")
                .append("<th>age</th><th></th></tr></thead>\n<tbody>\n");
        for (RefreshHealth refresh : live.refreshes()) {
            for (RefreshHealth.TableAge table : refresh.tables()) {
                h.append("<tr")
                        .append(table.stale() ? " class=\"warning\"" : "")
                        .append("><td><code>")
                        .append(esc(table.table()))
                        .append("</code></td><td>")
                        .append(esc(refresh.cadence()))
                        .append("</td><td>")
                        .append(esc(table.lastModified() == null ? "not created yet" : table.lastModified()))
                        .append("</td><td class=\"num\">")
                        .append(esc(age(table.ageMinutes())))
                        .append("</td><td>")
                        .append(table.stale() ? "stale" : "")
                        .append("</td></tr>\n");
            }
        }
        return h.append("</tbody>\n</table>\n</section>\n").toString();
    }

    /** Console lines: one per refresh. */
    static List<String> lines(Plan plan) {
        List<String> lines = new ArrayList<>();
        if (plan.live() == null) {
            return lines;
        }
        for (RefreshHealth refresh : plan.live().refreshes()) {
            long stale = refresh.tables().stream()
                    .filter(RefreshHealth.TableAge::stale)
                    .count();
            lines.add("  refresh " + refresh.cadence() + ": " + state(refresh)
                    + (refresh.lastRunTime() == null
                            ? ""
                            : ", last run " + refresh.lastRunTime() + " (" + age(refresh.lastRunAgeMinutes()) + " ago)")
                    + (stale == 0 ? "" : ", " + stale + " stale table" + (stale == 1 ? "" : "s")));
        }
        return lines;
    }

    private static String state(RefreshHealth refresh) {
        String state = switch (refresh.lastRunState()) {
            case RefreshHealth.NEVER_RUN -> "scheduled, never run";
            case RefreshHealth.NOT_SCHEDULED -> "not scheduled yet (apply creates it)";
            default -> refresh.lastRunState();
        };
        // Google's messages may span lines: a table row may not
        return refresh.lastRunError() == null
                ? state
                : state + ": " + refresh.lastRunError().replaceAll("\\s+", " ");
    }

    private static String age(Long minutes) {
        return minutes == null ? "–" : RefreshHealthCheck.describe(minutes);
    }

    private static String orDash(String text) {
        return text == null ? "–" : text;
    }
}
