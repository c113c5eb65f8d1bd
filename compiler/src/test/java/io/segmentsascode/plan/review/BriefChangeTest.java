package io.segmentsascode.plan.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.brief.Brief;
import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.brief.BriefPin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a review says of each pinned brief against the base's briefs.lock. */
class BriefChangeTest {

    private static final String DEFINITION = "a".repeat(64);
    private static final Brief BRIEF = new Brief(
            "Worth coming back for.",
            List.of(new Brief.ChannelSplit("email", 60), new Brief.ChannelSplit("paid_search", 40)),
            List.of("New since you left", "Your favourites", "Easy returns"),
            "A comeback voucher.",
            new Brief.Kpi("Reactivation rate", "3-5 %"));

    private static BriefPin pin(String segment, String definition, String dataDate, Brief brief) {
        return new BriefPin(segment, "model m", definition, List.of("size: 900 users"), dataDate, brief);
    }

    @Test
    void addedChangedRemovedAndNotRedraftedBriefsAreToldApartAndUnchangedOnesAreLeftOut() {
        Brief edited = new Brief(
                BRIEF.valueProposition(),
                BRIEF.channels(),
                BRIEF.messageAngles(),
                "A bigger comeback voucher.",
                BRIEF.primaryKpi());
        BriefLock base = BriefLock.empty()
                .with(pin("seg_changed", DEFINITION, "2026-03-31", BRIEF))
                .with(pin("seg_removed", DEFINITION, "2026-03-31", BRIEF))
                .with(pin("seg_same", DEFINITION, "2026-03-31", BRIEF))
                .with(pin("seg_stale", DEFINITION, "2026-03-31", BRIEF));
        BriefLock head = BriefLock.empty()
                .with(pin("seg_added", DEFINITION, "2026-04-30", BRIEF))
                .with(pin("seg_changed", "b".repeat(64), "2026-04-30", edited))
                .with(pin("seg_same", DEFINITION, "2026-03-31", BRIEF))
                .with(pin("seg_stale", DEFINITION, "2026-03-31", BRIEF));

        assertEquals(
                List.of(
                        new BriefChange("seg_added", "added", List.of("data of 2026-04-30", "model m")),
                        new BriefChange(
                                "seg_changed",
                                "changed",
                                List.of(
                                        "brief text",
                                        "drafted for a changed definition",
                                        "data of 2026-04-30 (was 2026-03-31)")),
                        new BriefChange("seg_removed", "removed", List.of()),
                        new BriefChange(
                                "seg_stale",
                                "not re-drafted",
                                List.of("its segment changed; the brief is still of 2026-03-31"))),
                BriefChange.between(base, head, Set.of("seg_changed", "seg_stale")));
    }
}
