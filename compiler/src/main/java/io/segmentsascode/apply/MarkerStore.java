package io.segmentsascode.apply;

import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.util.Map;

/**
 * Durable markers of applied resources: which definition (spec hash) a resource was applied from
 * and a fingerprint of the content written, to detect changes made outside. Each call is durable
 * when it returns, which is what lets a destination order "marker, then content" for crash safety.
 */
public interface MarkerStore {

    record Marker(String specHash, String content) {}

    /** Every marker of resources of {@code kind}. */
    Map<ResourceId, Marker> read(ResourceKind kind);

    void record(ResourceId id, Marker marker);

    void forget(ResourceId id);
}
