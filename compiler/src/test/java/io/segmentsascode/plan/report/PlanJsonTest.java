package io.segmentsascode.plan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.SegmentDiff;
import io.segmentsascode.plan.review.SegmentDiff.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class PlanJsonTest {

    /** A plan.json as written while the plan records held these values as lower-case strings. */
    private static final String WRITTEN_WITH_STRINGS = """
            {
              "formatVersion" : 1,
              "target" : "local",
              "fingerprint" : "0123456789abcdef",
              "runTime" : "2026-10-31T00:00:00Z",
              "dataLabel" : "sample",
              "summary" : {
                "create" : 1,
                "delete" : 1,
                "errors" : 1,
                "warnings" : 1
              },
              "changes" : [ {
                "kind" : "segment_table",
                "name" : "seg_a",
                "action" : "create",
                "symbol" : "+",
                "fromHash" : null,
                "toHash" : "aaaa",
                "reason" : "new"
              }, {
                "kind" : "audience",
                "name" : "cm_old",
                "action" : "delete",
                "symbol" : "-",
                "fromHash" : "bbbb",
                "toHash" : null,
                "reason" : "no longer defined"
              } ],
              "segments" : [ ],
              "overlaps" : [ ],
              "overlapThreshold" : 0.6,
              "findings" : [ {
                "severity" : "error",
                "code" : "retired-segment-mapped",
                "subject" : "cm_x",
                "message" : "maps retired segment seg_old",
                "location" : "campaigns/cm_x.yaml:5:12",
                "error" : true
              }, {
                "severity" : "warning",
                "code" : "overlap-not-computed",
                "subject" : "family rfm",
                "message" : "too many",
                "location" : "",
                "error" : false
              } ],
              "base" : null,
              "references" : {
                "dependencies" : [ {
                  "segment" : "seg_a",
                  "named" : "seg_b",
                  "table" : "seg_b",
                  "readFrom" : "last good weekly table",
                  "maxAgeDays" : 7
                } ],
                "added" : [ "seg_a → seg_b" ],
                "removed" : [ ]
              },
              "movedToHigherPriority" : {
                "cm_low" : 3
              },
              "cost" : {
                "applicable" : false,
                "note" : "cost is not applicable to the local target: it runs on this machine and bills nothing per query",
                "currency" : "USD",
                "pricePerTib" : 0,
                "bytesPerMonth" : 0,
                "costPerMonth" : 0,
                "refreshes" : [ ],
                "base" : null
              },
              "live" : null,
              "sync" : null,
              "audiences" : [ ]
            }
            """;

    @Test
    void aPlanWrittenWithStringsReadsAsEnumsAndWritesBackByteForByte() {
        Plan plan = PlanJson.parse(WRITTEN_WITH_STRINGS);

        assertEquals(
                List.of(
                        new PlannedChange(ResourceKind.SEGMENT_TABLE, "seg_a", Action.CREATE, "+", null, "aaaa", "new"),
                        new PlannedChange(
                                ResourceKind.AUDIENCE,
                                "cm_old",
                                Action.DELETE,
                                "-",
                                "bbbb",
                                null,
                                "no longer defined")),
                plan.changes());
        assertEquals(
                List.of(Severity.ERROR, Severity.WARNING),
                plan.findings().stream().map(Finding::severity).toList());
        assertEquals(WRITTEN_WITH_STRINGS, PlanJson.render(plan));
    }

    @Test
    void everyActionKindSeverityStageAndStatusRoundTripsAsItsLowerCaseName() {
        List<PlannedChange> changes = new ArrayList<>();
        for (Action action : Action.values()) {
            for (ResourceKind kind : ResourceKind.values()) {
                changes.add(new PlannedChange(kind, "r", action, action.symbol(), "from", "to", ""));
            }
        }
        List<Finding> findings = List.of(
                new Finding(Severity.ERROR, "c", "s", "m", ""), new Finding(Severity.WARNING, "c", "s", "m", ""));
        List<SegmentImpact> segments = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            segments.add(new SegmentImpact("seg_" + stage.label(), "rfm", stage, 1, null, Map.of()));
        }
        List<SegmentDiff> diffs = new ArrayList<>();
        for (Status status : Status.values()) {
            diffs.add(new SegmentDiff("seg_" + status.label(), status, null, "", ""));
        }
        Plan plan = PlanJson.parse(WRITTEN_WITH_STRINGS);
        Plan every = new Plan(
                plan.formatVersion(),
                plan.target(),
                plan.fingerprint(),
                plan.runTime(),
                plan.dataLabel(),
                plan.summary(),
                changes,
                segments,
                plan.overlaps(),
                plan.overlapThreshold(),
                findings,
                new BaseDiff("main", "abc", diffs, List.of(), List.of(), List.of(), false));

        String json = PlanJson.render(every);

        assertEquals(every, PlanJson.parse(json));
        assertTrue(json.contains("\"action\" : \"unmanaged\""), json);
        assertTrue(json.contains("\"kind\" : \"segment_table\""), json);
        assertTrue(json.contains("\"severity\" : \"warning\""), json);
        assertTrue(json.contains("\"stage\" : \"experimental\""), json);
        assertTrue(json.contains("\"status\" : \"renamed\""), json);
        assertEquals(PlanHtmlTest.samplePlan(), PlanJson.parse(PlanJson.render(PlanHtmlTest.samplePlan())));
    }

    @Test
    void anUnknownActionIsNotAPlan() {
        String unknown = WRITTEN_WITH_STRINGS.replace("\"action\" : \"create\"", "\"action\" : \"explode\"");

        JacksonException rejected = assertThrows(JacksonException.class, () -> PlanJson.parse(unknown));
        assertTrue(rejected.getMessage().contains("explode"), rejected.getMessage());
    }
}
