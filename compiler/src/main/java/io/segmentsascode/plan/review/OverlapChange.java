package io.segmentsascode.plan.review;

/**
 * How the overlap of two segments moved between the base revision and the working tree: Jaccard
 * before and after ({@code null} where the pair was not compared: a new segment or a new shared
 * campaign, or a pair that no longer shares one), and whether each side was flagged at the
 * plan's threshold.
 */
public record OverlapChange(
        String a, String b, String sharedBy, Double before, Double after, boolean flaggedBefore, boolean flaggedAfter) {

    /** The overlap went over the threshold, or came back under it. */
    public boolean crossedThreshold() {
        return flaggedBefore != flaggedAfter;
    }

    /** After minus before; the side that was not compared counts as 0. */
    public double change() {
        return (after == null ? 0 : after) - (before == null ? 0 : before);
    }
}
