package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferRun;
import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.apply.HoldoutGroups;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSnapshots;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.apply.TargetLease;
import io.segmentsascode.apply.WarehouseTarget;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.IdentifierSql;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.RefreshScan;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.live.LiveWarehouse;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.RenderedScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@code bigquery} warehouse target: segment tables in the output dataset, refreshed by one
 * scheduled query per cadence. What it manages carries our marker on BigQuery itself (labels on
 * tables, display name and query header on scheduled queries), so a plan made on a fresh CI
 * runner sees the same state, and an apply that stopped half way resumes from there.
 */
public final class BigQueryTarget implements WarehouseTarget {

    public static final String NAME = "bigquery";
    private static final String SEGMENT_TABLE_PREFIX = "seg_";

    private final GoogleClients clients;
    private final TargetSettings settings;
    private final Warehouse warehouse;
    private final Map<Refresh, ScheduledRefresh> refreshes = new EnumMap<>(Refresh.class);
    private final Map<String, List<OutputColumn>> tableColumns = new TreeMap<>();
    private final Map<String, Refresh> tableRefresh = new TreeMap<>();
    /** The spec hash each segment table should carry, where the compiled SQL was given. */
    private final Map<String, String> tableHashes = new TreeMap<>();

    private final SegmentTables tables;
    private final ScheduledQueries scheduledQueries;
    private final SnapshotTable snapshots;
    private final BigQueryJobs jobs;
    private final StateTable state;
    private final RefreshCosts costs;
    private final HoldoutTable holdouts;

    public BigQueryTarget(
            GoogleClients clients,
            TargetSettings settings,
            Warehouse warehouse,
            List<ScheduledRefresh> refreshes,
            RetryPolicy retry,
            Clock clock) {
        this(clients, settings, warehouse, refreshes, Map.of(), retry, clock);
    }

