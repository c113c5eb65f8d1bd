package io.segmentsascode.plan.report;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.review.SegmentDiff;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * plan.json: the {@link Plan} record as JSON, properties in declaration order and maps sorted,
 * so the bytes are stable. Its shape is documented in docs/plan-json.md (format version 1).
 * Actions, resource kinds, severities, stages and review statuses are written as their lower-case
 * names ("create", "segment_table", "error", "production", "renamed"): the mapping lives here, so the plan records carry no JSON annotations.
 */
public final class PlanJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addModule(lowerCaseNames())
            .build();

    private PlanJson() {}

    public static String render(Plan plan) {
        return JSON.writeValueAsString(plan) + "\n";
    }

    /** Reads a saved plan (for apply's staleness check). */
    public static Plan parse(String json) {
        return JSON.readValue(json, Plan.class);
    }

    private static SimpleModule lowerCaseNames() {
        SimpleModule module = new SimpleModule("plan-json-enums");
        lowerCaseName(module, Action.class);
        lowerCaseName(module, ResourceKind.class);
        lowerCaseName(module, Severity.class);
        lowerCaseName(module, Stage.class);
        lowerCaseName(module, SegmentDiff.Status.class);
        return module;
    }

    private static <E extends Enum<E>> void lowerCaseName(SimpleModule module, Class<E> type) {
        module.addSerializer(type, new LowerCaseWriter<>());
        module.addDeserializer(type, new LowerCaseReader<>(type));
    }

    private static final class LowerCaseWriter<E extends Enum<E>> extends ValueSerializer<E> {

        @Override
        public void serialize(E value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    private static final class LowerCaseReader<E extends Enum<E>> extends ValueDeserializer<E> {

        private final Class<E> type;

        LowerCaseReader(Class<E> type) {
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getValueAsString();
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            throw context.weirdStringException(text, type, "not a lower-case " + type.getSimpleName() + " name");
        }
    }
}
