package io.segmentsascode.plan.report;

import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.SegmentDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The plan as one self-contained HTML page for a reviewer: inline CSS and inline SVG, no
 * JavaScript, no external fonts, scripts or images, so it opens offline and can be attached to a
 * pull request or a CI run. Shows the summary, the changes, the findings, the sample figures
 * (audience sizes, RFM labels, overlap heat map) and, given a base revision, the review diff.
 *
 * <p>Everything from the plan is HTML-escaped. The output is deterministic: {@link #render} sorts
 * every list itself (segments and heat map by id, changes by kind and name, findings errors
 * first, overlaps by pair or by Jaccard), formats numbers with {@link Locale#ROOT} and prints no
 * time but the plan's own reference time, so equal plans give byte-identical pages whatever order
 * their lists were built in.
 */
public final class PlanHtml {

    /** Hashes and the fingerprint are shown with this many hex characters. */
    static final int SHORT_HASH = 12;
    /** Above this many segments involved in overlaps the heat map is replaced by a table. */
    static final int MAX_HEATMAP_SEGMENTS = 30;
    /** Pairs listed instead of the heat map. */
    static final int TOP_PAIRS_TABLE = 40;
    /** Pairs listed under the heat map. */
    static final int TOP_PAIRS_UNDER_MAP = 10;
    /** SQL diffs start unfolded when all of them together have at most this many lines. */
    static final int OPEN_DIFF_LINES = 200;

    private static final List<String> ACTION_KEYS =
            List.of("create", "update", "repair", "delete", "keep", "unchanged", "unmanaged");
    /** Label colours, assigned in sorted label order (Tableau 10); the RFM fallback label is grey. */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#8cd17d"};
    private static final String OTHER_LABEL = "other";
    private static final String OTHER_COLOUR = "#bab0ac";
    /** Heat map colour stops from Jaccard 0 (light) to 1 (dark). */
    private static final int[][] HEAT = {{0xe3, 0xee, 0xf9}, {0xc6, 0xdb, 0xef}, {0x6b, 0xae, 0xd6},
            {0x21, 0x71, 0xb5}, {0x08, 0x30, 0x6b}};

    private static final double CHART_WIDTH = 520;
    private static final double ROW = 44;
    private static final double MONO_12 = 7.3;
    private static final double MONO_11 = 6.7;
    private static final double SANS_12_DIGIT = 7.7;

    private PlanHtml() {
    }

    public static String render(Plan plan) {
        List<PlannedChange> changes = sorted(plan.changes(), CHANGE_ORDER);
        List<Finding> findings = sorted(plan.findings(), FINDING_ORDER);
        List<SegmentImpact> segments = sorted(plan.segments(), SEGMENT_ORDER);
        List<Overlap> overlaps = sorted(plan.overlaps().stream().map(PlanHtml::normalised).toList(), PAIR_ORDER);

        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<title>segments plan: ").append(esc(plan.target())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(h, plan, changes);
        changesSection(h, changes);
        findingsSection(h, findings);
        h.append("<div class=\"charts\">\n");
        audienceSection(h, plan, segments);
        labelsSection(h, plan, segments);
        h.append("</div>\n");
        overlapSection(h, plan, overlaps);
        if (plan.base() != null) {
            reviewSection(h, plan.base());
        }
        h.append("<footer>plan format ").append(plan.formatVersion()).append(" &middot; fingerprint <code>")
                .append(esc(plan.fingerprint())).append("</code> &middot; figures are sample figures (")
                .append(esc(plan.dataLabel())).append(")</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---------------------------------------------------------------- header

    private static void header(StringBuilder h, Plan plan, List<PlannedChange> changes) {
        Map<String, Integer> summary = plan.summary();
        int errors = count(summary, "errors");
        int warnings = count(summary, "warnings");
        long pending = changes.stream().filter(c -> c.action().changesTarget()).count();

        h.append("<header>\n<h1>segments plan <span class=\"target\">").append(esc(plan.target())).append("</span></h1>\n");
        h.append("<dl class=\"meta\">")
                .append("<div><dt>target</dt><dd><code>").append(esc(plan.target())).append("</code></dd></div>")
                .append("<div><dt>reference time (@run_time)</dt><dd><code>").append(esc(plan.runTime()))
                .append("</code></dd></div>")
                .append("<div><dt>sample data</dt><dd>").append(esc(plan.dataLabel())).append("</dd></div>")
                .append("<div><dt>plan</dt><dd><code title=\"").append(esc(plan.fingerprint())).append("\">")
                .append(esc(shortHash(plan.fingerprint()))).append("</code></dd></div>")
                .append("</dl>\n");

        List<String> status = new ArrayList<>();
        if (errors > 0) {
            status.add(plural(errors, "error") + ": the plan fails governance checks");
        }
        status.add(pending == 0 ? (errors > 0 ? "no changes" : "No changes: the target matches the definitions")
                : plural(pending, "change") + " to apply");
        if (warnings > 0) {
            status.add(plural(warnings, "warning"));
        }
        h.append("<p class=\"status ").append(errors > 0 ? "fail" : pending == 0 ? "ok" : "pending").append("\">")
                .append(String.join(" &middot; ", status)).append("</p>\n");

        h.append("<ul class=\"badges\" aria-label=\"summary\">");
        List<String> keys = new ArrayList<>(ACTION_KEYS);
        new TreeSet<>(summary.keySet()).stream()
                .filter(k -> !ACTION_KEYS.contains(k) && !k.equals("errors") && !k.equals("warnings")).forEach(keys::add);
        keys.add("errors");
        keys.add("warnings");
        for (String key : keys) {
            int n = count(summary, key);
            h.append("<li class=\"badge b-").append(cssName(key)).append(n == 0 ? " zero" : "").append("\"><b>")
                    .append(n).append("</b> ").append(esc(key)).append("</li>");
        }
        h.append("</ul>\n");
        h.append("<p class=\"note\">Audience sizes, labels and overlaps below are <strong>sample figures</strong> from ")
                .append(esc(plan.dataLabel())).append(" at ").append(esc(plan.runTime()))
                .append("; real audiences differ.</p>\n</header>\n");
    }

    // ---------------------------------------------------------------- changes

    private static void changesSection(StringBuilder h, List<PlannedChange> changes) {
        h.append("<section id=\"changes\">\n<h2>Changes</h2>\n");
        List<PlannedChange> shown = changes.stream().filter(c -> c.action() != Action.UNCHANGED).toList();
        List<PlannedChange> unchanged = changes.stream().filter(c -> c.action() == Action.UNCHANGED).toList();
        if (changes.isEmpty()) {
            h.append("<p class=\"empty\">The target holds no managed resources and none are planned.</p>\n");
        } else if (shown.isEmpty()) {
            h.append("<p class=\"empty\">Nothing to change.</p>\n");
        } else {
            changesTable(h, shown);
        }
        if (!unchanged.isEmpty()) {
            h.append("<details class=\"unchanged\"><summary>").append(plural(unchanged.size(), "unchanged resource"))
                    .append("</summary>\n");
            changesTable(h, unchanged);
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private static void changesTable(StringBuilder h, List<PlannedChange> changes) {
        h.append("<div class=\"scroll\"><table class=\"changes\">\n<thead><tr><th class=\"sym\" title=\"symbol\"></th>")
                .append("<th>kind</th><th>name</th><th>action</th><th>reason</th><th>spec hash</th></tr></thead>\n<tbody>\n");
        for (PlannedChange change : changes) {
            String symbol = nz(change.symbol()).isBlank() ? "&middot;" : esc(change.symbol());
            h.append("<tr class=\"a-").append(cssName(change.action().name())).append("\"><td class=\"sym\">").append(symbol)
                    .append("</td><td class=\"kind\">").append(esc(change.kind().label()))
                    .append("</td><td class=\"name\"><code>").append(esc(change.name()))
                    .append("</code></td><td class=\"action\">").append(esc(change.action().label()))
                    .append("</td><td class=\"reason\">").append(esc(change.reason()))
                    .append("</td><td class=\"hash\"><code>").append(hashCell(change.fromHash()))
                    .append("</code> &rarr; <code>").append(hashCell(change.toHash())).append("</code></td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static String hashCell(String hash) {
        return hash == null || hash.isEmpty() ? "&mdash;" : esc(shortHash(hash));
    }

    // ---------------------------------------------------------------- findings

    private static void findingsSection(StringBuilder h, List<Finding> findings) {
        h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (findings.isEmpty()) {
            h.append("<p class=\"empty\">No governance findings.</p>\n</section>\n");
            return;
        }
        h.append("<ul class=\"findings\">\n");
        for (Finding finding : findings) {
            String severity = finding.severity().label();
            h.append("<li class=\"finding ").append(severity).append("\"><span class=\"sev\">").append(severity)
                    .append("</span> <code class=\"code\">").append(esc(finding.code())).append("</code> <span class=\"subject\">")
                    .append(esc(finding.subject())).append("</span><div class=\"msg\">").append(esc(finding.message()))
                    .append("</div>");
            if (!nz(finding.location()).isEmpty()) {
                h.append("<div class=\"loc\"><code>").append(esc(finding.location())).append("</code></div>");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    // ---------------------------------------------------------------- audience sizes

    private static void audienceSection(StringBuilder h, Plan plan, List<SegmentImpact> segments) {
        h.append("<section id=\"sizes\">\n<h2>Audience sizes <span class=\"sample\">sample figures</span></h2>\n");
        if (segments.isEmpty()) {
            h.append("<p class=\"empty\">No segments.</p>\n</section>\n");
            return;
        }
        boolean anyBase = segments.stream().anyMatch(s -> s.baseMembers() != null);
        h.append("<p class=\"caption\">Members per segment on ").append(esc(plan.dataLabel()))
                .append(anyBase ? "; change vs base at the bar end, <span class=\"base-key\"></span> marks the base size" : "")
                .append(".</p>\n");

        long max = 1;
        int maxChars = 1;
        for (SegmentImpact s : segments) {
            max = Math.max(max, Math.max(s.members(), s.baseMembers() == null ? 0 : s.baseMembers()));
            String delta = deltaText(s);
            maxChars = Math.max(maxChars, integer(s.members()).length() + (delta.isEmpty() ? 0 : 1 + delta.length()));
        }
        double barMax = CHART_WIDTH - (maxChars * SANS_12_DIGIT + 14);
        double height = segments.size() * ROW + 4;
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(num(CHART_WIDTH)).append(' ').append(num(height))
                .append("\" role=\"img\" aria-label=\"Members per segment (sample figures)\">\n");
        for (int i = 0; i < segments.size(); i++) {
            SegmentImpact s = segments.get(i);
            double y = i * ROW + 2;
            rowLabel(h, s.id(), join(" \u00b7 ", s.family(), s.stage()), y);
            double w = s.members() <= 0 ? 0 : Math.max(2, barMax * s.members() / max);
            h.append("<rect class=\"bar\" data-segment=\"").append(esc(s.id())).append("\" x=\"0\" y=\"").append(num(y + 19))
                    .append("\" width=\"").append(num(w)).append("\" height=\"16\" rx=\"2\"><title>").append(esc(s.id()))
                    .append(": ").append(integer(s.members())).append(" members (sample)")
                    .append(s.baseMembers() == null ? "" : ", base " + integer(s.baseMembers())).append("</title></rect>\n");
            double end = w;
            if (s.baseMembers() != null) {
                double bx = Math.max(1, barMax * s.baseMembers() / max);
                end = Math.max(end, bx);
                h.append("<line class=\"base-mark\" x1=\"").append(num(bx)).append("\" x2=\"").append(num(bx))
                        .append("\" y1=\"").append(num(y + 15)).append("\" y2=\"").append(num(y + 39)).append("\"/>\n");
            }
            h.append("<text class=\"value\" x=\"").append(num(end + 6)).append("\" y=\"").append(num(y + 31)).append("\">")
                    .append(integer(s.members()));
            String delta = deltaText(s);
            if (!delta.isEmpty()) {
                long change = s.members() - s.baseMembers();
                h.append("<tspan class=\"").append(change > 0 ? "up" : change < 0 ? "down" : "same").append("\" dx=\"7\">")
                        .append(esc(delta)).append("</tspan>");
            }
            h.append("</text>\n");
        }
        h.append("</svg>\n</section>\n");
    }

    /** Segment id in monospace above its bar, with a grey note after it when both fit the chart width. */
    private static void rowLabel(StringBuilder h, String id, String note, double y) {
        String text = nz(id);
        int maxChars = (int) (CHART_WIDTH / MONO_12);
        String shown = text.length() > maxChars ? text.substring(0, maxChars - 1) + "\u2026" : text;
        h.append("<text class=\"lbl\" x=\"0\" y=\"").append(num(y + 13)).append("\"><tspan class=\"id\">").append(esc(shown))
                .append("</tspan>");
        if (!note.isEmpty() && shown.length() * MONO_12 + 8 + note.length() * 6.4 <= CHART_WIDTH) {
            h.append("<tspan class=\"sub\" dx=\"8\">").append(esc(note)).append("</tspan>");
        }
        h.append("</text>\n");
    }

    private static String deltaText(SegmentImpact s) {
        if (s.baseMembers() == null) {
            return "";
        }
        long change = s.members() - s.baseMembers();
        if (change == 0) {
            return "\u00b10";
        }
        return (change > 0 ? "+" : "\u2212") + integer(Math.abs(change));
    }

    // ---------------------------------------------------------------- RFM labels

    private static void labelsSection(StringBuilder h, Plan plan, List<SegmentImpact> segments) {
        List<SegmentImpact> labelled = segments.stream().filter(s -> total(s.labels()) > 0).toList();
        if (labelled.isEmpty()) {
            return;
        }
        Map<String, String> colours = labelColours(labelled);
        h.append("<section id=\"labels\">\n<h2>RFM labels <span class=\"sample\">sample figures</span></h2>\n")
                .append("<p class=\"caption\">Share of each segment's members per RFM label on ").append(esc(plan.dataLabel()))
                .append(".</p>\n<ul class=\"legend\">");
        colours.forEach((label, colour) -> h.append("<li><span class=\"swatch\" style=\"background:").append(colour)
                .append("\"></span>").append(esc(label)).append("</li>"));
        h.append("</ul>\n");
        double height = labelled.size() * ROW + 4;
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(num(CHART_WIDTH)).append(' ').append(num(height))
                .append("\" role=\"img\" aria-label=\"RFM labels per segment (sample figures)\">\n");
        for (int i = 0; i < labelled.size(); i++) {
            SegmentImpact s = labelled.get(i);
            double y = i * ROW + 2;
            long total = total(s.labels());
            rowLabel(h, s.id(), integer(total) + " labelled", y);
            h.append("<g class=\"stack\" data-segment=\"").append(esc(s.id())).append("\">");
            long cumulative = 0;
            for (Map.Entry<String, String> entry : colours.entrySet()) {
                Long count = s.labels().get(entry.getKey());
                if (count == null || count <= 0) {
                    continue;
                }
                double x0 = CHART_WIDTH * cumulative / total;
                cumulative += count;
                double x1 = CHART_WIDTH * cumulative / total;
                String pct = String.format(Locale.ROOT, "%.0f%%", 100.0 * count / total);
                h.append("<rect class=\"part\" x=\"").append(num(x0)).append("\" y=\"").append(num(y + 18))
                        .append("\" width=\"").append(num(x1 - x0)).append("\" height=\"18\" fill=\"").append(entry.getValue())
                        .append("\"><title>").append(esc(s.id())).append(" \u00b7 ").append(esc(entry.getKey())).append(": ")
                        .append(integer(count)).append(" (").append(pct).append(")</title></rect>");
                if (x1 - x0 >= 34) {
                    h.append("<text x=\"").append(num((x0 + x1) / 2)).append("\" y=\"").append(num(y + 31))
                            .append("\" class=\"pct ").append(textOn(entry.getValue())).append("\">").append(pct).append("</text>");
                }
            }
            h.append("</g>\n");
        }
        h.append("</svg>\n</section>\n");
    }

    /** Sorted label names, the fallback label last; colours from the fixed palette in that order. */
    private static Map<String, String> labelColours(List<SegmentImpact> segments) {
        TreeSet<String> names = new TreeSet<>();
        segments.forEach(s -> s.labels().forEach((k, v) -> {
            if (v != null && v > 0) {
                names.add(k);
            }
        }));
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String name : names) {
            if (!name.equals(OTHER_LABEL)) {
                colours.put(name, PALETTE[i++ % PALETTE.length]);
            }
        }
        if (names.contains(OTHER_LABEL)) {
            colours.put(OTHER_LABEL, OTHER_COLOUR);
        }
        return colours;
    }

    // ---------------------------------------------------------------- overlap

    private static void overlapSection(StringBuilder h, Plan plan, List<Overlap> overlaps) {
        h.append("<section id=\"overlap\">\n<h2>Overlap <span class=\"sample\">sample figures</span></h2>\n");
        if (overlaps.isEmpty()) {
            h.append("<p class=\"empty\">No pairs of segments share a campaign mapping or a family, so no overlap was computed.</p>\n</section>\n");
            return;
        }
        Map<String, Overlap> byPair = new TreeMap<>();
        TreeSet<String> ids = new TreeSet<>();
        for (Overlap o : overlaps) {
            byPair.putIfAbsent(o.a() + '\u0000' + o.b(), o);
            ids.add(o.a());
            ids.add(o.b());
        }
        List<Overlap> top = byPair.values().stream().sorted(TOP_ORDER).toList();
        String threshold = String.format(Locale.ROOT, "%.2f", plan.overlapThreshold());
        h.append("<p class=\"caption\">Jaccard |A&cap;B| / |A&cup;B| of segments that share a campaign mapping or a family, on ")
                .append(esc(plan.dataLabel())).append("; pairs at or above ").append(threshold).append(" are flagged.</p>\n");
        if (ids.size() > MAX_HEATMAP_SEGMENTS) {
            h.append("<p class=\"note\">").append(ids.size()).append(" segments are involved, too many for a readable matrix: ")
                    .append("the ").append(Math.min(TOP_PAIRS_TABLE, top.size())).append(" pairs with the highest Jaccard of ")
                    .append(top.size()).append(".</p>\n");
            pairsTable(h, top.subList(0, Math.min(TOP_PAIRS_TABLE, top.size())), "pairs top-pairs");
        } else {
            heatMap(h, new ArrayList<>(ids), byPair);
            h.append("<div class=\"heat-legend\"><span class=\"key\"><span class=\"ramp\"></span>0 &hellip; 1 Jaccard</span>")
                    .append("<span class=\"key\"><span class=\"ring\"></span>flagged (&ge; ").append(threshold).append(")</span>")
                    .append("<span class=\"key\"><span class=\"none\"></span>not compared</span></div>\n");
            h.append("<h3>Top pairs</h3>\n");
            pairsTable(h, top.subList(0, Math.min(TOP_PAIRS_UNDER_MAP, top.size())), "pairs");
        }
        h.append("</section>\n");
    }

    private static void pairsTable(StringBuilder h, List<Overlap> pairs, String cssClass) {
        h.append("<div class=\"scroll\"><table class=\"").append(cssClass).append("\">\n<thead><tr><th>Jaccard</th>")
                .append("<th>segments</th><th>shared by</th><th class=\"num\">common</th><th class=\"num\">union</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Overlap o : pairs) {
            h.append("<tr").append(o.flagged() ? " class=\"flagged\"" : "").append("><td class=\"jac\">")
                    .append(jaccard(o.jaccard())).append(o.flagged() ? " <span class=\"flag\">flagged</span>" : "")
                    .append("</td><td><code>").append(esc(o.a())).append("</code> ~ <code>").append(esc(o.b()))
                    .append("</code></td><td>").append(esc(o.sharedBy())).append("</td><td class=\"num\">")
                    .append(integer(o.intersection())).append("</td><td class=\"num\">").append(integer(o.union()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    /**
     * Lower triangle of the pair matrix: rows are ids 1..n-1, columns ids 0..n-2, each column's
     * name written diagonally above its first cell, into the empty upper triangle.
     */
    private static void heatMap(StringBuilder h, List<String> ids, Map<String, Overlap> byPair) {
        int n = ids.size();
        double cell = n <= 10 ? 44 : n <= 20 ? 36 : 30;
        double diag = Math.sqrt(0.5);
        int longest = ids.stream().mapToInt(String::length).max().orElse(1);
        double left = longest * MONO_11 + 12;
        double top = 0;
        double right = 0;
        for (int j = 0; j < n - 1; j++) {
            double reach = diag * ids.get(j).length() * MONO_11 + 14;
            top = Math.max(top, reach - j * cell);
            right = Math.max(right, left + j * cell + cell / 2 + reach);
        }
        double width = Math.max(left + (n - 1) * cell, right) + 4;
        double height = top + (n - 1) * cell + 4;
        h.append("<div class=\"scroll heat-wrap\"><svg class=\"heat\" viewBox=\"0 0 ").append(num(width)).append(' ')
                .append(num(height)).append("\" width=\"").append(num(width)).append("\" style=\"min-width:")
                .append(num(0.8 * width)).append("px\" role=\"img\" aria-label=\"Overlap heat map (sample figures)\">\n");
        double font = cell >= 36 ? 11 : 10;
        StringBuilder rings = new StringBuilder();
        for (int i = 1; i < n; i++) {
            double y = top + (i - 1) * cell;
            h.append("<text class=\"id row\" x=\"").append(num(left - 8)).append("\" y=\"").append(num(y + cell / 2 + 4))
                    .append("\">").append(esc(ids.get(i))).append("</text>\n");
            for (int j = 0; j < i; j++) {
                double x = left + j * cell;
                Overlap o = byPair.get(ids.get(j) + '\u0000' + ids.get(i));
                if (o == null) {
                    h.append("<rect class=\"cell none\" x=\"").append(num(x + 1)).append("\" y=\"").append(num(y + 1))
                            .append("\" width=\"").append(num(cell - 2)).append("\" height=\"").append(num(cell - 2))
                            .append("\"><title>").append(esc(ids.get(j))).append(" ~ ").append(esc(ids.get(i)))
                            .append(": not compared</title></rect>\n");
                    continue;
                }
                double value = clamp(o.jaccard());
                String fill = heat(value);
                h.append("<rect class=\"cell").append(o.flagged() ? " flagged" : "").append("\" x=\"").append(num(x + 1))
                        .append("\" y=\"").append(num(y + 1)).append("\" width=\"").append(num(cell - 2)).append("\" height=\"")
                        .append(num(cell - 2)).append("\" fill=\"").append(fill).append("\"><title>").append(esc(o.a()))
                        .append(" ~ ").append(esc(o.b())).append(": Jaccard ").append(jaccard(o.jaccard())).append(", ")
                        .append(integer(o.intersection())).append(" of ").append(integer(o.union())).append(" members")
                        .append(nz(o.sharedBy()).isEmpty() ? "" : "; shared by " + esc(o.sharedBy()))
                        .append(o.flagged() ? "; flagged" : "").append("</title></rect>\n");
                h.append("<text x=\"").append(num(x + cell / 2)).append("\" y=\"").append(num(y + cell / 2 + font / 2 - 1))
                        .append("\" style=\"font-size:").append(num(font)).append("px\" class=\"cv ").append(textOn(fill)).append("\">")
                        .append(jaccard(o.jaccard())).append("</text>\n");
                if (o.flagged()) {
                    rings.append("<rect class=\"flag-ring\" x=\"").append(num(x + 2.5)).append("\" y=\"").append(num(y + 2.5))
                            .append("\" width=\"").append(num(cell - 5)).append("\" height=\"").append(num(cell - 5))
                            .append("\"/>\n");
                }
            }
        }
        for (int j = 0; j < n - 1; j++) {
            double x = left + j * cell + cell / 2;
            double y = top + j * cell - 6;
            h.append("<text class=\"id col\" transform=\"translate(").append(num(x - 3)).append(' ').append(num(y))
                    .append(") rotate(-45)\">").append(esc(ids.get(j))).append("</text>\n");
        }
        h.append(rings).append("</svg></div>\n");
    }

    private static String heat(double value) {
        double pos = value * (HEAT.length - 1);
        int i = Math.min(HEAT.length - 2, (int) Math.floor(pos));
        double t = pos - i;
        int[] a = HEAT[i];
        int[] b = HEAT[i + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(a[0] + (b[0] - a[0]) * t),
                Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t));
    }

    /** Class for white or near-black text, whichever reads better on the given #rrggbb background. */
    private static String textOn(String hex) {
        double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
        double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
        double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
        double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double onWhite = 1.05 / (luminance + 0.05);
        double onDark = (luminance + 0.05) / 0.066;
        return onWhite >= onDark ? "on-dark" : "on-light";
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    // ---------------------------------------------------------------- review

    private static void reviewSection(StringBuilder h, BaseDiff base) {
        h.append("<section id=\"review\">\n<h2>Review: definitions vs <code>").append(esc(base.ref())).append("</code>");
        if (!nz(base.commit()).isEmpty()) {
            h.append(" <span class=\"commit\"><code title=\"").append(esc(base.commit())).append("\">")
                    .append(esc(shortHash(base.commit()))).append("</code></span>");
        }
        h.append("</h2>\n");
        List<SegmentDiff> diffs = sorted(base.segments(), DIFF_ORDER);
        boolean nothing = diffs.isEmpty() && base.campaignsAdded().isEmpty() && base.campaignsChanged().isEmpty()
                && base.campaignsRemoved().isEmpty() && !base.lockChanged();
        if (nothing) {
            h.append("<p class=\"empty\">No definition changed.</p>\n</section>\n");
            return;
        }
        long diffLines = diffs.stream().mapToLong(d -> nz(d.sqlDiff()).lines().count()).sum();
        boolean open = diffLines <= OPEN_DIFF_LINES;
        for (SegmentDiff diff : diffs) {
            String sql = nz(diff.sqlDiff());
            StringBuilder summary = new StringBuilder();
            summary.append("<span class=\"st st-").append(cssName(diff.status())).append("\">").append(esc(diff.status()))
                    .append("</span> <code>").append(esc(diff.id())).append("</code>");
            if (diff.renamedFrom() != null) {
                summary.append(" <span class=\"muted\">from</span> <code>").append(esc(diff.renamedFrom())).append("</code>");
            }
            if (!nz(diff.stageChange()).isEmpty()) {
                summary.append(" <span class=\"stage\">stage ").append(esc(diff.stageChange())).append("</span>");
            }
            if (sql.isEmpty()) {
                h.append("<div class=\"segdiff nodiff\">").append(summary)
                        .append(" <span class=\"muted\">").append("renamed".equals(diff.status()) ? "same SQL" : "no SQL change")
                        .append("</span></div>\n");
                continue;
            }
            long added = sql.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
            long removed = sql.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count();
            summary.append(" <span class=\"counts\"><span class=\"up\">+").append(added).append("</span> <span class=\"down\">&minus;")
                    .append(removed).append("</span></span>");
            h.append("<details class=\"segdiff\"").append(open ? " open" : "").append("><summary>").append(summary)
                    .append("</summary>\n<pre class=\"diff\"><code>");
            for (String line : sql.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                String kind = line.startsWith("+++") || line.startsWith("---") || line.startsWith("\\") ? "d-meta"
                        : line.startsWith("@@") ? "d-hunk" : line.startsWith("+") ? "d-add" : line.startsWith("-") ? "d-del"
                        : "d-ctx";
                h.append("<span class=\"").append(kind).append("\">").append(esc(line.replace("\r", ""))).append("\n</span>");
            }
            h.append("</code></pre>\n</details>\n");
        }
        campaigns(h, "Campaign mappings added", base.campaignsAdded());
        campaigns(h, "Campaign mappings changed", base.campaignsChanged());
        campaigns(h, "Campaign mappings removed", base.campaignsRemoved());
        if (base.lockChanged()) {
            h.append("<p class=\"note\"><code>segments.lock</code> changed.</p>\n");
        }
        h.append("</section>\n");
    }

    private static void campaigns(StringBuilder h, String title, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        h.append("<p class=\"campaigns\">").append(title).append(": ");
        List<String> sorted = ids.stream().sorted(Comparator.comparing(PlanHtml::nz)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            h.append(i == 0 ? "" : ", ").append("<code>").append(esc(sorted.get(i))).append("</code>");
        }
        h.append("</p>\n");
    }

    // ---------------------------------------------------------------- ordering

    private static final Comparator<PlannedChange> CHANGE_ORDER = Comparator
            .comparing(PlannedChange::kind).thenComparing(text(PlannedChange::name))
            .thenComparing(c -> c.action().name())
            .thenComparing(text(PlannedChange::fromHash)).thenComparing(text(PlannedChange::toHash))
            .thenComparing(text(PlannedChange::reason)).thenComparing(text(PlannedChange::symbol));

    private static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::severity).thenComparing(text(Finding::code)).thenComparing(text(Finding::subject))
            .thenComparing(text(Finding::location)).thenComparing(text(Finding::message));

    private static final Comparator<SegmentImpact> SEGMENT_ORDER = Comparator.comparing(text(SegmentImpact::id))
            .thenComparing(text(SegmentImpact::family)).thenComparing(text(SegmentImpact::stage))
            .thenComparingLong(SegmentImpact::members)
            .thenComparingLong(s -> s.baseMembers() == null ? Long.MIN_VALUE : s.baseMembers())
            .thenComparing(s -> s.labels() == null ? "" : String.valueOf(new TreeMap<>(s.labels())));

    private static final Comparator<Overlap> PAIR_ORDER = Comparator.comparing(text(Overlap::a))
            .thenComparing(text(Overlap::b)).thenComparing(Comparator.comparingDouble(Overlap::jaccard).reversed())
            .thenComparing(text(Overlap::sharedBy)).thenComparingLong(Overlap::intersection)
            .thenComparingLong(Overlap::union).thenComparing(Overlap::flagged);

    private static final Comparator<Overlap> TOP_ORDER = Comparator.comparingDouble(Overlap::jaccard).reversed()
            .thenComparing(text(Overlap::a)).thenComparing(text(Overlap::b));

    private static final Comparator<SegmentDiff> DIFF_ORDER = Comparator.comparing(text(SegmentDiff::id))
            .thenComparing(text(SegmentDiff::status)).thenComparing(text(SegmentDiff::renamedFrom))
            .thenComparing(text(SegmentDiff::stageChange)).thenComparing(text(SegmentDiff::sqlDiff));

    private static <T> Function<T, String> text(Function<T, String> field) {
        return t -> nz(field.apply(t));
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }

    /** The pair with the smaller id first, so a~b and b~a land in the same cell. */
    private static Overlap normalised(Overlap o) {
        return nz(o.a()).compareTo(nz(o.b())) <= 0 ? o
                : new Overlap(o.b(), o.a(), o.sharedBy(), o.intersection(), o.union(), o.jaccard(), o.flagged());
    }

    // ---------------------------------------------------------------- formatting

    /** Text for element content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cssName(String text) {
        return nz(text).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String shortHash(String hash) {
        String h = nz(hash);
        return h.length() <= SHORT_HASH ? h : h.substring(0, SHORT_HASH);
    }

    private static String integer(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String jaccard(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static int count(Map<String, Integer> summary, String key) {
        return Objects.requireNonNullElse(summary.get(key), 0);
    }

    private static long total(Map<String, Long> labels) {
        return labels == null ? 0 : labels.values().stream().filter(Objects::nonNull).mapToLong(v -> Math.max(0, v)).sum();
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                present.add(part);
            }
        }
        return String.join(separator, present);
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    private static final String MONO = "ui-monospace,SFMono-Regular,\"SF Mono\",Menlo,Consolas,\"Liberation Mono\","
            + "\"DejaVu Sans Mono\",monospace";
    private static final String SANS = "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
            + "\"Noto Sans\",\"Liberation Sans\",\"DejaVu Sans\",sans-serif";

    private static final String CSS = """
            :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--bar:#4e79a7;\
            --add:#1a7f37;--del:#cf222e;--warn:#9a6700;--flag:#e8590c}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:#fff;color:var(--fg);font:14px/1.5 SANS}
            main{max-width:1100px;margin:0 auto;padding:24px 16px 40px}
            code,pre{font-family:MONO;font-size:12.5px}
            h1{font-size:22px;line-height:1.3;margin:0 0 10px;overflow-wrap:anywhere}
            h1 .target{color:var(--muted);font-weight:500}
            h2{font-size:17px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
            h3{font-size:14px;margin:18px 0 6px}
            .meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0 0 12px}
            .meta div{min-width:0}
            .meta dt{font-size:12px;color:var(--muted)}
            .meta dd{margin:0;overflow-wrap:anywhere}
            .status{margin:0 0 10px;padding:8px 12px;border-radius:6px;border:1px solid;font-weight:600}
            .status.ok{background:#dafbe1;border-color:#8ddb9e;color:#0f5323}
            .status.pending{background:#ddf4ff;border-color:#80ccff;color:#0a3069}
            .status.fail{background:#ffebe9;border-color:#ff8182;color:#82071e}
            .badges{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0 0 10px;padding:0}
            .badge{padding:1px 10px;border-radius:999px;border:1px solid var(--line);background:var(--soft);font-size:12.5px}
            .badge.zero{color:var(--muted);background:#fff}
            .badge.b-create:not(.zero){background:#dafbe1;border-color:#8ddb9e;color:#0f5323}
            .badge.b-update:not(.zero){background:#fff8c5;border-color:#e7c85b;color:#6a4a00}
            .badge.b-repair:not(.zero){background:#fbefff;border-color:#d8b9ff;color:#5a2ea6}
            .badge.b-delete:not(.zero),.badge.b-errors:not(.zero){background:#ffebe9;border-color:#ff8182;color:#82071e}
            .badge.b-keep:not(.zero),.badge.b-warnings:not(.zero){background:#fff1e5;border-color:#ffb77c;color:#7a3100}
            .note,.caption{color:var(--muted);margin:6px 0 10px}
            .caption{font-size:13px}
            .sample{font-size:11px;font-weight:600;letter-spacing:.02em;text-transform:uppercase;color:#7a3100;\
            background:#fff1e5;border:1px solid #ffb77c;border-radius:4px;padding:0 6px;vertical-align:2px;white-space:nowrap}
            .empty{color:var(--muted);font-style:italic}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            th{font-size:12px;color:var(--muted);font-weight:600;background:var(--soft)}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .changes td.sym{font-family:MONO;font-weight:700;text-align:center;width:2em}
            .changes td.kind,.changes td.name,.changes td.hash{white-space:nowrap}
            .changes td.hash code{font-size:11.5px;color:var(--muted)}
            tr.a-create td.sym,tr.a-create td.action{color:var(--add)}
            tr.a-update td.sym,tr.a-update td.action{color:var(--warn)}
            tr.a-repair td.sym,tr.a-repair td.action{color:#8250df}
            tr.a-delete td.sym,tr.a-delete td.action{color:var(--del)}
            tr.a-keep td.sym,tr.a-keep td.action{color:#bc4c00}
            tr.a-unmanaged td,tr.a-unchanged td{color:var(--muted)}
            details.unchanged{margin-top:8px}
            details>summary{cursor:pointer}
            .findings{list-style:none;margin:0;padding:0}
            .finding{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:7px 10px;margin:0 0 8px}
            .finding.error{border-color:#ff8182;border-left-color:var(--del);background:#fff5f5}
            .finding.warning{border-left-color:#d4a72c;background:#fffdf3}
            .finding .sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:4px}
            .finding.error .sev{background:var(--del);color:#fff}
            .finding.warning .sev{background:#fff1c2;color:#6a4a00;border:1px solid #d4a72c}
            .finding .subject{font-weight:600;overflow-wrap:anywhere}
            .finding .msg{margin-top:3px}
            .finding .loc{font-size:12px;color:var(--muted);margin-top:2px}
            .charts{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 32px;align-items:start}
            .charts h2{margin-top:32px}
            svg{display:block}
            svg.chart{width:100%;height:auto;max-width:560px;overflow:visible}
            svg text{font-family:SANS;font-size:12px;fill:var(--fg)}
            svg .id{font-family:MONO;font-size:12px}
            svg .sub{font-size:11px;fill:var(--muted)}
            svg .bar{fill:var(--bar)}
            svg .base-mark{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:3 2}
            svg .value{font-variant-numeric:tabular-nums}
            svg .up,.counts .up{fill:var(--add);color:var(--add);font-weight:600}
            svg .down,.counts .down{fill:var(--del);color:var(--del);font-weight:600}
            svg .same{fill:var(--muted)}
            .base-key{display:inline-block;width:0;height:12px;border-left:2px dashed var(--fg);vertical-align:-1px;margin:0 3px}
            svg .pct{font-size:11px;text-anchor:middle;font-weight:600}
            svg text.on-dark{fill:#fff}
            svg text.on-light{fill:#1f2328}
            .legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:0 0 8px;padding:0;font-size:12.5px}
            .legend li{display:flex;align-items:center;gap:5px}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:2px}
            .heat-wrap{margin:4px 0 6px}
            svg.heat{height:auto;max-width:100%}
            svg.heat .id{font-size:11px}
            svg.heat .row{text-anchor:end}
            svg.heat .cell.none{fill:#fff;stroke:#d8dee4;stroke-width:1;stroke-dasharray:2 2}
            svg.heat .cv{text-anchor:middle;font-variant-numeric:tabular-nums}
            svg.heat .flag-ring{fill:none;stroke:var(--flag);stroke-width:3}
            .heat-legend{display:flex;flex-wrap:wrap;align-items:center;gap:4px 20px;font-size:12.5px;color:var(--muted);margin:0 0 6px}
            .heat-legend .key{display:inline-flex;align-items:center;gap:6px;white-space:nowrap}
            .heat-legend .ramp{width:120px;height:12px;border:1px solid var(--line);\
            background:linear-gradient(90deg,#e3eef9,#c6dbef,#6baed6,#2171b5,#08306b)}
            .heat-legend .ring{width:14px;height:14px;border:3px solid var(--flag)}
            .heat-legend .none{width:14px;height:14px;background:#fff;border:1px dashed #b8c0c8}
            tr.flagged td{background:#fff4ec}
            td.jac{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}
            .flag{font-size:11px;font-weight:700;color:#fff;background:var(--flag);border-radius:4px;padding:0 5px;margin-left:4px}
            .segdiff{border:1px solid var(--line);border-radius:6px;margin:0 0 8px;padding:6px 10px}
            .segdiff>summary{font-weight:500}
            .segdiff code{overflow-wrap:anywhere}
            .st{font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:4px;background:var(--soft);\
            border:1px solid var(--line)}
            .st-added{background:#dafbe1;border-color:#8ddb9e;color:#0f5323}
            .st-changed{background:#fff8c5;border-color:#e7c85b;color:#6a4a00}
            .st-removed{background:#ffebe9;border-color:#ff8182;color:#82071e}
            .st-renamed{background:#ddf4ff;border-color:#80ccff;color:#0a3069}
            .stage{font-size:12.5px;color:var(--muted)}
            .muted{color:var(--muted)}
            .counts{font-size:12.5px;margin-left:4px}
            pre.diff{margin:8px 0 2px;padding:0;overflow-x:auto;border:1px solid var(--line);border-radius:4px;\
            line-height:1.45;background:#fff}
            pre.diff code{display:inline-block;min-width:100%;padding:4px 0}
            pre.diff span{display:block;padding:0 10px;min-height:1.45em}
            pre.diff .d-add{background:#e6ffec;color:#0f5323}
            pre.diff .d-del{background:#ffebe9;color:#82071e}
            pre.diff .d-hunk{background:#ddf4ff;color:#0a3069}
            pre.diff .d-meta{color:var(--muted);font-weight:600}
            .campaigns{margin:6px 0}
            footer{margin-top:36px;padding-top:8px;border-top:1px solid var(--line);font-size:12px;color:var(--muted);\
            overflow-wrap:anywhere}
            @media (max-width:760px){
            main{padding:16px 10px 32px}
            .charts{grid-template-columns:minmax(0,1fr)}
            h1{font-size:19px}
            table{font-size:12.5px}
            .changes,.changes tbody{display:block}
            .changes thead{display:none}
            .changes tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 8px;padding:7px 0;border-bottom:1px solid var(--line)}
            .changes td{border:0;padding:0}
            .changes td.sym{width:1.2em;text-align:left}
            .changes td.name{flex:1 1 0;min-width:0;white-space:normal}
            .changes td.name code{overflow-wrap:anywhere}
            .changes td.action,.changes td.reason,.changes td.hash{flex:0 0 100%;padding-left:calc(1.2em + 8px)}
            }
            @media print{
            main{max-width:none;padding:0}
            .charts{grid-template-columns:minmax(0,1fr)}
            svg.chart{max-width:600px}
            h2,h3,.caption,.legend{break-after:avoid}
            #sizes,#labels,.heat-wrap{break-inside:avoid}
            tr,.finding,.segdiff summary,svg{break-inside:avoid}
            details::details-content{content-visibility:visible;display:block}
            .scroll{overflow:visible}
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            }
            """.replace("MONO", MONO).replace("SANS", SANS);
}
