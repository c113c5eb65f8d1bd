package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.AnalysisCatalog.CatalogTable;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import java.util.List;
import java.util.Map;

/** The logical tables of the sample warehouse, as the core hands them to an analyzer. */
final class Warehouse {

    static final AnalysisCatalog CATALOG = new AnalysisCatalog(
            List.of(
                    new CatalogTable(
                            "users",
                            List.of(
                                    column("user_id", ColumnType.STRING),
                                    column("signup_date", ColumnType.DATE),
                                    column("country", ColumnType.STRING),
                                    column("device_type", ColumnType.STRING))),
                    new CatalogTable(
                            "events",
                            List.of(
                                    column("user_id", ColumnType.STRING),
                                    column("event_name", ColumnType.STRING),
                                    column("event_time", ColumnType.TIMESTAMP),
                                    column("source", ColumnType.STRING),
                                    column("campaign_id", ColumnType.STRING),
                                    column("revenue", ColumnType.NUMERIC),
                                    column("product_category", ColumnType.STRING),
                                    column("session_id", ColumnType.STRING))),
                    new CatalogTable(
                            "sessions",
                            List.of(
                                    column("session_id", ColumnType.STRING),
                                    column("user_id", ColumnType.STRING),
                                    column("session_start", ColumnType.TIMESTAMP),
                                    column("source", ColumnType.STRING),
                                    column("time_on_site_seconds", ColumnType.INT64),
                                    column("pageviews", ColumnType.INT64))),
                    new CatalogTable(
                            "identities",
                            List.of(
                                    column("user_id", ColumnType.STRING),
                                    new Column("email", ColumnType.STRING, "e-mail address", true),
                                    new Column("phone", ColumnType.STRING, "phone number", true),
                                    column("consent_ad_user_data", ColumnType.BOOL),
                                    column("consent_ad_personalization", ColumnType.BOOL),
                                    column("opted_out", ColumnType.BOOL)))),
            Map.of("run_time", ColumnType.TIMESTAMP));

    private Warehouse() {}

    private static Column column(String name, ColumnType type) {
        return new Column(name, type, "", false);
    }
}
