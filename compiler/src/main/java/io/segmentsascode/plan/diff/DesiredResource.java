package io.segmentsascode.plan.diff;

/**
 * A resource as the compiled definitions want it. {@code specHash} covers everything that
 * decides its content (SQL, refresh, member segments, membership days), so equal hashes mean
 * nothing to do.
 */
public record DesiredResource(ResourceId id, String specHash, String summary) {}
