package io.segmentsascode.plan.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.plan.impact.Overlap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which overlap changes between base and head a reviewer is shown, and in which order. */
class OverlapChangesTest {

    private static final double THRESHOLD = 0.5;

    @Test
    void crossingsFirstThenMovesOfAtLeastTheMinimumAndNothingSmaller() {
        List<Overlap> base = List.of(
                overlap("seg_a", "seg_b", 0.45),
                overlap("seg_a", "seg_c", 0.20),
                overlap("seg_b", "seg_c", 0.30),
                overlap("seg_c", "seg_d", 0.70));
        List<Overlap> head = List.of(
                overlap("seg_a", "seg_b", 0.52), // crossed up, by less than the minimum move
                overlap("seg_a", "seg_c", 0.32), // moved by 0.12
                overlap("seg_b", "seg_c", 0.33), // moved by 0.03: left out
                overlap("seg_c", "seg_d", 0.40)); // crossed down

        List<OverlapChange> changes = OverlapChanges.between(base, head);

        assertEquals(
                List.of("seg_c~seg_d 0.7->0.4", "seg_a~seg_b 0.45->0.52", "seg_a~seg_c 0.2->0.32"),
                changes.stream().map(OverlapChangesTest::shown).toList());
    }

    @Test
    void aPairComparedOnOneSideOnlyIsListedWhenThatSideIsFlagged() {
        List<Overlap> base = List.of(overlap("seg_a", "seg_old", 0.9), overlap("seg_a", "seg_gone", 0.1));
        List<Overlap> head = List.of(overlap("seg_a", "seg_new", 0.8), overlap("seg_a", "seg_small", 0.2));

        List<OverlapChange> changes = OverlapChanges.between(base, head);

        assertEquals(
                List.of("seg_a~seg_old 0.9->null", "seg_a~seg_new null->0.8"),
                changes.stream().map(OverlapChangesTest::shown).toList());
    }

    @Test
    void anUnchangedProjectHasNoOverlapChanges() {
        List<Overlap> same = List.of(overlap("seg_a", "seg_b", 0.7), overlap("seg_a", "seg_c", 0.1));

        assertEquals(List.of(), OverlapChanges.between(same, same));
    }

    private static String shown(OverlapChange change) {
        return change.a() + "~" + change.b() + " " + change.before() + "->" + change.after();
    }

    private static Overlap overlap(String a, String b, double jaccard) {
        return new Overlap(a, b, "family rfm", 0, 0, jaccard, jaccard >= THRESHOLD);
    }
}
