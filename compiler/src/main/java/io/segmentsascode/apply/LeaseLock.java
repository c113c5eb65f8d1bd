package io.segmentsascode.apply;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps two applies from interleaving: a lock file holding its owner and a lease expiry. A
 * second apply fails fast while the lease runs; a lease left by a crashed apply expires and is
 * taken over. The holder renews the lease as it makes progress.
 */
public final class LeaseLock implements AutoCloseable {

    public static final String FILE = "apply.lock";

    private final Path file;
    private final Clock clock;
    private final Duration lease;
    private final String token = UUID.randomUUID().toString();
    private final String owner;

    private LeaseLock(Path file, Clock clock, Duration lease) {
        this.file = file;
        this.clock = clock;
        this.lease = lease;
        this.owner = ManagementFactory.getRuntimeMXBean().getName();
    }

    public static LeaseLock acquire(Path stateDir, Clock clock, Duration lease) {
        LeaseLock lock = new LeaseLock(stateDir.resolve(FILE), clock, lease);
        lock.take();
        return lock;
    }

    private void take() {
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.write(file, content(), java.nio.file.StandardOpenOption.CREATE_NEW);
                return;
            } catch (FileAlreadyExistsException held) {
                String[] current = Files.readString(file, StandardCharsets.UTF_8).split("\n");
                Instant expires = current.length >= 3 ? Instant.parse(current[2]) : Instant.EPOCH;
                if (clock.instant().isBefore(expires)) {
                    throw new ApplyException(Location.displayPath(file), "another apply (" + current[1]
                            + ") holds the lock until " + expires, "wait for it to finish; a crashed apply's lease "
                            + "expires by itself, or delete " + Location.displayPath(file) + " if you are sure none runs");
                }
                // the previous holder's lease ran out (it crashed): take over atomically
                write();
                if (!Files.readString(file, StandardCharsets.UTF_8).startsWith(token)) {
                    throw new ApplyException(Location.displayPath(file), "another apply took over the expired lock first",
                            "run apply again once it has finished");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the apply lock " + file, e);
        }
    }

    /** Extends the lease; called after every applied change. */
    public void renew() {
        try {
            write();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot renew the apply lock " + file, e);
        }
    }

    private void write() throws IOException {
        AtomicFiles.write(file, content());
    }

    private byte[] content() {
        return (token + "\n" + owner + "\n" + clock.instant().plus(lease) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).startsWith(token)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the apply lock " + file, e);
        }
    }
}
