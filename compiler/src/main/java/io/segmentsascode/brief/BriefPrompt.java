package io.segmentsascode.brief;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.intent.Prompt;
import io.segmentsascode.model.Segment;

/**
 * The article's strategy prompt for one segment: the strategist's role and the five parts to
 * outline, then the segment's description and its bucketed profile, nothing else. Its text is the
 * cache key of the model's answer, so an unchanged profile never asks twice.
 */
public record BriefPrompt(Prompt prompt, String key) {

    public static final String TEMPLATE_VERSION = "brief-v1";

    static final String SYSTEM = """
            You are a performance marketing strategist.
            Given the following segment description, propose a campaign strategy.
            Please outline:
            1) Core value proposition
            2) Recommended channels and budget split
            3) 3–4 message angles
            4) Offer strategy (discounts, bundles, content)
            5) Primary KPI and expected benchmarks.
            Answer in the JSON schema you are given: budget_percent values are whole numbers that sum to 100,
            and every text is a single line of plain text (no Markdown, no HTML).""";

    public static BriefPrompt of(Segment segment, SegmentProfile profile) {
        StringBuilder user = new StringBuilder("Segment: ").append(segment.id()).append('\n');
        user.append("- ")
                .append(segment.description().strip().replaceAll("\\s+", " "))
                .append('\n');
        profile.lines().forEach(line -> user.append("- ").append(line).append('\n'));
        Prompt prompt = new Prompt(SYSTEM, user.toString(), Prompt.GenerationConfig.DETERMINISTIC);
        String key = Sha256.hex(TEMPLATE_VERSION + "\nsystem=" + SYSTEM + "\nuser=" + prompt.userText() + "\nschema="
                + BriefShape.JSON_SCHEMA);
        return new BriefPrompt(prompt, key);
    }
}