    /** @param holdoutGroups per mapping with a holdout, the guarded query of its members' groups ({@link HoldoutTable}) */
    public BigQueryTarget(
            GoogleClients clients,
            TargetSettings settings,
            Warehouse warehouse,
            List<ScheduledRefresh> refreshes,
            Map<String, String> holdoutGroups,
            RetryPolicy retry,
            Clock clock) {
        this.clients = clients;
        this.settings = settings;
        this.warehouse = warehouse;
        for (ScheduledRefresh refresh : refreshes) {
            if (this.refreshes.put(refresh.cadence(), refresh) != null) {
                throw new IllegalArgumentException(
                        "two refreshes for cadence " + refresh.cadence().label());
            }
            refresh.tables().forEach(table -> {
                tableColumns.put(table.name(), table.columns());
                tableRefresh.put(table.name(), refresh.cadence());
                if (!table.specHash().isEmpty()) {
                    tableHashes.put(table.name(), table.specHash());
                }
            });
        }
        Steps steps = new Steps(retry, GoogleAccessException.APPLY_ROLES);
        this.tables = new SegmentTables(clients.bigQuery(), settings, steps);
        this.scheduledQueries = new ScheduledQueries(clients.dataTransfer(), settings, steps, clock);
        this.jobs = new BigQueryJobs(clients.bigQuery(), settings, steps);
        this.state = new StateTable(clients.bigQuery(), jobs, settings, steps);
        this.costs = new RefreshCosts(jobs, clients.bigQuery(), steps, warehouse);
        this.snapshots = new SnapshotTable(jobs, settings);
        this.holdouts = new HoldoutTable(jobs, settings, holdoutGroups);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Dry runs and capped jobs, e.g. for the plan's cost figures. */
    public BigQueryJobs jobs() {
        return jobs;
    }

    /** BigQuery itself, for the plan's refresh health, schema check and figures. */
    @Override
    public Optional<LiveWarehouse> live() {
        return Optional.of(new BigQueryLiveWarehouse(
                settings,
                warehouse,
                List.copyOf(refreshes.values()),
                tables,
                scheduledQueries,
                jobs,
                BigQueryTarget::managedConfigs));
    }

    /** One scheduled query per cadence; its hash covers the script, the schedule and who it runs as. */
    @Override
    public List<DesiredResource> infrastructure() {
        return refreshes.values().stream()
                .map(refresh -> new DesiredResource(
                        configId(refresh.cadence()),
                        configHash(refresh),
                        "refreshes "
                                + refresh.tables().stream()
                                        .map(ScheduledRefresh.SegmentTable::name)
                                        .collect(Collectors.joining(", "))
                                + " " + RefreshSchedule.of(refresh.cadence()).describe()
                                + settings.serviceAccount()
                                        .map(sa -> ", runs as " + sa)
                                        .orElse("")))
                .toList();
    }

    /** Each cadence's refresh measured by dry runs and table metadata (see {@link RefreshCosts}). */
    @Override
    public Optional<List<RefreshScan>> refreshScans(Instant runTime) {
        return Optional.of(costs.scan(
                refreshes.values().stream().map(ScheduledRefresh::reads).toList(), runTime));
    }

    /** Other guarded scripts (a review's base revision), measured the same way. */
    @Override
    public Optional<List<RefreshScan>> refreshScans(
            List<RefreshScript> layouts, List<RenderedScript> scripts, Instant runTime) {
        List<RefreshReads> reads = new ArrayList<>();
        for (int i = 0; i < layouts.size(); i++) {
            reads.add(RefreshReads.of(layouts.get(i), scripts.get(i)));
        }
        return Optional.of(costs.scan(reads, runTime));
    }

    @Override
    public List<ActualResource> readState() {
        List<TransferConfig> configs = scheduledQueries.list();
        List<ActualResource> tables = readTables(currentRefreshes(configs));
        List<ActualResource> actual = new ArrayList<>(tables);
        actual.addAll(readScheduledQueries(configs, tablesToRefill(tables)));
        actual.addAll(missingConfigs(configs, tables));
        return actual;
    }

    /**
     * Cadences without a scheduled query although every table it refreshes carries the spec the
     * definitions want: the query was applied with them, then deleted outside segments (or an apply
     * stopped between the tables and the query). A repair, not a first create.
     */
    private List<ActualResource> missingConfigs(List<TransferConfig> configs, List<ActualResource> tables) {
        Map<Refresh, List<TransferConfig>> managed = managedConfigs(configs);
        Map<String, ActualResource> found = new TreeMap<>();
        tables.forEach(table -> found.put(table.id().name(), table));
        List<ActualResource> missing = new ArrayList<>();
        for (ScheduledRefresh refresh : refreshes.values()) {
            if (managed.containsKey(refresh.cadence()) || refresh.tables().isEmpty()) {
                continue;
            }
            boolean applied = refresh.tables().stream().allMatch(table -> {
                ActualResource resource = found.get(table.name());
                return resource != null
                        && resource.managed()
                        && resource.drift().isEmpty()
                        && !table.specHash().isEmpty()
                        && resource.specHash().equals(Optional.of(table.specHash()));
            });
            if (applied) {
                missing.add(ActualResource.managed(configId(refresh.cadence()), configHash(refresh))
                        .drifted("it is missing although its tables are as applied: deleted outside segments (or an"
                                + " apply stopped before creating it)"));
            }
        }
        return missing;
    }

    /**
     * Cadences whose scheduled query carries the spec hash the definitions want: every table it
     * refreshes was applied as the definitions want it too, so a table of theirs that is missing or
     * carries another spec was changed outside segments (a repair), not by a new definition.
     */
    private Set<Refresh> currentRefreshes(List<TransferConfig> configs) {
        Set<Refresh> current = EnumSet.noneOf(Refresh.class);
        managedConfigs(configs).forEach((cadence, found) -> {
            ScheduledRefresh refresh = refreshes.get(cadence);
            String hash = Markers.parseDisplayName(found.get(0).getDisplayName())
                    .orElseThrow()
                    .specHash();
            if (refresh != null && configHash(refresh).equals(hash)) {
                current.add(cadence);
            }
        });
        return current;
    }

    /**
     * Tables this apply will create or recreate empty although their refresh is unchanged (dropped
     * or altered outside): their scheduled query must run again, so it is reported as drifted too.
     */
    private Set<String> tablesToRefill(List<ActualResource> tables) {
        Set<String> refill = new TreeSet<>(tableColumns.keySet());
        for (ActualResource table : tables) {
            if (!table.managed() || table.drift().isEmpty()) {
                refill.remove(table.id().name());
            }
        }
        return refill;
    }

    private List<ActualResource> readTables(Set<Refresh> currentRefreshes) {
        List<ActualResource> actual = new ArrayList<>();
        Set<String> missing = new TreeSet<>(tableColumns.keySet());
        for (SegmentTables.Found table :
                tables.list(name -> name.startsWith(SEGMENT_TABLE_PREFIX) || tableColumns.containsKey(name))) {
            missing.remove(table.name());
            ResourceId id = new ResourceId(ResourceKind.SEGMENT_TABLE, table.name());
            if (!Markers.isManaged(table.labels())) {
                actual.add(ActualResource.unmanaged(id));
                continue;
            }
            Optional<String> hash = Markers.specHash(table.labels());
            Optional<String> applied = appliedHash(table.name(), currentRefreshes);
            ActualResource resource = ActualResource.managed(
                    id, hash.filter(h -> applied.isEmpty()).orElse(applied.orElse("unknown")));
            List<OutputColumn> columns = tableColumns.get(table.name());
            if (hash.isEmpty()) {
                resource = resource.drifted("its " + Markers.SPEC_HEAD + "/" + Markers.SPEC_TAIL
                        + " labels were removed or edited outside segments");
            } else if (applied.isPresent() && !applied.get().equals(hash.get())) {
                resource = resource.drifted("its " + Markers.SPEC_HEAD + "/" + Markers.SPEC_TAIL
                        + " labels were edited outside segments (its refresh is as applied)");
            } else if (columns != null && !SegmentTables.columnTypes(columns).equals(table.columns())) {
                resource = resource.drifted("its columns were changed outside segments (now " + table.columns() + ")");
            }
            actual.add(resource);
        }
        // a table whose refresh is as applied was created with it: if it is gone, it was deleted outside
        for (String table : missing) {
            appliedHash(table, currentRefreshes)
                    .ifPresent(hash ->
                            actual.add(ActualResource.managed(new ResourceId(ResourceKind.SEGMENT_TABLE, table), hash)
                                    .drifted("it was deleted outside segments")));
        }
        return actual;
    }

    /** The spec hash a table was applied with, when its refresh is as applied and the hash is known. */
    private Optional<String> appliedHash(String table, Set<Refresh> currentRefreshes) {
        Refresh cadence = tableRefresh.get(table);
        if (cadence == null || !currentRefreshes.contains(cadence)) {
            return Optional.empty();
        }
        return Optional.ofNullable(tableHashes.get(table));
    }

    private List<ActualResource> readScheduledQueries(List<TransferConfig> all, Set<String> tablesToRefill) {
        List<ActualResource> actual = new ArrayList<>();
        all.stream()
                .filter(config ->
                        Markers.parseDisplayName(config.getDisplayName()).isEmpty())
                .filter(this::writesOurDataset)
                .map(config ->
                        ActualResource.unmanaged(new ResourceId(ResourceKind.SCHEDULED_QUERY, config.getDisplayName())))
                .forEach(actual::add);
        for (Map.Entry<Refresh, List<TransferConfig>> entry :
                managedConfigs(all).entrySet()) {
            Refresh cadence = entry.getKey();
            List<TransferConfig> configs = entry.getValue();
            TransferConfig config = scheduledQueries.get(configs.get(0).getName());
            String hash = Markers.parseDisplayName(config.getDisplayName())
                    .orElseThrow()
                    .specHash();
            ActualResource resource = ActualResource.managed(configId(cadence), hash);
            List<String> drift = new ArrayList<>();
            ScheduledRefresh refresh = refreshes.get(cadence);
            if (refresh != null && configHash(refresh).equals(hash)) {
                ScheduledQueries.Desired desired = desired(refresh);
                for (String field : ScheduledQueries.differences(config, desired)) {
                    drift.add(
                            switch (field) {
                                case "params" -> "its query was edited outside segments";
                                case "schedule" ->
                                    "its schedule was changed to '" + config.getSchedule() + "' (segments sets '"
                                            + desired.schedule() + "')";
                                case "service_account_name" ->
                                    "it runs as " + config.getOwnerInfo().getEmail() + ", not "
                                            + desired.serviceAccount().orElseThrow();
                                default -> field + " was changed outside segments";
                            });
                }
            }
            if (refresh != null) {
                List<String> emptied = refresh.tables().stream()
                        .map(ScheduledRefresh.SegmentTable::name)
                        .filter(tablesToRefill::contains)
                        .toList();
                if (!emptied.isEmpty()) {
                    drift.add(String.join(", ", emptied) + " must be refilled (dropped or altered outside segments)");
                }
            }
            if (!scheduledQueries.ranSinceChanged(config)) {
                drift.add("it has not run successfully since it was last changed (a run failed, or an apply stopped"
                        + " before its run finished): it runs again");
            }
            if (config.getDisabled()) {
                drift.add("it was disabled outside segments");
            }
            if (configs.size() > 1) {
                drift.add(configs.size()
                        + " configs carry this marker (a create was repeated); the extra ones are deleted");
            }
            actual.add(drift.isEmpty() ? resource : resource.drifted(String.join("; ", drift)));
        }
        return actual;
    }

    /**
     * Whether a scheduled query without our marker is one a reader of the plan should see: it
     * writes into the output dataset, or its query names it. Others in the location are not ours
     * to mention.
     */
    private boolean writesOurDataset(TransferConfig config) {
        String dataset = settings.dataProject() + "." + settings.dataset() + ".";
        return config.getDestinationDatasetId().equals(settings.dataset())
                || ScheduledQueries.query(config).contains(dataset);
    }

    /** Configs with our marker, by cadence, oldest name first (the one kept when there are duplicates). */
    private static Map<Refresh, List<TransferConfig>> managedConfigs(List<TransferConfig> configs) {
        Map<Refresh, List<TransferConfig>> managed = new EnumMap<>(Refresh.class);
        configs.stream()
                .sorted(Comparator.comparing(TransferConfig::getName))
                .forEach(config -> Markers.parseDisplayName(config.getDisplayName())
                        .ifPresent(marker -> managed.computeIfAbsent(marker.cadence(), c -> new ArrayList<>())
                                .add(config)));
        return managed;
    }

    @Override
    public void apply(Change change) {
        switch (change.id().kind()) {
            case SEGMENT_TABLE -> applyTable(change);
            case SCHEDULED_QUERY -> applyScheduledQuery(change);
            case AUDIENCE ->
                throw new IllegalArgumentException(
                        "the BigQuery warehouse holds segment tables and scheduled queries, not " + change.id());
        }
    }

    private void applyTable(Change change) {
        String name = change.id().name();
        if (change.action() == Action.DELETE) {
            tables.delete(name);
            return;
        }
        List<OutputColumn> columns = tableColumns.get(name);
        if (columns == null) {
            throw new ApplyException(
                    name, "no scheduled refresh writes the table " + name, "this is a bug in segments: report it");
        }
        tables.upsert(name, columns, change.toHash().orElseThrow());
    }

    private void applyScheduledQuery(Change change) {
        Refresh cadence = Refresh.parse(change.id().name());
        List<TransferConfig> existing = managedConfigs(scheduledQueries.list()).getOrDefault(cadence, List.of());
        if (change.action() == Action.DELETE) {
            existing.forEach(config -> scheduledQueries.delete(config.getName()));
            return;
        }
        ScheduledRefresh refresh = refreshes.get(cadence);
        // a split script calls procedures: they must exist, as compiled, before the config can run
        refresh.procedures()
                .forEach(procedure -> jobs.dml(
                        "creating a procedure of the " + cadence.label() + " refresh", procedure, "procedure"));
        ScheduledQueries.Desired desired = desired(refresh);
        TransferConfig config;
        if (existing.isEmpty()) {
            config = scheduledQueries.create(desired);
        } else {
            config =
                    scheduledQueries.update(scheduledQueries.get(existing.get(0).getName()), desired);
            existing.stream().skip(1).forEach(duplicate -> scheduledQueries.delete(duplicate.getName()));
        }
        scheduledQueries.runAndWait(config);
    }

    private ScheduledQueries.Desired desired(ScheduledRefresh refresh) {
        String hash = configHash(refresh);
        return new ScheduledQueries.Desired(
                Markers.displayName(refresh.cadence(), hash),
                Markers.query(refresh.cadence(), hash, refresh.script()),
                RefreshSchedule.of(refresh.cadence()).dataTransferSyntax(),
                settings.serviceAccount());
    }

    private String configHash(ScheduledRefresh refresh) {
        return Sha256.hex("scheduled_query\n" + refresh.specHash() + "\nschedule="
                + RefreshSchedule.of(refresh.cadence()).dataTransferSyntax() + "\nservice_account="
                + settings.serviceAccount().orElse(""));
    }

    private static ResourceId configId(Refresh cadence) {
        return new ResourceId(ResourceKind.SCHEDULED_QUERY, cadence.label());
    }

    @Override
    public TargetLease claimLease(Duration lease, Consumer<String> notices) {
        return state.claim(lease, notices);
    }

    @Override
    public Optional<Instant> lastSync() {
        return state.lastSync();
    }

    @Override
    public void recordSync(Instant at) {
        state.recordSync(at);
    }

    @Override
    public MemberSource members() {
        return new MemberSource() {
            @Override
            public List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch identity) {
                return hashedContacts(segmentIds, identity);
            }

            @Override
            public List<String> staleTables(List<String> segmentIds) {
                return BigQueryTarget.this.staleTables(segmentIds);
            }

            /** The tables' lastModifiedTime: a refresh or an opt-out since the last sync makes it sync again. */
            @Override
            public Optional<Instant> changedAt(List<String> segmentIds, CustomerMatch identity) {
                List<String> read = new ArrayList<>();
                segmentIds.forEach(id -> read.add(settings.qualified(id).replace("`", "")));
                read.add(warehouse.qualifiedName(identity.identityTable()));
                return read.stream()
                        .map(tables::lastModified)
                        .flatMap(Optional::stream)
                        .max(Comparator.naturalOrder());
            }

            /** In a table of the output dataset: CI runners are thrown away, the state folder with them. */
            @Override
            public Optional<MemberSnapshots> snapshots() {
                return Optional.of(snapshots);
            }

            /** In a table of the output dataset, where evaluate on BigQuery reads them. */
            @Override
            public Optional<HoldoutGroups> holdoutGroups() {
                return Optional.of(holdouts);
            }

            /** Emails and phones are normalised and hashed by BigQuery: only digests reach this machine. */
            @Override
            public boolean hashesIdentifiers() {
                return true;
            }
        };
    }

