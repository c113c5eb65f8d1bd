package io.segmentsascode.fakes;

import com.google.gson.JsonArray;
import java.util.List;
import java.util.Map;

/**
 * Executes the SQL of a query job (jobs.insert, jobs.query, or a Data Transfer run) against the fake's state.
 * Replace it with {@link FakeBigQuery#setQueryEngine} to answer specific queries; throw {@link BigQueryError} to fail
 * the job with that reason. Called with the state's lock held.
 */
@FunctionalInterface
public interface QueryEngine {

    Result execute(Request request, BigQueryState state);

    /**
     * @param projectId      the job's project (used for names without a project)
     * @param defaultDataset {@code "project.dataset"} from the job's defaultDataset, or null
     * @param sql            the query text as sent
     * @param labels         the job's labels (empty for a transfer run)
     * @param source         {@code "jobs.insert"}, {@code "jobs.query"} or {@code "transfer"}
     */
    record Request(String projectId, String defaultDataset, String sql, Map<String, String> labels, String source) {}

    /**
     * @param schema          BigQuery REST schema fields ({@code [{"name":..,"type":..,"mode":..}]}); empty for DDL/DML
     * @param rows            row values, each a string or null (REST encodes every value as a string)
     * @param mutated         whether the SQL changed tables (DDL/DML): such jobs count as mutating calls
     * @param statementType   {@code SELECT}, {@code SCRIPT}, {@code CREATE_TABLE_AS_SELECT}, {@code INSERT} ...
     * @param dmlAffectedRows reported as numDmlAffectedRows for DML, or -1
     */
    record Result(
            JsonArray schema, List<List<String>> rows, boolean mutated, String statementType, long dmlAffectedRows) {
        public static Result empty(String statementType, boolean mutated) {
            return new Result(new JsonArray(), List.of(), mutated, statementType, -1);
        }
    }
}
