package io.segmentsascode.apply;

import java.util.List;
import java.util.Map;

/**
 * Where campaign mappings become audiences: the {@code AUDIENCE} resources of a plan (upload
 * files now; Customer Match lists through the Data Manager or Google Ads API next). Chosen apart
 * from the warehouse target ({@code segments.audiences}), and fed by it: its members are the
 * contacts of the warehouse target's segment tables.
 */
public interface AudienceDestination extends Target {

    /**
     * What the destination knows of each mapping's list, by mapping id, for the plan's checks and its audience
     * status: read from Google where the destination keeps lists there. None by default (upload files have no facts).
     */
    @Override
    default Map<String, ListFacts> listFacts() {
        return Map.of();
    }

    /**
     * Mappings whose segment tables are stale, by mapping id, with why: apply sends nothing to their lists until a
     * refresh succeeds, and the plan warns. None by default.
     */
    @Override
    default Map<String, List<String>> staleAudiences() {
        return Map.of();
    }
}