    @Override
    public MarkerStore audienceMarkers() {
        return state.markers();
    }

    /**
     * Why tables among {@code segmentIds} are stale: the scheduled query of their cadence is missing, never ran, or
     * its latest run did not succeed (the tables then hold an older refresh, or a half-written one).
     */
    private List<String> staleTables(List<String> segmentIds) {
        Map<Refresh, List<TransferConfig>> configs = managedConfigs(scheduledQueries.list());
        List<String> stale = new ArrayList<>();
        for (ScheduledRefresh refresh : refreshes.values()) {
            List<String> tables = refresh.tables().stream()
                    .map(ScheduledRefresh.SegmentTable::name)
                    .filter(segmentIds::contains)
                    .toList();
            if (tables.isEmpty()) {
                continue;
            }
            String which = String.join(", ", tables) + " (" + refresh.cadence().label() + " refresh)";
            List<TransferConfig> config = configs.getOrDefault(refresh.cadence(), List.of());
            if (config.isEmpty()) {
                stale.add(which + ": no scheduled query fills them");
                continue;
            }
            Optional<TransferRun> latest = scheduledQueries.latestRun(config.get(0));
            if (latest.isEmpty()) {
                stale.add(which + ": never refreshed");
            } else if (latest.get().getState() != TransferState.SUCCEEDED) {
                TransferRun run = latest.get();
                stale.add(which + ": latest run " + run.getState() + " at "
                        + Instant.ofEpochSecond(run.getRunTime().getSeconds())
                        + (run.hasErrorStatus() ? " (" + run.getErrorStatus().getMessage() + ")" : ""));
            }
        }
        return stale;
    }

