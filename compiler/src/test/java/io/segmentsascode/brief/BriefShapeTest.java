package io.segmentsascode.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one shape a brief may have: every breach is refused and named. */
class BriefShapeTest {

    static final String GOOD = """
            {"value_proposition": "Early access for our best customers.",
             "channels": [{"channel": "paid_search", "budget_percent": 70}, {"channel": "email", "budget_percent": 30}],
             "message_angles": ["One", "Two", "Three", "Four"],
             "offer_strategy": "Bundles, no discounts.",
             "primary_kpi": {"name": "ROAS", "benchmark": "4-6x"}}""";

    private static List<String> problems(String json) {
        return assertThrows(BriefShape.MalformedBriefException.class, () -> BriefShape.parse(json))
                .problems();
    }

    @Test
    void aWellShapedBriefIsReadAsWritten() {
        Brief brief = BriefShape.parse(GOOD);
        assertEquals("Early access for our best customers.", brief.valueProposition());
        assertEquals(
                List.of(new Brief.ChannelSplit("paid_search", 70), new Brief.ChannelSplit("email", 30)),
                brief.channels());
        assertEquals(4, brief.messageAngles().size());
        assertEquals(new Brief.Kpi("ROAS", "4-6x"), brief.primaryKpi());
        assertEquals(brief, BriefShape.of(BriefShape.toJson(brief)), "what is pinned reads back the same");
    }

    @Test
    void budgetsMustSumToAHundred() {
        assertEquals(
                List.of("the channels' budget shares sum to 110 %, not 100 %"),
                problems(GOOD.replace("\"budget_percent\": 30", "\"budget_percent\": 40")));
        assertEquals(
                List.of("channels[2].budget_percent must be a whole number from 1 to 100"),
                problems(GOOD.replace("\"budget_percent\": 30", "\"budget_percent\": 29.5")));
    }

    @Test
    void threeToFourAnglesOnly() {
        assertTrue(problems(GOOD.replace("\"One\", \"Two\", \"Three\", \"Four\"", "\"One\", \"Two\""))
                .contains("message_angles has 2 angles; a brief has 3–4"));
        assertTrue(problems(GOOD.replace("\"Four\"", "\"Four\", \"Five\""))
                .contains("message_angles has 5 angles; a brief has 3–4"));
    }

    @Test
    void unknownKeysMissingPartsRepeatedChannelsAndMultiLineTextAreRefused() {
        assertEquals(
                List.of("the brief has the unknown key 'script'"),
                problems(GOOD.replace("{\"value_proposition\"", "{\"script\": \"x\", \"value_proposition\"")));
        assertTrue(problems(GOOD.replace("\"offer_strategy\": \"Bundles, no discounts.\",", ""))
                .contains("offer_strategy must be a text"));
        assertTrue(problems(GOOD.replace("\"email\"", "\"paid_search\""))
                .contains("channels[2] repeats the channel 'paid_search'"));
        assertTrue(problems(GOOD.replace("Bundles, no discounts.", "Bundles\\n\\n<script>"))
                .contains("offer_strategy must be one line without control characters or surrounding spaces"));
        assertTrue(problems(GOOD.replace("ROAS", "x".repeat(81)))
                .contains("primary_kpi.name is 81 characters long; at most 80"));
    }

    @Test
    void anAnswerThatIsNotJsonIsRefused() {
        assertTrue(problems("Sure! Here is a brief: …").get(0).startsWith("the answer is not JSON"));
        assertEquals(List.of("the answer is empty"), problems("  "));
        assertEquals(List.of("a brief is a JSON object"), problems("[1, 2]"));
    }
}
