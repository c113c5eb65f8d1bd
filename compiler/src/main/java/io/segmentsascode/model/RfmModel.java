package io.segmentsascode.model;

import io.segmentsascode.expr.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Window and ordered label conditions (first match wins; unmatched users are {@link #OTHER}). */
public record RfmModel(int windowDays, Map<String, Expr> labels) {

    public static final String OTHER = "other";
    public static final int DEFAULT_WINDOW_DAYS = 365;

    /** The names a label condition may use, and the column of the per-user scores each one reads. */
    public static final Map<String, String> SCORE_COLUMNS = Map.of(
            "r",
            "r_score",
            "f",
            "f_score",
            "m",
            "m_score",
            "recency_days",
            "recency_days",
            "frequency",
            "frequency",
            "monetary",
            "monetary");

    public RfmModel {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
