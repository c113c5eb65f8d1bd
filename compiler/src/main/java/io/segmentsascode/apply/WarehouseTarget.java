package io.segmentsascode.apply;

/**
 * The warehouse side of a target: it holds the {@code SEGMENT_TABLE} resources (the embedded
 * {@code local} DuckDB file now, BigQuery next). Audience destinations build their lists from its
 * tables through {@link #members()}, and may keep their markers in it through
 * {@link #audienceMarkers()}, so a thrown-away CI runner finds them again on the target.
 */
public interface WarehouseTarget extends Target {

    /** The members of this target's segment tables, for the audience destination; valid while the target is open. */
    MemberSource members();

    /** Where an audience destination without state of its own records what it applied. */
    MarkerStore audienceMarkers();
}
