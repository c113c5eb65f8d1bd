package io.segmentsascode.apply.files;

import io.segmentsascode.apply.AudienceDestination;
import io.segmentsascode.apply.CampaignMembers;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.audience.CustomerMatchFile;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code files} audience destination: one Customer Match upload file per campaign mapping in
 * a folder ({@code .segments/audiences/}), holding SHA-256 hashes only. A file cannot share a
 * transaction with its marker, so the marker is recorded first, with the fingerprint of the file
 * about to be written: a crash in between leaves a marker whose file is missing or stale, which
 * the next plan repairs. Only apply writes to the folder, so a file there without a marker (left
 * by a version that wrote the file first) is reported as ours but unrecorded, and written again
 * while its mapping is defined.
 */
public final class AudienceFiles implements AudienceDestination {

    public static final String NAME = "files";
    public static final String FOLDER = "audiences";
    private final Path folder;
    private final ResolvedProject project;
    private final MemberSource members;
    private final MarkerStore markers;
    private final IdentifierHasher hasher;
    private final HoldoutGroupFiles holdoutGroups;

    /** {@code folder}: where the files are written; {@code markers}: where their markers are kept. */
    public AudienceFiles(
            Path folder, ResolvedProject project, MemberSource members, MarkerStore markers, IdentifierHasher hasher) {
        this.folder = folder;
        this.project = project;
        this.members = members;
        this.markers = markers;
        this.hasher = hasher;
        this.holdoutGroups = new HoldoutGroupFiles(folder.resolveSibling(HoldoutGroupFiles.FOLDER));
    }

    /** The destination {@code segments.audiences=files} selects: a folder in the state folder, markers where given. */
    public static AudienceFiles open(
            ResolvedProject project, MemberSource members, MarkerStore markers, SegmentsSettings settings) {
        return new AudienceFiles(
                settings.stateDir().resolve(FOLDER),
                project,
                members,
                markers,
                IdentifierHasher.forRegion(settings.phoneRegion()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ActualResource> readState() {
        Map<ResourceId, MarkerStore.Marker> recorded = markers.read(ResourceKind.AUDIENCE);
        Set<String> files = files();
        List<ActualResource> actual = new ArrayList<>();
        recorded.forEach((id, marker) -> {
            ActualResource resource = ActualResource.managed(id, marker.specHash());
            if (!files.contains(id.name())) {
                resource = resource.drifted("file is missing (deleted, or an apply stopped before writing it)");
            } else if (!fingerprintOf(id.name()).equals(marker.content())) {
                resource = resource.drifted("file content changed (edited, or an apply stopped before writing it)");
            }
            actual.add(resource);
        });
        files.stream()
                .map(f -> new ResourceId(ResourceKind.AUDIENCE, f))
                .filter(id -> !recorded.containsKey(id))
                .forEach(id -> actual.add(ActualResource.unrecorded(
                        id, "file exists without its marker (an apply stopped between writing it and recording it)")));
        return actual;
    }

    @Override
    public void apply(Change change) {
        Path file = file(change.id().name());
        try {
            if (change.action() == Action.DELETE) {
                // file first: stopping in between leaves a marker without its file, still planned for deletion
                Files.deleteIfExists(file);
                markers.forget(change.id());
                return;
            }
            Campaign campaign = campaign(change);
            String csv = CustomerMatchFile.render(CampaignMembers.sent(
                    campaign, project.campaigns(), members, identityTable(), hasher, holdoutGroups));
            // marker first: stopping before the file is written then shows as drift, never as "nothing to do"
            markers.record(change.id(), new MarkerStore.Marker(change.toHash().orElseThrow(), fingerprint(csv)));
            AtomicFiles.write(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("applying " + change.id() + " failed", e);
        }
    }

    /** Each member of a mapping with a holdout and its group, where the local target keeps them. */
    public Path holdoutFile(String campaign) {
        return holdoutGroups.file(campaign);
    }

    private Campaign campaign(Change change) {
        return project.campaigns().stream()
                .filter(c -> c.id().equals(change.id().name()))
                .findFirst()
                .orElseThrow();
    }

    private CustomerMatch identityTable() {
        return project.warehouse()
                .customerMatch()
                .orElseThrow(() -> new IllegalStateException(
                        "warehouse.yaml declares no customer_match identity table, so audiences cannot be exported"));
    }

    /** The upload file of a campaign mapping. */
    public Path file(String campaign) {
        return folder.resolve(campaign + ".csv");
    }

    /** Bytes that are not UTF-8 give a fingerprint that matches no marker (drift), not an encoding error. */
    private String fingerprintOf(String campaign) {
        try {
            return fingerprint(new String(Files.readAllBytes(file(campaign)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(String csv) {
        return Sha256.hex(csv);
    }

    private Set<String> files() {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".csv"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing is held open: the markers belong to whoever gave them. */
    @Override
    public void close() {}
}