    /** Contact rows whose email and phone are SHA-256 hex digests of their normalised forms ({@link IdentifierSql}). */
    private List<ContactRecord> hashedContacts(List<String> segmentIds, CustomerMatch match) {
        String members = segmentIds.stream()
                .map(id -> "SELECT user_id FROM " + settings.qualified(id))
                .collect(Collectors.joining(" UNION DISTINCT "));
        BigQueryDialect dialect = new BigQueryDialect();
        Map<String, Optional<String>> columns = new LinkedHashMap<>();
        columns.put("email_sha256", match.emailColumn().map(c -> IdentifierSql.hashedEmail(dialect, "i.`" + c + "`")));
        columns.put("phone_sha256", match.phoneColumn().map(c -> IdentifierSql.hashedPhone(dialect, "i.`" + c + "`")));
        columns.put("ad_user_data", match.adUserDataConsentColumn().map(c -> "i.`" + c + "`"));
        columns.put("ad_personalization", match.adPersonalizationConsentColumn().map(c -> "i.`" + c + "`"));
        columns.put("suppressed", match.suppressionColumn().map(c -> "i.`" + c + "`"));
        String select = columns.entrySet().stream()
                .map(c -> c.getValue().orElse("NULL") + " AS " + c.getKey())
                .collect(Collectors.joining(", "));
        String sql = "SELECT i.user_id, " + select + " FROM `" + warehouse.qualifiedName(match.identityTable())
                + "` AS i JOIN (" + members + ") AS m ON m.user_id = i.user_id ORDER BY i.user_id";
        List<ContactRecord> records = new ArrayList<>();
        for (FieldValueList row :
                jobs.rows("reading the members of " + String.join(", ", segmentIds), sql, "members")) {
            records.add(new ContactRecord(
                    text(row, 0), text(row, 1), text(row, 2), flag(row, 3), flag(row, 4), flag(row, 5)));
        }
        return records;
    }

    private static String text(FieldValueList row, int index) {
        return row.get(index).isNull() ? null : row.get(index).getStringValue();
    }

    private static Boolean flag(FieldValueList row, int index) {
        return row.get(index).isNull() ? null : row.get(index).getBooleanValue();
    }

    @Override
    public void close() {
        clients.close();
    }
}
