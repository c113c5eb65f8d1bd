package io.segmentsascode.plan.diff;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.Stage;
import io.segmentsascode.render.RenderedSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the definitions want on a target: one table per segment that is not retired and one
 * audience per campaign mapping that is not retired. Hashes cover the BigQuery SQL (so a
 * generator change shows up as an update) and, for audiences, their segments' hashes.
 */
public final class DesiredState {

    private DesiredState() {}

    /**
     * The spec hash of a segment table: its refresh and its BigQuery SQL. Targets that know a table
     * was applied (its refresh is current) use it to tell a table changed outside from a new definition.
     */
    public static String tableHash(Refresh refresh, String bigQuerySql) {
        return Sha256.hex("segment_table\nrefresh=" + refresh.label() + "\n" + bigQuerySql);
    }

    public static List<DesiredResource> of(ResolvedProject project, List<RenderedSegment> bigquery) {
        Map<String, String> tableHashes = new TreeMap<>();
        List<DesiredResource> resources = new ArrayList<>();
        for (RenderedSegment rendered : bigquery) {
            Segment segment = project.segment(rendered.segmentId()).orElseThrow();
            if (segment.stage() == Stage.RETIRED) {
                continue;
            }
            String hash = tableHash(segment.refresh(), rendered.sql());
            tableHashes.put(segment.id(), hash);
            resources.add(new DesiredResource(
                    new ResourceId(ResourceKind.SEGMENT_TABLE, segment.id()),
                    hash,
                    segment.refresh().label() + " refresh, " + segment.stage().label()));
        }
        for (Campaign campaign : project.campaigns()) {
            if (campaign.stage() == Stage.RETIRED) {
                continue;
            }
            StringBuilder spec = new StringBuilder("audience\n").append(campaign.specHash());
            campaign.segments().stream()
                    .sorted()
                    .forEach(id ->
                            spec.append('\n').append(id).append('=').append(tableHashes.getOrDefault(id, "retired")));
            resources.add(new DesiredResource(
                    new ResourceId(ResourceKind.AUDIENCE, campaign.id()),
                    Sha256.hex(spec.toString()),
                    "segments " + String.join(", ", campaign.segments()) + "; membership " + campaign.membershipDays()
                            + " days"));
        }
        return resources;
    }
}
