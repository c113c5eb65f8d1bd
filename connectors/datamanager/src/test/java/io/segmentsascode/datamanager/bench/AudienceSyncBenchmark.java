package io.segmentsascode.datamanager.bench;

import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.files.HoldoutGroupFiles;
import io.segmentsascode.apply.files.SnapshotFiles;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.datamanager.DataManagerApi;
import io.segmentsascode.datamanager.DataManagerDestination;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Not a test (bench/audience-sync.sh runs it): normalise+hash throughput of the Data Manager rules on one thread,
 * and the time and bytes of syncing a 1,000,000-member audience after a 1 % change against the local Data Manager
 * fake, through the destination's production code path (REST, JSON, snapshots in a state folder).
 *
 * <p>Arguments: {@code [members] [hash-iterations]}, defaults 1,000,000 and 3.
 */
public final class AudienceSyncBenchmark {

    private static final String CAMPAIGN = "cmp_bench";
    /** CPU time of the measuring thread: other processes sharing the cores do not count against it. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        hashing(members, iterations);
        sync(members);
    }

    /** Identifiers per second on one thread (= per core), emails and phones apart, after a warm-up pass. */
    private static void hashing(int count, int iterations) {
        IdentifierHasher hasher = IdentifierHasher.forDataManager("DE");
        List<String> emails = new ArrayList<>(count);
        List<String> phones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            emails.add(email(i));
            phones.add(phone(i));
        }
        long sink = 0;
        for (String kind : List.of("email", "phone")) {
            List<String> raw = kind.equals("email") ? emails : phones;
            for (int iteration = 0; iteration <= iterations; iteration++) {
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                for (String value : raw) {
                    Optional<String> hash = kind.equals("email") ? hasher.hashEmail(value) : hasher.hashPhone(value);
                    sink += hash.map(String::length).orElse(0);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "hash %s %s: %,d identifiers, %.2f s CPU of its thread (%.2f s wall) = %,.0f identifiers"
                                + " per CPU-second (per core)%n",
                        kind,
                        iteration == 0 ? "(warm-up)" : "#" + iteration,
                        raw.size(),
                        cpu,
                        seconds,
                        raw.size() / cpu);
            }
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static void sync(int count) throws Exception {
        Path state = Files.createTempDirectory("audience-sync-bench");
        try (FakeDataManager fake = new FakeDataManager().start(0)) {
            List<ContactRecord> contacts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                contacts.add(new ContactRecord("u" + i, email(i), phone(i), true, true, false));
            }
            Map<ResourceId, MarkerStore.Marker> markers = new HashMap<>();
            ResourceId id = new ResourceId(ResourceKind.AUDIENCE, CAMPAIGN);

            long start = System.nanoTime();
            destination(fake, state, markers, contacts)
                    .apply(new Change(id, Action.CREATE, Optional.empty(), Optional.of("h1"), "new"));
            report("first sync", start, fake.log().mutatingCalls(), count);
            fake.log().clear();

            // 1 %: half of it leaves, as many new members join
            int changed = count / 100;
            List<ContactRecord> next = new ArrayList<>(contacts.subList(changed / 2, count));
            for (int i = count; i < count + changed / 2; i++) {
                next.add(new ContactRecord("u" + i, email(i), phone(i), true, true, false));
            }
            start = System.nanoTime();
            destination(fake, state, markers, next)
                    .apply(new Change(id, Action.UPDATE, Optional.of("h1"), Optional.of("h1"), "members"));
            report("sync after a 1 % change", start, fake.log().mutatingCalls(), count);
            List<CallRecord> all = fake.log().calls();
            System.out.printf(
                    Locale.ROOT,
                    "  all calls of that sync (reads and status polls included): %d, %,d request bytes%n",
                    all.size(),
                    all.stream().mapToLong(c -> bytes(c.request())).sum());
            System.out.printf(
                    Locale.ROOT,
                    "  list size at the fake: %,d (expected %,d)%n",
                    fake.members(fake.userLists().get(0).getName()).size(),
                    next.size());
        } finally {
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String what, long start, List<CallRecord> mutating, int count) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  (machine load average %.1f on %d cores meanwhile)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        long members = 0;
        for (CallRecord call : mutating) {
            members += call.request().split("\"userIdentifiers\"", -1).length - 1;
        }
        System.out.printf(
                Locale.ROOT,
                "%s of %,d members: %.2f s, %d mutating requests (%s), %,d members sent, %,d request bytes%n",
                what,
                count,
                seconds,
                mutating.size(),
                String.join(
                        " ",
                        mutating.stream().map(CallRecord::method).distinct().toList()),
                members,
                mutating.stream().mapToLong(c -> bytes(c.request())).sum());
    }

    private static long bytes(String body) {
        return body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    }

    private static DataManagerDestination destination(
            FakeDataManager fake,
            Path state,
            Map<ResourceId, MarkerStore.Marker> markers,
            List<ContactRecord> contacts) {
        return new DataManagerDestination(
                List.of(campaign()),
                Optional.of(new CustomerMatch(
                        "identities",
                        Optional.of("email"),
                        Optional.of("phone"),
                        Optional.of("ad_user_data"),
                        Optional.of("ad_personalization"),
                        Optional.of("opted_out"))),
                (segments, identity) -> contacts,
                new MarkerStore() {
                    @Override
                    public Map<ResourceId, Marker> read(ResourceKind kind) {
                        return Map.copyOf(markers);
                    }

                    @Override
                    public void record(ResourceId id, Marker marker) {
                        markers.put(id, marker);
                    }

                    @Override
                    public void forget(ResourceId id) {
                        markers.remove(id);
                    }
                },
                new SnapshotFiles(state.resolve(SnapshotFiles.FOLDER)),
                HoldoutGroupFiles.in(state),
                IdentifierHasher.forDataManager("DE"),
                DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting()),
                DataManagerDestination.MAX_MEMBERS_PER_REQUEST,
                DataManagerApi.BACKOFF.withoutWaiting(),
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static Campaign campaign() {
        Location here = Location.startOf(Path.of("campaigns/cmp_bench.yaml"));
        return new Campaign(
                CAMPAIGN,
                "Benchmark",
                "bench@example.com",
                List.of("seg_bench"),
                Stage.PRODUCTION,
                "123-456-7890",
                540,
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Path.of("campaigns/cmp_bench.yaml"),
                "h1",
                new Campaign.Locations(here, Optional.empty(), Optional.empty(), Optional.empty(), here, Map.of()));
    }

    /** Addresses as people type them: mixed case, a gmail share with dots and +tags, stray spaces. */
    private static String email(int i) {
        return switch (i % 4) {
            case 0 -> " Anna.Schmidt" + i + "+news@Gmail.com";
            case 1 -> "lukas.mueller" + i + "@example.de";
            case 2 -> "Marie.Dubois." + i + "@GoogleMail.com ";
            default -> "j.smith" + i + "@mail.example.net";
        };
    }

    /** German mobile numbers in mixed notations, all valid. */
    private static String phone(int i) {
        String digits = String.format(Locale.ROOT, "%08d", i % 100_000_000);
        return switch (i % 3) {
            case 0 -> "+49 151 " + digits;
            case 1 -> "0151-" + digits;
            default -> "(0151) " + digits.substring(0, 4) + " " + digits.substring(4);
        };
    }
}
