package io.segmentsascode.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseLockTest {

    @TempDir
    Path state;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void aSecondApplyFailsFastWhileTheLeaseRuns() {
        try (LeaseLock first = LeaseLock.acquire(state, at("2026-11-24T10:00:00Z"), Duration.ofMinutes(15))) {
            ApplyException second = assertThrows(ApplyException.class,
                    () -> LeaseLock.acquire(state, at("2026-11-24T10:05:00Z"), Duration.ofMinutes(15)));
            String message = second.diagnostics().get(0).format();
            assertTrue(message.contains("holds the lock until 2026-11-24T10:15:00Z"), message);
            assertTrue(message.contains("apply.lock"), message);
        }
        assertFalse(Files.exists(state.resolve(LeaseLock.FILE)));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCannotReleaseIt() throws Exception {
        LeaseLock crashed = LeaseLock.acquire(state, at("2026-11-24T10:00:00Z"), Duration.ofMinutes(15));
        LeaseLock next = LeaseLock.acquire(state, at("2026-11-24T10:16:00Z"), Duration.ofMinutes(15));
        crashed.close();
        assertTrue(Files.exists(state.resolve(LeaseLock.FILE)), "the old holder must not delete the new holder's lock");
        assertThrows(ApplyException.class, () -> LeaseLock.acquire(state, at("2026-11-24T10:20:00Z"), Duration.ofMinutes(15)));
        next.close();
        assertFalse(Files.exists(state.resolve(LeaseLock.FILE)));
    }

    @Test
    void renewingExtendsTheLease() throws Exception {
        Clock clock = at("2026-11-24T10:00:00Z");
        try (LeaseLock lock = LeaseLock.acquire(state, clock, Duration.ofMinutes(15))) {
            String before = Files.readString(state.resolve(LeaseLock.FILE));
            assertEquals("2026-11-24T10:15:00Z", before.split("\n")[2]);
            lock.renew();
            assertEquals(before, Files.readString(state.resolve(LeaseLock.FILE)), "same clock, same lease");
        }
    }
}
