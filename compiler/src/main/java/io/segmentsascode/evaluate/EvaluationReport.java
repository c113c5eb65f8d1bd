package io.segmentsascode.evaluate;

import io.segmentsascode.model.ExperimentMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An evaluation as console lines, Markdown, JSON and HTML. Every form shows the same rows in the
 * same order (largest revenue-per-user uplift first) with the same rounding ({@link Figures}).
 */
public final class EvaluationReport {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final List<String> HEADERS = List.of(
            "experiment",
            "segment label",
            "users A / B",
            "conversion A",
            "conversion B",
            "uplift",
            "z",
            "p",
            "revenue/user A",
            "revenue/user B",
            "uplift",
            "t",
            "p",
            "B wins",
            "notes");

    private static final String HOLDOUTS = "Holdouts: control group (A) against treated members (B), purchases in the"
            + " mapping's membership window";

    private EvaluationReport() {}

    public static List<String> lines(Evaluation evaluation) {
        List<String> lines = new ArrayList<>();
        lines.add(heading(evaluation));
        evaluation.byLabel().forEach(c -> lines.add(line(c, evaluation.confidence())));
        if (!evaluation.holdouts().isEmpty()) {
            lines.add(HOLDOUTS);
            evaluation.holdouts().forEach(c -> lines.add(line(c, evaluation.confidence())));
        }
        lines.add(legend(evaluation));
        return lines;
    }

    private static String line(Comparison c, double confidence) {
        List<String> cells = cells(c, confidence);
        return String.format(
                Locale.ROOT,
                "  %-20s %-22s %15s  conversion %s → %s %s p %s  revenue/user %s → %s %s p %s  B wins: %s%s",
                cells.get(0),
                cells.get(1),
                cells.get(2),
                cells.get(3),
                cells.get(4),
                cells.get(5),
                cells.get(7),
                cells.get(8),
                cells.get(9),
                cells.get(10),
                cells.get(12),
                cells.get(13),
                cells.get(14).isEmpty() ? "" : "  (" + cells.get(14) + ")");
    }

    public static String markdown(Evaluation evaluation) {
        StringBuilder md = new StringBuilder("# Experiment evaluation\n\n" + heading(evaluation) + "\n\n");
        markdownTable(md, evaluation.byLabel(), evaluation.confidence());
        md.append("\n## Per experiment, all labels together (what promotion gates read)\n\n");
        markdownTable(md, evaluation.byExperiment(), evaluation.confidence());
        if (!evaluation.holdouts().isEmpty()) {
            md.append("\n## ").append(HOLDOUTS).append("\n\n");
            markdownTable(md, evaluation.holdouts(), evaluation.confidence());
        }
        return md.append('\n').append(legend(evaluation)).append('\n').toString();
    }

    private static void markdownTable(StringBuilder md, List<Comparison> comparisons, double confidence) {
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        md.append("|").append("---|".repeat(HEADERS.size())).append('\n');
        for (Comparison c : comparisons) {
            md.append("| ")
                    .append(String.join(
                            " | ",
                            cells(c, confidence).stream()
                                    .map(cell -> cell.replace("|", "\\|"))
                                    .toList()))
                    .append(" |\n");
        }
    }

