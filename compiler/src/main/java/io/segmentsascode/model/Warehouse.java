package io.segmentsascode.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved schema context: physical location, logical tables, filters, shared metrics.
 * {@code location}: the BigQuery location of the datasets, when declared; {@code outputDataset}:
 * where segment tables are written (the source dataset unless declared); {@code budget}: the
 * monthly scan budget of the scheduled refreshes, when declared.
 */
public record Warehouse(
        String project,
        String dataset,
        List<String> segmentFamilies,
        Map<String, Table> tables,
        List<MandatoryFilter> mandatoryFilters,
        RfmModel rfm,
        Map<String, Metric> metrics,
        Optional<CustomerMatch> customerMatch,
        List<Example> examples,
        String contentHash,
        Optional<String> location,
        String outputDataset,
        Optional<Budget> budget) {

    /** An example query that follows the warehouse's conventions; shown to the model. */
    public record Example(String description, String sql) {}

    public Warehouse {
        segmentFamilies = List.copyOf(segmentFamilies);
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        mandatoryFilters = List.copyOf(mandatoryFilters);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        examples = List.copyOf(examples);
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /**
     * {@code project.output_dataset.name} of a table this tool manages (feature, staging and
     * segment tables): the output dataset, which is the source dataset unless one is declared.
     */
    public String managedName(String name) {
        return project + "." + outputDataset + "." + name;
    }

    /** {@code project.dataset.physical_table} of a logical table, what BigQuery SQL names. */
    public String qualifiedName(String table) {
        return project + "." + dataset + "." + tables.get(table).physicalName();
    }
}
