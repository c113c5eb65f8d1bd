package io.segmentsascode.brief;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one shape a brief may have, checked the same way whether it comes from the model or from a
 * committed lock: exactly the article's five parts, single-line texts of bounded length, 3–4
 * message angles, distinct channels whose whole-number budget shares sum to 100. Anything else is
 * refused with every problem named; escaping for HTML and Markdown is the renderers' job, so a
 * brief that passes here still cannot place markup in a report.
 */
public final class BriefShape {

    static final String VALUE_PROPOSITION = "value_proposition";
    static final String CHANNELS = "channels";
    static final String CHANNEL = "channel";
    static final String BUDGET_PERCENT = "budget_percent";
    static final String MESSAGE_ANGLES = "message_angles";
    static final String OFFER_STRATEGY = "offer_strategy";
    static final String PRIMARY_KPI = "primary_kpi";
    static final String KPI_NAME = "name";
    static final String KPI_BENCHMARK = "benchmark";

    static final int MAX_CHANNELS = 6;
    static final int MIN_ANGLES = 3;
    static final int MAX_ANGLES = 4;
    static final int LONG_TEXT = 400;
    static final int ANGLE_TEXT = 240;
    static final int SHORT_TEXT = 80;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The JSON schema sent as Gemini's {@code responseJsonSchema} (structured output). */
    public static final String JSON_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "value_proposition": {"type": "string", "description": "Core value proposition, one sentence."},
                "channels": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 6,
                  "description": "Recommended channels and budget split; the percentages sum to 100.",
                  "items": {
                    "type": "object",
                    "properties": {
                      "channel": {"type": "string"},
                      "budget_percent": {"type": "integer", "minimum": 1, "maximum": 100}
                    },
                    "required": ["channel", "budget_percent"]
                  }
                },
                "message_angles": {"type": "array", "minItems": 3, "maxItems": 4, "items": {"type": "string"}},
                "offer_strategy": {"type": "string", "description": "Discounts, bundles or content."},
                "primary_kpi": {
                  "type": "object",
                  "properties": {
                    "name": {"type": "string"},
                    "benchmark": {"type": "string", "description": "Expected benchmark range."}
                  },
                  "required": ["name", "benchmark"]
                }
              },
              "required": ["value_proposition", "channels", "message_angles", "offer_strategy", "primary_kpi"]
            }
            """;

    /** A brief that does not have the shape; {@link #problems()} names each breach. */
    public static final class MalformedBriefException extends RuntimeException {
        private final List<String> problems;

        MalformedBriefException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private BriefShape() {}

    /** Parses the model's answer text. @throws MalformedBriefException naming what is wrong */
    public static Brief parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedBriefException(List.of("the answer is empty"));
        }
        JsonNode node;
        try {
            node = JSON.readTree(text.strip());
        } catch (JacksonException e) {
            throw new MalformedBriefException(List.of("the answer is not JSON (" + e.getOriginalMessage() + ")"));
        }
        return of(node);
    }

    /** Checks a parsed brief. @throws MalformedBriefException naming what is wrong */
    public static Brief of(JsonNode node) {
        List<String> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new MalformedBriefException(List.of("a brief is a JSON object"));
        }
        onlyKeys(
                node,
                "the brief",
                Set.of(VALUE_PROPOSITION, CHANNELS, MESSAGE_ANGLES, OFFER_STRATEGY, PRIMARY_KPI),
                problems);
        String value = text(node, VALUE_PROPOSITION, VALUE_PROPOSITION, LONG_TEXT, problems);
        List<Brief.ChannelSplit> channels = channels(node.get(CHANNELS), problems);
        List<String> angles = new ArrayList<>();
        JsonNode angleNodes = node.get(MESSAGE_ANGLES);
        if (angleNodes == null || !angleNodes.isArray()) {
            problems.add(MESSAGE_ANGLES + " must be a list of " + MIN_ANGLES + "–" + MAX_ANGLES + " texts");
        } else {
            if (angleNodes.size() < MIN_ANGLES || angleNodes.size() > MAX_ANGLES) {
                problems.add(MESSAGE_ANGLES + " has " + angleNodes.size() + " angles; a brief has " + MIN_ANGLES + "–"
                        + MAX_ANGLES);
            }
            for (int i = 0; i < angleNodes.size(); i++) {
                angles.add(check(angleNodes.get(i), MESSAGE_ANGLES + "[" + (i + 1) + "]", ANGLE_TEXT, problems));
            }
        }
        String offer = text(node, OFFER_STRATEGY, OFFER_STRATEGY, LONG_TEXT, problems);
        Brief.Kpi kpi = null;
        JsonNode kpiNode = node.get(PRIMARY_KPI);
        if (kpiNode == null || !kpiNode.isObject()) {
            problems.add(PRIMARY_KPI + " must be an object with " + KPI_NAME + " and " + KPI_BENCHMARK);
        } else {
            onlyKeys(kpiNode, PRIMARY_KPI, Set.of(KPI_NAME, KPI_BENCHMARK), problems);
            kpi = new Brief.Kpi(
                    text(kpiNode, KPI_NAME, PRIMARY_KPI + "." + KPI_NAME, SHORT_TEXT, problems),
                    text(kpiNode, KPI_BENCHMARK, PRIMARY_KPI + "." + KPI_BENCHMARK, ANGLE_TEXT, problems));
        }
        if (!problems.isEmpty()) {
            throw new MalformedBriefException(problems);
        }
        return new Brief(value, channels, angles, offer, kpi);
    }

    private static List<Brief.ChannelSplit> channels(JsonNode nodes, List<String> problems) {
        List<Brief.ChannelSplit> channels = new ArrayList<>();
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            problems.add(CHANNELS + " must be a non-empty list of {" + CHANNEL + ", " + BUDGET_PERCENT + "}");
            return channels;
        }
        if (nodes.size() > MAX_CHANNELS) {
            problems.add(CHANNELS + " lists " + nodes.size() + " channels; at most " + MAX_CHANNELS);
        }
        Set<String> seen = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode item = nodes.get(i);
            String where = CHANNELS + "[" + (i + 1) + "]";
            if (!item.isObject()) {
                problems.add(where + " must be an object");
                continue;
            }
            onlyKeys(item, where, Set.of(CHANNEL, BUDGET_PERCENT), problems);
            String name = text(item, CHANNEL, where + "." + CHANNEL, SHORT_TEXT, problems);
            JsonNode percent = item.get(BUDGET_PERCENT);
            if (percent == null
                    || !percent.isIntegralNumber()
                    || !percent.canConvertToInt()
                    || percent.intValue() < 1
                    || percent.intValue() > 100) {
                problems.add(where + "." + BUDGET_PERCENT + " must be a whole number from 1 to 100");
                continue;
            }
            if (name != null && !seen.add(name)) {
                problems.add(where + " repeats the channel '" + name + "'");
            }
            sum += percent.intValue();
            channels.add(new Brief.ChannelSplit(name, percent.intValue()));
        }
        if (channels.size() == nodes.size() && sum != 100) {
            problems.add("the channels' budget shares sum to " + sum + " %, not 100 %");
        }
        return channels;
    }

    private static String text(JsonNode parent, String key, String where, int limit, List<String> problems) {
        return check(parent.get(key), where, limit, problems);
    }

    /** A single line of printable text: no control characters, so nothing can break out of a table row or line. */
    private static String check(JsonNode node, String where, int limit, List<String> problems) {
        if (node == null || !node.isString()) {
            problems.add(where + " must be a text");
            return null;
        }
        String text = node.stringValue();
        if (text.isBlank()) {
            problems.add(where + " is blank");
        } else if (text.length() > limit) {
            problems.add(where + " is " + text.length() + " characters long; at most " + limit);
        } else if (text.chars().anyMatch(Character::isISOControl) || !text.equals(text.strip())) {
            problems.add(where + " must be one line without control characters or surrounding spaces");
        }
        return text;
    }

    private static void onlyKeys(JsonNode node, String where, Set<String> allowed, List<String> problems) {
        node.propertyNames().stream()
                .filter(k -> !allowed.contains(k))
                .sorted()
                .forEach(k -> problems.add(where + " has the unknown key '" + k + "'"));
    }

    /** The brief as the JSON object it was checked as, keys in the article's order. */
    static ObjectNode toJson(Brief brief) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(VALUE_PROPOSITION, brief.valueProposition());
        var channels = node.putArray(CHANNELS);
        brief.channels()
                .forEach(c -> channels.addObject().put(CHANNEL, c.channel()).put(BUDGET_PERCENT, c.budgetPercent()));
        var angles = node.putArray(MESSAGE_ANGLES);
        brief.messageAngles().forEach(angles::add);
        node.put(OFFER_STRATEGY, brief.offerStrategy());
        node.putObject(PRIMARY_KPI)
                .put(KPI_NAME, brief.primaryKpi().name())
                .put(KPI_BENCHMARK, brief.primaryKpi().benchmark());
        return node;
    }
}
