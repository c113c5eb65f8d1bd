package io.segmentsascode.apply;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps two applies from interleaving: a lock file holding its owner (process id and host) and a
 * lease expiry. A second apply fails fast while the lease runs. A lease whose process is gone
 * from this host (it crashed) is taken over at once; one held on another host, whose process
 * cannot be seen from here, is taken over when it expires. The holder renews the lease as it
 * makes progress. "This host" means the same host name, so applies in containers that share a
 * host name but not a process table must not share a state folder.
 */
public final class LeaseLock implements AutoCloseable {

    public static final String FILE = "apply.lock";

    /** This host's name as leases record it; empty when the host cannot name itself. */
    private static final Optional<String> LOCAL_HOST = localHostName();

    /**
     * What the lock file holds, one item a line: the holder's token, {@code pid@host}, and the
     * lease expiry. Earlier versions wrote the JVM's runtime name as the owner, which on the JDKs
     * we run on is {@code pid@host} too, so their leases still read.
     */
    record Lease(String token, long pid, String host, Instant expires) {

        private static final Pattern OWNER = Pattern.compile("([0-9]+)@(\\S+)");

        String render() {
            return token + "\n" + pid + "@" + host + "\n" + expires + "\n";
        }

        /** The lease in {@code file}; one that is not readable is the user's to remove, so it is said where and how. */
        static Lease parse(Path file, String text) {
            String[] lines = text.split("\n");
            if (lines.length != 3 || lines[0].isBlank()) {
                throw garbled(file, 1, "it does not hold the three lines of a lease (token, pid@host, expiry)");
            }
            Matcher owner = OWNER.matcher(lines[1]);
            if (!owner.matches()) {
                throw garbled(file, 2, "'" + lines[1] + "' does not name the holding process as pid@host");
            }
            long pid;
            try {
                pid = Long.parseLong(owner.group(1));
            } catch (NumberFormatException e) {
                throw garbled(file, 2, "'" + owner.group(1) + "' is not a process id");
            }
            try {
                return new Lease(lines[0], pid, owner.group(2), Instant.parse(lines[2]));
            } catch (DateTimeParseException e) {
                throw garbled(file, 3, "'" + lines[2] + "' is not the lease's expiry time");
            }
        }

        private static ApplyException garbled(Path file, int line, String what) {
            return new ApplyException(
                    Location.of(file, line, 1),
                    "the apply lock cannot be read: " + what,
                    "delete " + Location.displayPath(file) + " if no apply is running, then apply again");
        }
    }

    private final Path file;
    private final Clock clock;
    private final Duration lease;
    private final String token = UUID.randomUUID().toString();

    private LeaseLock(Path file, Clock clock, Duration lease) {
        this.file = file;
        this.clock = clock;
        this.lease = lease;
    }

    /** {@code notices}: what the user must hear about, such as taking over a crashed apply's lease. */
    public static LeaseLock acquire(Path stateDir, Clock clock, Duration lease, Consumer<String> notices) {
        LeaseLock lock = new LeaseLock(stateDir.resolve(FILE), clock, lease);
        lock.take(notices);
        return lock;
    }

    private void take(Consumer<String> notices) {
        try {
            Files.createDirectories(file.getParent());
            if (create()) {
                return;
            }
            Lease current = Lease.parse(file, read());
            if (isLocal(current) && !isRunning(current.pid())) {
                notices.accept("taking over the apply lease of process " + current.pid() + " on host " + current.host()
                        + ", which is no longer running");
            } else if (clock.instant().isBefore(current.expires())) {
                throw new ApplyException(
                        Location.displayPath(file),
                        "another apply (process " + current.pid() + " on host " + current.host()
                                + ") holds the lock until " + current.expires(),
                        "wait for it to finish; a crashed " + "apply's lease expires by itself, or delete "
                                + Location.displayPath(file) + " if you are sure none runs");
            } else {
                notices.accept("taking over the apply lease of process " + current.pid() + " on host " + current.host()
                        + ", which expired at " + current.expires());
            }
            write();
            if (!Lease.parse(file, read()).token().equals(token)) {
                throw new ApplyException(
                        Location.displayPath(file),
                        "another apply took over the lock first",
                        "run apply again once it has finished");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the apply lock " + file, e);
        }
    }

    /**
     * Creates the lock file with its whole content in one step, unless it exists: the lease is
     * written to a file of its own and linked into place, so no other apply ever reads a lock
     * file that is still empty. Where the file system has no hard links, it is created and then
     * written.
     */
    private boolean create() throws IOException {
        Path draft = Files.createTempFile(file.getParent(), FILE, ".new");
        try {
            Files.write(draft, content());
            Files.createLink(file, draft);
            return true;
        } catch (FileAlreadyExistsException held) {
            return false;
        } catch (UnsupportedOperationException noHardLinks) {
            try {
                Files.write(file, content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException held) {
                return false;
            }
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Bytes that are not UTF-8 make a lease that cannot be parsed, reported as such, not an encoding error. */
    private String read() throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** Only a process on this host can be seen to have stopped; a host that cannot name itself sees none. */
    private static boolean isLocal(Lease current) {
        return LOCAL_HOST.isPresent() && LOCAL_HOST.get().equals(current.host());
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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
        return new Lease(
                        token,
                        ProcessHandle.current().pid(),
                        LOCAL_HOST.orElse("unknown-host"),
                        clock.instant().plus(lease))
                .render()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> localHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName()).filter(name -> !name.isBlank());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            if (Files.isRegularFile(file) && read().startsWith(token)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the apply lock " + file, e);
        }
    }
}
