package io.segmentsascode.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseLockTest {

    private static final Duration LEASE = Duration.ofMinutes(15);

    @TempDir
    Path state;

    private final List<String> notices = new ArrayList<>();

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private LeaseLock acquire(String instant) {
        return LeaseLock.acquire(state, at(instant), LEASE, notices::add);
    }

    private Path lockFile() {
        return state.resolve(LeaseLock.FILE);
    }

    private LeaseLock.Lease leaseOnFile() throws Exception {
        return LeaseLock.Lease.parse(lockFile(), Files.readString(lockFile()));
    }

    /** The host name this process writes into its leases, as another apply on this host would read it. */
    private String thisHost() throws Exception {
        try (LeaseLock probe =
                LeaseLock.acquire(state.resolve("probe"), at("2026-11-24T00:00:00Z"), LEASE, notices::add)) {
            Path file = state.resolve("probe").resolve(LeaseLock.FILE);
            return LeaseLock.Lease.parse(file, Files.readString(file)).host();
        }
    }

    /** A process id that was just in use and no longer runs: a crashed apply's, as far as the lease can tell. */
    private static long pidOfAFinishedProcess() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, process.waitFor());
        assertFalse(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false), "the process has ended");
        return process.pid();
    }

    private void leaveLease(long pid, String host, String expires) throws Exception {
        Files.writeString(lockFile(), new LeaseLock.Lease("crashed-apply", pid, host, Instant.parse(expires)).render());
    }

    @Test
    void aSecondApplyFailsFastWhileTheLeaseRuns() {
        try (LeaseLock first = acquire("2026-11-24T10:00:00Z")) {
            ApplyException second = assertThrows(ApplyException.class, () -> acquire("2026-11-24T10:05:00Z"));
            String message = second.diagnostics().get(0).format();
            assertTrue(message.contains("(process " + ProcessHandle.current().pid() + " on host "), message);
            assertTrue(message.contains("holds the lock until 2026-11-24T10:15:00Z"), message);
            assertTrue(message.contains("apply.lock"), message);
        }
        assertFalse(Files.exists(lockFile()));
        assertEquals(List.of(), notices, "a running holder is waited for, not taken over");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCannotReleaseIt() throws Exception {
        LeaseLock crashed = acquire("2026-11-24T10:00:00Z");
        LeaseLock next = acquire("2026-11-24T10:16:00Z");
        crashed.close();
        assertTrue(Files.exists(lockFile()), "the old holder must not delete the new holder's lock");
        assertThrows(ApplyException.class, () -> acquire("2026-11-24T10:20:00Z"));
        next.close();
        assertFalse(Files.exists(lockFile()));
    }

    @Test
    void renewingExtendsTheLease() throws Exception {
        try (LeaseLock lock = acquire("2026-11-24T10:00:00Z")) {
            String before = Files.readString(lockFile());
            assertEquals("2026-11-24T10:15:00Z", before.split("\n")[2]);
            lock.renew();
            assertEquals(before, Files.readString(lockFile()), "same clock, same lease");
        }
    }

    @Test
    void theLeaseNamesTheProcessAndHostHoldingIt() throws Exception {
        try (LeaseLock lock = acquire("2026-11-24T10:00:00Z")) {
            LeaseLock.Lease lease = leaseOnFile();
            assertEquals(ProcessHandle.current().pid(), lease.pid());
            assertEquals(thisHost(), lease.host());
        }
    }

    @Test
    void aLeaseOfAProcessNoLongerRunningOnThisHostIsTakenOverAtOnceAndSaidSo() throws Exception {
        long crashed = pidOfAFinishedProcess();
        String host = thisHost();
        leaveLease(crashed, host, "2026-11-24T10:15:00Z");

        try (LeaseLock lock = acquire("2026-11-24T10:01:00Z")) {
            assertEquals(
                    List.of("taking over the apply lease of process " + crashed + " on host " + host
                            + ", which is no longer running"),
                    notices);
            assertEquals(ProcessHandle.current().pid(), leaseOnFile().pid(), "the lease is now this apply's");
        }
        assertFalse(Files.exists(lockFile()));
    }

    @Test
    void aLeaseHeldOnAnotherHostIsWaitedForUntilItExpiresWhateverItsProcessId() throws Exception {
        long notRunningHere = pidOfAFinishedProcess();
        leaveLease(notRunningHere, "build-agent-7.example", "2026-11-24T10:15:00Z");

        ApplyException held = assertThrows(ApplyException.class, () -> acquire("2026-11-24T10:01:00Z"));
        assertTrue(
                held.diagnostics()
                        .get(0)
                        .format()
                        .contains("another apply (process " + notRunningHere
                                + " on host build-agent-7.example) holds the lock until 2026-11-24T10:15:00Z"),
                held.getMessage());
        assertEquals(List.of(), notices);

        try (LeaseLock lock = acquire("2026-11-24T10:16:00Z")) {
            assertEquals(
                    List.of("taking over the apply lease of process " + notRunningHere
                            + " on host build-agent-7.example, which expired at 2026-11-24T10:15:00Z"),
                    notices);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty file               | ''                                                       | 1",
                "one line                 | 'token'                                                  | 1",
                "owner without a host     | 'token\\n1234\\n2026-11-24T10:15:00Z\\n'                 | 2",
                "process id not a number  | 'token\\nabc@host\\n2026-11-24T10:15:00Z\\n'             | 2",
                "process id out of range  | 'token\\n99999999999999999999@host\\n2026-11-24T10:15:00Z\\n' | 2",
                "expiry not a time        | 'token\\n1234@host\\ntomorrow\\n'                        | 3",
            })
    void aLockFileThatIsNotALeaseIsReportedWithWhereItIsAndHowToFixIt(String what, String escaped, int line)
            throws Exception {
        String content = escaped.replace("\\n", "\n");
        Files.writeString(lockFile(), content);

        ApplyException garbled = assertThrows(ApplyException.class, () -> acquire("2026-11-24T10:00:00Z"));
        String message = garbled.diagnostics().get(0).format();
        String shown = Location.displayPath(lockFile());
        assertTrue(message.startsWith(shown + ":" + line + ":1: error: the apply lock cannot be read: "), message);
        assertTrue(message.endsWith("(delete " + shown + " if no apply is running, then apply again)"), message);
        assertEquals(content, Files.readString(lockFile()), "a lock it cannot read is left alone");
    }

    @Test
    void aLockFileOfBytesThatAreNotTextIsReportedLikeAnyOtherUnreadableLease() throws Exception {
        Files.write(lockFile(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        ApplyException garbled = assertThrows(ApplyException.class, () -> acquire("2026-11-24T10:00:00Z"));
        assertTrue(
                garbled.diagnostics().get(0).format().contains("the apply lock cannot be read"), garbled.getMessage());
    }

    @Test
    void aLeaseAsEarlierVersionsWroteItStillReads() {
        // they named the owner by the JVM's runtime name, which is pid@host as well
        assertEquals(
                new LeaseLock.Lease("0b1c", 4242, "ci-runner-3", Instant.parse("2026-11-24T10:15:00Z")),
                LeaseLock.Lease.parse(lockFile(), "0b1c\n4242@ci-runner-3\n2026-11-24T10:15:00Z\n"));
    }
}
