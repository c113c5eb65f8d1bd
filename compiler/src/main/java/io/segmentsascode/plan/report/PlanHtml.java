package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.HtmlText.cssName;
import static io.segmentsascode.plan.report.HtmlText.esc;
import static io.segmentsascode.plan.report.HtmlText.integer;
import static io.segmentsascode.plan.report.HtmlText.jaccard;
import static io.segmentsascode.plan.report.HtmlText.nz;
import static io.segmentsascode.plan.report.HtmlText.plural;
import static io.segmentsascode.plan.report.HtmlText.shortHash;

import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.SegmentDiff;
import io.segmentsascode.plan.review.SegmentDiff.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * This class composes the page; the style sheet is {@code report.css} beside it and the charts
 * are {@link SizeChart}, {@link LabelChart} and {@link OverlapHeatMap}.
 *
 * <p>Everything from the plan is HTML-escaped. The output is deterministic: {@link #render} sorts
 * every list itself (segments and heat map by id, changes by kind and name, findings errors
 * first, overlaps by pair or by Jaccard), formats numbers with {@link Locale#ROOT} and prints no
 * time but the plan's own reference time, so equal plans give byte-identical pages whatever order
 * their lists were built in.
 */
public final class PlanHtml {

    /** Above this many segments involved in overlaps the heat map is replaced by a table. */
    static final int MAX_HEATMAP_SEGMENTS = 30;
    /** Pairs listed instead of the heat map. */
    static final int TOP_PAIRS_TABLE = 40;
    /** Pairs listed under the heat map. */
    static final int TOP_PAIRS_UNDER_MAP = 10;
    /** SQL diffs start unfolded when all of them together have at most this many lines. */
    static final int OPEN_DIFF_LINES = 200;

    private static final List<String> ACTION_KEYS =
            Arrays.stream(Action.values()).map(Plan::summaryKey).toList();

    /** The page's style sheet, report.css beside this class: read once, inlined into every page. */
    private static final String CSS = styleSheet();

    private PlanHtml() {}

    public static String render(Plan plan) {
        return render(plan, "");
    }

    /** {@code extraSections}: escaped HTML sections of other stages (e.g. campaign briefs), placed before the footer. */
    public static String render(Plan plan, String extraSections) {
        List<PlannedChange> changes = sorted(plan.changes(), CHANGE_ORDER);
        List<Finding> findings = sorted(plan.findings(), FINDING_ORDER);
        List<SegmentImpact> segments = sorted(plan.segments(), SEGMENT_ORDER);
        List<Overlap> overlaps =
                sorted(plan.overlaps().stream().map(PlanHtml::normalised).toList(), PAIR_ORDER);

        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<title>segments plan: ")
                .append(esc(plan.target()))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(h, plan, changes);
        changesSection(h, changes);
        findingsSection(h, findings);
        h.append(CostText.html(plan.cost()));
        h.append(LiveReport.html(plan));
        listSection(
                h,
                "sync",
                "Last sync",
                plan.sync() == null ? List.of() : List.of(plan.sync().describe()));
        listSection(
                h,
                "lists",
                "Lists in Google Ads",
                plan.audiences().stream()
                        .map(status -> status.audience() + ": " + AudienceStatusText.describe(status))
                        .toList());
        h.append("<div class=\"charts\">\n");
        audienceSection(h, plan, segments);
        labelsSection(h, plan, segments);
        h.append("</div>\n");
        overlapSection(h, plan, overlaps);
        listSection(h, "references", "Segments built from segments", ReferencesSection.dependencyLines(plan));
        listSection(h, "exclusive", "Exclusive audiences", ReferencesSection.exclusivityLines(plan));
        listSection(
                h,
                "overlap-changes",
                "Overlap changes since the base",
                plan.base() == null
                        ? List.of()
                        : plan.base().overlapChanges().stream()
                                .map(change -> OverlapText.line(change, plan.overlapThreshold()))
                                .toList());
        if (plan.base() != null) {
            reviewSection(h, plan.base());
        }
        h.append(extraSections);
        h.append("<footer>plan format ")
                .append(plan.formatVersion())
                .append(" &middot; fingerprint <code>")
                .append(esc(plan.fingerprint()))
                .append("</code> &middot; figures are ")
                .append(LiveReport.sampleOnly(plan) ? "sample figures" : "live figures")
                .append(" (")
                .append(esc(plan.dataLabel()))
                .append(")</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---------------------------------------------------------------- header

    private static void header(StringBuilder h, Plan plan, List<PlannedChange> changes) {
        Map<String, Integer> summary = plan.summary();
        int errors = count(summary, "errors");
        int warnings = count(summary, "warnings");
        long pending = changes.stream().filter(c -> c.action().changesTarget()).count();

        h.append("<header>\n<h1>segments plan <span class=\"target\">")
                .append(esc(plan.target()))
                .append("</span></h1>\n");
        h.append("<dl class=\"meta\">")
                .append("<div><dt>target</dt><dd><code>")
                .append(esc(plan.target()))
                .append("</code></dd></div>")
                .append("<div><dt>reference time (@run_time)</dt><dd><code>")
                .append(esc(plan.runTime()))
                .append("</code></dd></div>")
                .append("<div><dt>")
                .append(LiveReport.sampleOnly(plan) ? "sample data" : "figures from")
                .append("</dt><dd>")
                .append(esc(plan.dataLabel()))
                .append("</dd></div>")
                .append("<div><dt>plan</dt><dd><code title=\"")
                .append(esc(plan.fingerprint()))
                .append("\">")
                .append(esc(shortHash(plan.fingerprint())))
                .append("</code></dd></div>")
                .append("</dl>\n");

        List<String> status = new ArrayList<>();
        if (errors > 0) {
            status.add(plural(errors, "error") + ": the plan fails governance checks");
        }
        status.add(
                pending == 0
                        ? (errors > 0 ? "no changes" : "No changes: the target matches the definitions")
                        : plural(pending, "change") + " to apply");
        if (warnings > 0) {
            status.add(plural(warnings, "warning"));
        }
        h.append("<p class=\"status ")
                .append(errors > 0 ? "fail" : pending == 0 ? "ok" : "pending")
                .append("\">")
                .append(String.join(" &middot; ", status))
                .append("</p>\n");

        h.append("<ul class=\"badges\" aria-label=\"summary\">");
        List<String> keys = new ArrayList<>(ACTION_KEYS);
        new TreeSet<>(summary.keySet())
                .stream()
                        .filter(k -> !ACTION_KEYS.contains(k) && !k.equals("errors") && !k.equals("warnings"))
                        .forEach(keys::add);
        keys.add("errors");
        keys.add("warnings");
        for (String key : keys) {
            int n = count(summary, key);
            h.append("<li class=\"badge b-")
                    .append(cssName(key))
                    .append(n == 0 ? " zero" : "")
                    .append("\"><b>")
                    .append(n)
                    .append("</b> ")
                    .append(esc(key))
                    .append("</li>");
        }
        h.append("</ul>\n");
        if (!LiveReport.sampleOnly(plan)) {
            h.append(LiveReport.htmlNote(plan)).append("</header>\n");
            return;
        }
        h.append(
                        "<p class=\"note\">Audience sizes, labels and overlaps below are <strong>sample figures</strong> from ")
                .append(esc(plan.dataLabel()))
                .append(" at ")
                .append(esc(plan.runTime()))
                .append("; real audiences differ.</p>\n</header>\n");
    }

    // ---------------------------------------------------------------- changes

    private static void changesSection(StringBuilder h, List<PlannedChange> changes) {
        h.append("<section id=\"changes\">\n<h2>Changes</h2>\n");
        List<PlannedChange> shown =
                changes.stream().filter(c -> c.action() != Action.UNCHANGED).toList();
        List<PlannedChange> unchanged =
                changes.stream().filter(c -> c.action() == Action.UNCHANGED).toList();
        if (changes.isEmpty()) {
            h.append("<p class=\"empty\">The target holds no managed resources and none are planned.</p>\n");
        } else if (shown.isEmpty()) {
            h.append("<p class=\"empty\">Nothing to change.</p>\n");
        } else {
            changesTable(h, shown);
        }
        if (!unchanged.isEmpty()) {
            h.append("<details class=\"unchanged\"><summary>")
                    .append(plural(unchanged.size(), "unchanged resource"))
                    .append("</summary>\n");
            changesTable(h, unchanged);
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private static void changesTable(StringBuilder h, List<PlannedChange> changes) {
        h.append("<div class=\"scroll\"><table class=\"changes\">\n<thead><tr><th class=\"sym\" title=\"symbol\"></th>")
                .append(
                        "<th>kind</th><th>name</th><th>action</th><th>reason</th><th>spec hash</th></tr></thead>\n<tbody>\n");
        for (PlannedChange change : changes) {
            String symbol = nz(change.symbol()).isBlank() ? "&middot;" : esc(change.symbol());
            h.append("<tr class=\"a-")
                    .append(cssName(change.action().name()))
                    .append("\"><td class=\"sym\">")
                    .append(symbol)
                    .append("</td><td class=\"kind\">")
                    .append(esc(change.kind().label()))
                    .append("</td><td class=\"name\"><code>")
                    .append(esc(change.name()))
                    .append("</code></td><td class=\"action\">")
                    .append(esc(change.action().label()))
                    .append("</td><td class=\"reason\">")
                    .append(esc(change.reason()))
                    .append("</td><td class=\"hash\"><code>")
                    .append(hashCell(change.fromHash()))
                    .append("</code> &rarr; <code>")
                    .append(hashCell(change.toHash()))
                    .append("</code></td></tr>\n");
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
            h.append("<li class=\"finding ")
                    .append(severity)
                    .append("\"><span class=\"sev\">")
                    .append(severity)
                    .append("</span> <code class=\"code\">")
                    .append(esc(finding.code()))
                    .append("</code> <span class=\"subject\">")
                    .append(esc(finding.subject()))
                    .append("</span><div class=\"msg\">")
                    .append(esc(finding.message()))
                    .append("</div>");
            if (!nz(finding.location()).isEmpty()) {
                h.append("<div class=\"loc\"><code>")
                        .append(esc(finding.location()))
                        .append("</code></div>");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void listSection(StringBuilder h, String id, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        h.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(esc(title))
                .append("</h2>\n<ul>\n");
        lines.forEach(line -> h.append("<li>").append(esc(line)).append("</li>\n"));
        h.append("</ul>\n</section>\n");
    }

    // ---------------------------------------------------------------- audience sizes

    private static void audienceSection(StringBuilder h, Plan plan, List<SegmentImpact> segments) {
        h.append("<section id=\"sizes\">\n<h2>Audience sizes " + LiveReport.figuresBadge(plan) + "</h2>\n");
        if (segments.isEmpty()) {
            h.append("<p class=\"empty\">No segments.</p>\n</section>\n");
            return;
        }
        boolean anyBase = segments.stream().anyMatch(s -> s.baseMembers() != null);
        h.append("<p class=\"caption\">Members per segment on ")
                .append(esc(plan.dataLabel()))
                .append(
                        anyBase
                                ? "; change vs base at the bar end, <span class=\"base-key\"></span> marks the base size"
                                : "")
                .append(".</p>\n");
        SizeChart.append(h, segments);
        h.append("</section>\n");
    }

    // ---------------------------------------------------------------- RFM labels

    private static void labelsSection(StringBuilder h, Plan plan, List<SegmentImpact> segments) {
        List<SegmentImpact> labelled = LabelChart.labelled(segments);
        if (labelled.isEmpty()) {
            return;
        }
        h.append("<section id=\"labels\">\n<h2>RFM labels <span class=\"sample\">sample figures</span></h2>\n")
                .append("<p class=\"caption\">Share of each segment's members per RFM label on ")
                .append(esc(plan.dataLabel()))
                .append(".</p>\n");
        LabelChart.append(h, labelled);
        h.append("</section>\n");
    }

    // ---------------------------------------------------------------- overlap

    private static void overlapSection(StringBuilder h, Plan plan, List<Overlap> overlaps) {
        h.append("<section id=\"overlap\">\n<h2>Overlap " + LiveReport.figuresBadge(plan) + "</h2>\n");
        if (overlaps.isEmpty()) {
            h.append(
                    "<p class=\"empty\">No pairs of segments share a campaign mapping or a family, so no overlap was computed.</p>\n</section>\n");
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
        h.append(
                        "<p class=\"caption\">Jaccard |A&cap;B| / |A&cup;B| of segments that share a campaign mapping or a family, on ")
                .append(esc(plan.dataLabel()))
                .append("; pairs at or above ")
                .append(threshold)
                .append(" are flagged.</p>\n");
        if (ids.size() > MAX_HEATMAP_SEGMENTS) {
            h.append("<p class=\"note\">")
                    .append(ids.size())
                    .append(" segments are involved, too many for a readable matrix: ")
                    .append("the ")
                    .append(Math.min(TOP_PAIRS_TABLE, top.size()))
                    .append(" pairs with the highest Jaccard of ")
                    .append(top.size())
                    .append(".</p>\n");
            pairsTable(h, top.subList(0, Math.min(TOP_PAIRS_TABLE, top.size())), "pairs top-pairs");
        } else {
            OverlapHeatMap.append(h, new ArrayList<>(ids), byPair, threshold);
            h.append("<h3>Top pairs</h3>\n");
            pairsTable(h, top.subList(0, Math.min(TOP_PAIRS_UNDER_MAP, top.size())), "pairs");
        }
        h.append("</section>\n");
    }

    private static void pairsTable(StringBuilder h, List<Overlap> pairs, String cssClass) {
        h.append("<div class=\"scroll\"><table class=\"")
                .append(cssClass)
                .append("\">\n<thead><tr><th>Jaccard</th>")
                .append("<th>segments</th><th>shared by</th><th class=\"num\">common</th><th class=\"num\">union</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Overlap o : pairs) {
            h.append("<tr")
                    .append(o.flagged() ? " class=\"flagged\"" : "")
                    .append("><td class=\"jac\">")
                    .append(jaccard(o.jaccard()))
                    .append(o.flagged() ? " <span class=\"flag\">flagged</span>" : "")
                    .append("</td><td><code>")
                    .append(esc(o.a()))
                    .append("</code> ~ <code>")
                    .append(esc(o.b()))
                    .append("</code></td><td>")
                    .append(esc(o.sharedBy()))
                    .append("</td><td class=\"num\">")
                    .append(integer(o.intersection()))
                    .append("</td><td class=\"num\">")
                    .append(integer(o.union()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    // ---------------------------------------------------------------- review

    private static void reviewSection(StringBuilder h, BaseDiff base) {
        h.append("<section id=\"review\">\n<h2>Review: definitions vs <code>")
                .append(esc(base.ref()))
                .append("</code>");
        if (!nz(base.commit()).isEmpty()) {
            h.append(" <span class=\"commit\"><code title=\"")
                    .append(esc(base.commit()))
                    .append("\">")
                    .append(esc(shortHash(base.commit())))
                    .append("</code></span>");
        }
        h.append("</h2>\n");
        List<SegmentDiff> diffs = sorted(base.segments(), DIFF_ORDER);
        boolean nothing = diffs.isEmpty()
                && base.campaignsAdded().isEmpty()
                && base.campaignsChanged().isEmpty()
                && base.campaignsRemoved().isEmpty()
                && !base.lockChanged()
                && base.briefChanges().isEmpty();
        if (nothing) {
            h.append("<p class=\"empty\">No definition changed.</p>\n</section>\n");
            return;
        }
        long diffLines =
                diffs.stream().mapToLong(d -> nz(d.sqlDiff()).lines().count()).sum();
        boolean open = diffLines <= OPEN_DIFF_LINES;
        for (SegmentDiff diff : diffs) {
            String sql = nz(diff.sqlDiff());
            StringBuilder summary = new StringBuilder();
            summary.append("<span class=\"st st-")
                    .append(cssName(diff.status().label()))
                    .append("\">")
                    .append(esc(diff.status().label()))
                    .append("</span> <code>")
                    .append(esc(diff.id()))
                    .append("</code>");
            if (diff.renamedFrom() != null) {
                summary.append(" <span class=\"muted\">from</span> <code>")
                        .append(esc(diff.renamedFrom()))
                        .append("</code>");
            }
            if (!nz(diff.stageChange()).isEmpty()) {
                summary.append(" <span class=\"stage\">stage ")
                        .append(esc(diff.stageChange()))
                        .append("</span>");
            }
            if (sql.isEmpty()) {
                h.append("<div class=\"segdiff nodiff\">")
                        .append(summary)
                        .append(" <span class=\"muted\">")
                        .append(diff.status() == Status.RENAMED ? "same SQL" : "no SQL change")
                        .append("</span></div>\n");
                continue;
            }
            long added = sql.lines()
                    .filter(l -> l.startsWith("+") && !l.startsWith("+++"))
                    .count();
            long removed = sql.lines()
                    .filter(l -> l.startsWith("-") && !l.startsWith("---"))
                    .count();
            summary.append(" <span class=\"counts\"><span class=\"up\">+")
                    .append(added)
                    .append("</span> <span class=\"down\">&minus;")
                    .append(removed)
                    .append("</span></span>");
            h.append("<details class=\"segdiff\"")
                    .append(open ? " open" : "")
                    .append("><summary>")
                    .append(summary)
                    .append("</summary>\n<pre class=\"diff\"><code>");
            for (String line : sql.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                String kind = line.startsWith("+++") || line.startsWith("---") || line.startsWith("\\")
                        ? "d-meta"
                        : line.startsWith("@@")
                                ? "d-hunk"
                                : line.startsWith("+") ? "d-add" : line.startsWith("-") ? "d-del" : "d-ctx";
                h.append("<span class=\"")
                        .append(kind)
                        .append("\">")
                        .append(esc(line.replace("\r", "")))
                        .append("\n</span>");
            }
            h.append("</code></pre>\n</details>\n");
        }
        campaigns(h, "Campaign mappings added", base.campaignsAdded());
        campaigns(h, "Campaign mappings changed", base.campaignsChanged());
        campaigns(h, "Campaign mappings removed", base.campaignsRemoved());
        if (base.lockChanged()) {
            h.append("<p class=\"note\"><code>segments.lock</code> changed.</p>\n");
        }
        if (!base.briefChanges().isEmpty()) {
            h.append("<p class=\"campaigns\">Campaign briefs changed (<code>briefs.lock</code>):</p>\n<ul>\n");
            base.briefChanges()
                    .forEach(c -> h.append("<li><code>")
                            .append(esc(c.segmentId()))
                            .append("</code> ")
                            .append(esc(c.status()))
                            .append(c.details().isEmpty() ? "" : ": " + esc(String.join("; ", c.details())))
                            .append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static void campaigns(StringBuilder h, String title, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        h.append("<p class=\"campaigns\">").append(title).append(": ");
        List<String> sorted =
                ids.stream().sorted(Comparator.comparing(HtmlText::nz)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            h.append(i == 0 ? "" : ", ")
                    .append("<code>")
                    .append(esc(sorted.get(i)))
                    .append("</code>");
        }
        h.append("</p>\n");
    }

    // ---------------------------------------------------------------- ordering

    private static final Comparator<PlannedChange> CHANGE_ORDER = Comparator.comparing(PlannedChange::kind)
            .thenComparing(text(PlannedChange::name))
            .thenComparing(c -> c.action().name())
            .thenComparing(text(PlannedChange::fromHash))
            .thenComparing(text(PlannedChange::toHash))
            .thenComparing(text(PlannedChange::reason))
            .thenComparing(text(PlannedChange::symbol));

    private static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(text(Finding::code))
            .thenComparing(text(Finding::subject))
            .thenComparing(text(Finding::location))
            .thenComparing(text(Finding::message));

    private static final Comparator<SegmentImpact> SEGMENT_ORDER = Comparator.comparing(text(SegmentImpact::id))
            .thenComparing(text(SegmentImpact::family))
            .thenComparing(s -> s.stage().label())
            .thenComparingLong(SegmentImpact::members)
            .thenComparingLong(s -> s.baseMembers() == null ? Long.MIN_VALUE : s.baseMembers())
            .thenComparing(s -> s.labels() == null ? "" : String.valueOf(new TreeMap<>(s.labels())));

    private static final Comparator<Overlap> PAIR_ORDER = Comparator.comparing(text(Overlap::a))
            .thenComparing(text(Overlap::b))
            .thenComparing(Comparator.comparingDouble(Overlap::jaccard).reversed())
            .thenComparing(text(Overlap::sharedBy))
            .thenComparingLong(Overlap::intersection)
            .thenComparingLong(Overlap::union)
            .thenComparing(Overlap::flagged);

    private static final Comparator<Overlap> TOP_ORDER = Comparator.comparingDouble(Overlap::jaccard)
            .reversed()
            .thenComparing(text(Overlap::a))
            .thenComparing(text(Overlap::b));

    private static final Comparator<SegmentDiff> DIFF_ORDER = Comparator.comparing(text(SegmentDiff::id))
            .thenComparing(d -> d.status().label())
            .thenComparing(text(SegmentDiff::renamedFrom))
            .thenComparing(text(SegmentDiff::stageChange))
            .thenComparing(text(SegmentDiff::sqlDiff));

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
        return nz(o.a()).compareTo(nz(o.b())) <= 0
                ? o
                : new Overlap(o.b(), o.a(), o.sharedBy(), o.intersection(), o.union(), o.jaccard(), o.flagged());
    }

    // ---------------------------------------------------------------- formatting

    private static int count(Map<String, Integer> summary, String key) {
        return Objects.requireNonNullElse(summary.get(key), 0);
    }

    private static String styleSheet() {
        try (InputStream in = PlanHtml.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