    public static String json(Evaluation evaluation) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("confidence", evaluation.confidence());
        root.put("data", evaluation.dataLabel());
        root.put(
                "by_label",
                evaluation.byLabel().stream()
                        .map(c -> json(c, evaluation.confidence()))
                        .toList());
        root.put(
                "by_experiment",
                evaluation.byExperiment().stream()
                        .map(c -> json(c, evaluation.confidence()))
                        .toList());
        root.put(
                "holdouts",
                evaluation.holdouts().stream()
                        .map(c -> json(c, evaluation.confidence()))
                        .toList());
        return JSON.writeValueAsString(root) + "\n";
    }

    public static String html(Evaluation evaluation) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Experiment evaluation</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}td:nth-child(-n+2),td:last-child{text-align:left}
                tr.wins{background:#e6f4ea}</style></head><body>
                <h1>Experiment evaluation</h1>
                """);
        html.append("<p>").append(escape(heading(evaluation))).append("</p>\n");
        htmlTable(html, evaluation.byLabel(), evaluation.confidence());
        html.append("<h2>Per experiment, all labels together (what promotion gates read)</h2>\n");
        htmlTable(html, evaluation.byExperiment(), evaluation.confidence());
        if (!evaluation.holdouts().isEmpty()) {
            html.append("<h2>").append(escape(HOLDOUTS)).append("</h2>\n");
            htmlTable(html, evaluation.holdouts(), evaluation.confidence());
        }
        return html.append("<p>")
                .append(escape(legend(evaluation)))
                .append("</p>\n</body></html>\n")
                .toString();
    }

    private static void htmlTable(StringBuilder html, List<Comparison> comparisons, double confidence) {
        html.append("<table>\n<tr>");
        HEADERS.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (Comparison c : comparisons) {
            boolean wins = c.bBeatsA(ExperimentMetric.CONVERSION_RATE, confidence)
                    || c.bBeatsA(ExperimentMetric.REVENUE_PER_USER, confidence);
            html.append(wins ? "<tr class=\"wins\">" : "<tr>");
            cells(c, confidence)
                    .forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String heading(Evaluation evaluation) {
        return "A (control) against B (treatment) per experiment and segment label on " + evaluation.dataLabel()
                + ", largest revenue-per-user uplift first; B wins where it beats A at "
                + Figures.percent(evaluation.confidence()) + " confidence.";
    }

    private static String legend(Evaluation evaluation) {
        return "Conversion: two-proportion z-test (converting users of users); revenue per user: Welch's t-test. "
                + "Both two-sided; B wins on a metric where B is ahead and p < "
                + String.format(Locale.ROOT, "%.2f", 1 - evaluation.confidence()) + ".";
    }

    private static List<String> cells(Comparison c, double confidence) {
        ExperimentMetric conversion = ExperimentMetric.CONVERSION_RATE;
        ExperimentMetric revenue = ExperimentMetric.REVENUE_PER_USER;
        List<String> wins = new ArrayList<>();
        if (c.bBeatsA(conversion, confidence)) {
            wins.add("conversion");
        }
        if (c.bBeatsA(revenue, confidence)) {
            wins.add("revenue/user");
        }
        return List.of(
                c.experiment(),
                c.label(),
                users(c.a()) + " / " + users(c.b()),
                Figures.value(conversion, c.value(conversion, c.a())),
                Figures.value(conversion, c.value(conversion, c.b())),
                Figures.difference(conversion, c.absoluteUplift(conversion)) + " ("
                        + Figures.signedPercent(c.relativeUplift(conversion)) + ")",
                statistic(c.conversion()),
                Figures.pValue(c.conversion().pValue()),
                Figures.value(revenue, c.value(revenue, c.a())),
                Figures.value(revenue, c.value(revenue, c.b())),
                Figures.difference(revenue, c.absoluteUplift(revenue)) + " ("
                        + Figures.signedPercent(c.relativeUplift(revenue)) + ")",
                statistic(c.revenue()),
                Figures.pValue(c.revenue().pValue()),
                wins.isEmpty() ? "—" : String.join(", ", wins),
                String.join("; ", c.notes()));
    }

    private static Map<String, Object> json(Comparison c, double confidence) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("experiment_id", c.experiment());
        row.put("segment_label", c.label());
        row.put("users_a", c.a().map(Arm::users).orElse(null));
        row.put("users_b", c.b().map(Arm::users).orElse(null));
        for (ExperimentMetric metric : ExperimentMetric.values()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("a", number(c.value(metric, c.a())));
            figures.put("b", number(c.value(metric, c.b())));
            figures.put("absolute_uplift", number(c.absoluteUplift(metric)));
            figures.put("relative_uplift", number(c.relativeUplift(metric)));
            Significance.Outcome test = c.test(metric);
            figures.put("test", metric == ExperimentMetric.CONVERSION_RATE ? "two-proportion z" : "welch t");
            figures.put("statistic", number(test.statistic()));
            figures.put("degrees_of_freedom", number(test.degreesOfFreedom()));
            figures.put("p_value", number(test.pValue()));
            figures.put("b_wins", c.bBeatsA(metric, confidence));
            test.undefined().ifPresent(why -> figures.put("undefined", why));
            row.put(metric.label(), figures);
        }
        row.put("ignored_variants", c.otherVariants());
        row.put("notes", c.notes());
        return row;
    }

    /** JSON has no NaN or infinity: both are null. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String users(Optional<Arm> arm) {
        return arm.map(a -> String.format(Locale.ROOT, "%,d", a.users())).orElse("—");
    }

    private static String statistic(Significance.Outcome outcome) {
        return outcome.defined() ? String.format(Locale.ROOT, "%.2f", outcome.statistic()) : "n/a";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
