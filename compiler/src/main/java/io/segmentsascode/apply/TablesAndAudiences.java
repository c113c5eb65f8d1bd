package io.segmentsascode.apply;

import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.plan.RefreshScan;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.live.LiveWarehouse;
import io.segmentsascode.render.RenderedScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The target a plan is applied to: a warehouse target for segment tables and an audience
 * destination for campaign mappings, chosen separately. The {@link Applier} orders the changes
 * (tables are created before the audiences read from them, audiences deleted before their
 * tables); this only sends each change to the side that holds its kind of resource.
 */
public final class TablesAndAudiences implements Target {

    private final WarehouseTarget tables;
    private final AudienceDestination audiences;

    public TablesAndAudiences(WarehouseTarget tables, AudienceDestination audiences) {
        this.tables = tables;
        this.audiences = audiences;
    }

    /** Plans and apply messages name the warehouse target, the one {@code segments.target} chose. */
    @Override
    public String name() {
        return tables.name();
    }

    @Override
    public List<ActualResource> readState() {
        List<ActualResource> state = new ArrayList<>(tables.readState());
        state.addAll(audiences.readState());
        return state;
    }

    @Override
    public List<DesiredResource> infrastructure() {
        return tables.infrastructure();
    }

    /** Only the warehouse's refreshes scan anything. */
    @Override
    public Optional<List<RefreshScan>> refreshScans(Instant runTime) {
        return tables.refreshScans(runTime);
    }

    @Override
    public Optional<List<RefreshScan>> refreshScans(
            List<RefreshScript> layouts, List<RenderedScript> scripts, Instant runTime) {
        return tables.refreshScans(layouts, scripts, runTime);
    }

    @Override
    public Map<String, ListFacts> listFacts() {
        return audiences.listFacts();
    }

    @Override
    public Map<String, List<String>> staleAudiences() {
        return audiences.staleAudiences();
    }

    /** The warehouse holds the lease: it is the side both applies write to. */
    @Override
    public TargetLease claimLease(Duration lease, Consumer<String> notices) {
        return tables.claimLease(lease, notices);
    }

    /** The warehouse keeps the record: it is where the lease and the markers of a run live. */
    @Override
    public Optional<Instant> lastSync() {
        return tables.lastSync();
    }

    @Override
    public void recordSync(Instant at) {
        tables.recordSync(at);
    }

    @Override
    public Optional<LiveWarehouse> live() {
        return tables.live();
    }

    @Override
    public void apply(Change change) {
        sideFor(change.id().kind()).apply(change);
    }

    private Target sideFor(ResourceKind kind) {
        return switch (kind) {
            case SEGMENT_TABLE, SCHEDULED_QUERY -> tables;
            case AUDIENCE -> audiences;
        };
    }

    /** The audience side first: it may still read through the warehouse target. */
    @Override
    public void close() {
        try {
            audiences.close();
        } finally {
            tables.close();
        }
    }
}
