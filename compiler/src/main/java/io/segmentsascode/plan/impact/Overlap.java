package io.segmentsascode.plan.impact;

/** Jaccard overlap |A∩B| / |A∪B| of two segments that share a campaign mapping or a family. */
public record Overlap(
        String a, String b, String sharedBy, long intersection, long union, double jaccard, boolean flagged) {}
