package io.segmentsascode.apply.files;

import io.segmentsascode.apply.LastSync;
import io.segmentsascode.apply.MemberSnapshots;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Member snapshots in the state folder, one append-only log per audience ({@code +key seconds} / {@code -key}
 * lines, seconds since the epoch of the send): each
 * recorded batch is one appended, fsynced write, so recording stays cheap for large audiences and a crash loses at
 * most the batch being written. {@link #read} replays the log and compacts it when it has grown to more than twice
 * the snapshot. Holds hashed identifiers only. Beside each log, {@code <audience>.last-sync} holds what the last sync
 * sent and each request's outcome (ids, counts, statuses, match-rate ranges: no identifiers).
 */
public final class SnapshotFiles implements MemberSnapshots {

    public static final String FOLDER = "member-snapshots";

    private static final String KEY = "(?:[0-9a-f]{64})?,(?:[0-9a-f]{64})?";
    private static final Pattern ENTRY = Pattern.compile("\\+(" + KEY + ") (\\d+)|-(" + KEY + ")");

    private final Path folder;

    public SnapshotFiles(Path folder) {
        this.folder = folder;
    }

    @Override
    public Map<String, Instant> read(String audience) {
        Path log = log(audience);
        if (!Files.exists(log)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            TreeMap<String, Instant> members = new TreeMap<>();
            for (String line : lines) {
                Matcher entry = ENTRY.matcher(line);
                if (!entry.matches()) {
                    continue; // the last line of a write cut short by a crash: that batch counts as not recorded
                }
                if (entry.group(1) != null) {
                    members.put(entry.group(1), Instant.ofEpochSecond(Long.parseLong(entry.group(2))));
                } else {
                    members.remove(entry.group(3));
                }
            }
            if (lines.size() > 2 * members.size() + 16) {
                StringBuilder compacted = new StringBuilder();
                members.forEach((m, at) -> added(compacted, m, at));
                AtomicFiles.write(log, compacted.toString());
            }
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the member snapshot of " + audience + " failed", e);
        }
    }

    @Override
    public void record(String audience, Collection<String> sent, Collection<String> removed, Instant at) {
        StringBuilder lines = new StringBuilder();
        removed.forEach(m -> lines.append('-').append(m).append('\n'));
        sent.forEach(m -> added(lines, m, at));
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(
                    log(audience), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("recording the member snapshot of " + audience + " failed", e);
        }
    }

    @Override
    public void recordSync(String audience, LastSync sync) {
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(lastSyncFile(audience), sync.toText());
        } catch (IOException e) {
            throw new UncheckedIOException("recording the last sync of " + audience + " failed", e);
        }
    }

    @Override
    public Optional<LastSync> lastSync(String audience) {
        Path file = lastSyncFile(audience);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LastSync.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the last sync of " + audience + " failed", e);
        }
    }

    @Override
    public void forget(String audience) {
        try {
            Files.deleteIfExists(lastSyncFile(audience));
            Files.deleteIfExists(log(audience));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void added(StringBuilder lines, String member, Instant at) {
        lines.append('+').append(member).append(' ').append(at.getEpochSecond()).append('\n');
    }

    private Path lastSyncFile(String audience) {
        return folder.resolve(audience + ".last-sync");
    }

    private Path log(String audience) {
        return folder.resolve(audience + ".log");
    }
}
