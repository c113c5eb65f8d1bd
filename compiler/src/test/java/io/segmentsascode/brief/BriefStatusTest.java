package io.segmentsascode.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.model.Stage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bucketed profiles: daily movement keeps a brief current, crossing a bucket or editing the segment stales it. */
class BriefStatusTest {

    private static final Path FILE = Path.of("segments", "seg_x.yaml");
    private static final String DEFINITION = "a".repeat(64);

    private static Segment segment(String specHash) {
        return new Segment(
                "seg_x",
                "value",
                "x",
                "o@example.com",
                Stage.EXPERIMENTAL,
                Refresh.DAILY,
                new SegmentDefinition.Intent("x", List.of(), Location.startOf(FILE)),
                FILE,
                specHash,
                Location.startOf(FILE));
    }

    private static SegmentProfile profile(long members, double aov, long paidSearchOrders, long orders) {
        return new SegmentProfile(
                "seg_x",
                members,
                SegmentProfile.recencySpan(SegmentProfile.recencyBand(20), SegmentProfile.recencyBand(120)),
                SegmentProfile.valueBand(aov),
                Map.of(
                        "paid_search", SegmentProfile.tenPercent(paidSearchOrders, orders),
                        "email", SegmentProfile.tenPercent(orders - paidSearchOrders, orders)),
                List.of("premium"),
                LocalDate.of(2026, 3, 31));
    }

    private static BriefLock drafted(SegmentProfile profile) {
        Brief brief = BriefShape.parse(BriefShapeTest.GOOD);
        return BriefLock.empty()
                .with(new BriefPin("seg_x", "model m", DEFINITION, profile.lines(), "2026-03-31", brief));
    }

    @Test
    void profileLinesAreBucketed() {
        assertEquals(
                List.of(
                        "size: 12,000 users",
                        "last purchase: 8–180 days ago (middle half of buyers)",
                        "average order value: 100–200",
                        "channel mix (share of orders): email 60 %, paid_search 40 %",
                        "top categories: premium"),
                profile(12_345, 123.4, 355, 900).lines());
        assertEquals(98, SegmentProfile.twoSignificantFigures(98));
        assertEquals(1_000, SegmentProfile.twoSignificantFigures(995));
        assertEquals("1000 or more", SegmentProfile.valueBand(1500));
        assertEquals("over 365 days ago (middle half of buyers)", SegmentProfile.recencySpan(5, 5));
    }

    @Test
    void aSmallDailyMovementKeepsTheBriefCurrent() {
        BriefLock lock = drafted(profile(12_345, 123.4, 355, 900));
        BriefStatus status = BriefStatus.of(segment(DEFINITION), profile(12_410, 131.0, 362, 912), lock);
        assertEquals(BriefStatus.Kind.CURRENT, status.kind(), status.why());
    }

    @Test
    void crossingABucketStalesTheBriefAndSaysWhatMovedAndWhen() {
        BriefLock lock = drafted(profile(12_345, 123.4, 355, 900));
        BriefStatus size = BriefStatus.of(segment(DEFINITION), profile(12_600, 123.4, 355, 900), lock);
        assertEquals(BriefStatus.Kind.STALE, size.kind());
        assertEquals("its profile moved (size: 12,000 users → now size: 13,000 users)", size.why());
        assertTrue(size.staleMessage().startsWith("the brief was drafted on data of 2026-03-31 and is stale"));

        BriefStatus value = BriefStatus.of(segment(DEFINITION), profile(12_345, 201.0, 355, 900), lock);
        assertEquals(BriefStatus.Kind.STALE, value.kind());
        assertTrue(value.why().contains("average order value: 200–500"), value.why());

        BriefStatus mix = BriefStatus.of(segment(DEFINITION), profile(12_345, 123.4, 480, 900), lock);
        assertEquals(BriefStatus.Kind.STALE, mix.kind());
        assertTrue(mix.why().contains("paid_search 50 %"), mix.why());
    }

    @Test
    void aChangedDefinitionStalesTheBriefAndNoPinIsMissing() {
        SegmentProfile profile = profile(12_345, 123.4, 355, 900);
        BriefStatus edited = BriefStatus.of(segment("b".repeat(64)), profile, drafted(profile));
        assertEquals(BriefStatus.Kind.STALE, edited.kind());
        assertEquals("the segment's definition changed", edited.why());
        assertEquals(
                BriefStatus.Kind.MISSING,
                BriefStatus.of(segment(DEFINITION), profile, BriefLock.empty()).kind());
    }
}
