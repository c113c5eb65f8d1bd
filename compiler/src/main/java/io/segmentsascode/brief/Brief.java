package io.segmentsascode.brief;

import java.util.List;

/**
 * A campaign brief in the shape of the article's strategy prompt: core value proposition,
 * channels with their budget split (percentages summing to 100), 3–4 message angles, offer
 * strategy, and the primary KPI with its expected benchmark. Text shown to humans only.
 */
public record Brief(
        String valueProposition,
        List<ChannelSplit> channels,
        List<String> messageAngles,
        String offerStrategy,
        Kpi primaryKpi) {

    public record ChannelSplit(String channel, int budgetPercent) {}

    public record Kpi(String name, String benchmark) {}

    public Brief {
        channels = List.copyOf(channels);
        messageAngles = List.copyOf(messageAngles);
    }
}
