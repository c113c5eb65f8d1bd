package io.segmentsascode.plan.report;

import io.segmentsascode.plan.Plan;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * plan.json: the {@link Plan} record as JSON, properties in declaration order and maps sorted,
 * so the bytes are stable. Its shape is documented in docs/plan-json.md (format version 1).
 */
public final class PlanJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PlanJson() {
    }

    public static String render(Plan plan) {
        return JSON.writeValueAsString(plan) + "\n";
    }

    /** Reads a saved plan (for apply's staleness check). */
    public static Plan parse(String json) {
        return JSON.readValue(json, Plan.class);
    }
}
