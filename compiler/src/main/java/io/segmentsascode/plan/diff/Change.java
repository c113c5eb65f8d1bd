package io.segmentsascode.plan.diff;

import java.util.Optional;

/** One line of a plan: a resource, what happens to it, and why. */
public record Change(ResourceId id, Action action, Optional<String> fromHash, Optional<String> toHash, String reason) {}
