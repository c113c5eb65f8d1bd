package io.segmentsascode.intent;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.MandatoryFilter;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The prompt for one intent, with each of its inputs kept apart so a stale pin can say which
 * input changed: schema context (from warehouse.yaml), the intent, and the output contract.
 */
public record IntentPrompt(
        PromptTemplate template, String schemaContext, String intent, String contract, Prompt prompt) {

    public static IntentPrompt of(
            PromptTemplate template,
            Warehouse warehouse,
            String intent,
            List<OutputColumn> columns,
            Prompt.GenerationConfig config) {
        String schema = schemaContext(warehouse);
        String filters = warehouse.mandatoryFilters().isEmpty()
                ? "no mandatory filters are declared."
                : warehouse.mandatoryFilters().stream()
                                .map(IntentPrompt::filter)
                                .collect(Collectors.joining("; ")) + ".";
        String contract =
                columns.stream().map(c -> "- " + c.name() + " " + c.type()).collect(Collectors.joining("\n"));
        String examples = warehouse.examples().isEmpty()
                ? "(none)"
                : warehouse.examples().stream()
                        .map(e -> "-- " + e.description() + "\n" + e.sql().strip())
                        .collect(Collectors.joining("\n\n"));
        String system = template.fill(schema, filters, contract, examples);
        return new IntentPrompt(
                template,
                schema + "\n" + filters + "\n" + examples,
                intent,
                contract,
                new Prompt(system, "Audience:\n" + intent, config));
    }

    /** Tables, column types and plain descriptions, PII marked: what the model may use. */
    static String schemaContext(Warehouse warehouse) {
        StringBuilder text = new StringBuilder();
        for (Table table : warehouse.tables().values()) {
            text.append("- Table: ")
                    .append(table.name())
                    .append(" — ")
                    .append(table.description())
                    .append('\n');
            for (Column column : table.columns().values()) {
                text.append("    ")
                        .append(column.name())
                        .append(' ')
                        .append(column.type())
                        .append(column.pii() ? " (PII: never select)" : "")
                        .append(": ")
                        .append(column.description())
                        .append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    private static String filter(MandatoryFilter filter) {
        return filter.description() + " (" + filter.table() + " rows are kept where the filter holds"
                + filter.propagateBy()
                        .map(k -> ", and other tables' rows only for kept " + k)
                        .orElse("") + ")";
    }
}
