package io.segmentsascode.apply.files;

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
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Member snapshots in the state folder, one append-only log per audience ({@code +key} / {@code -key} lines): each
 * recorded batch is one appended, fsynced write, so recording stays cheap for large audiences and a crash loses at
 * most the batch being written. {@link #read} replays the log and compacts it when it has grown to more than twice
 * the snapshot. Holds hashed identifiers only.
 */
public final class SnapshotFiles implements MemberSnapshots {

    public static final String FOLDER = "member-snapshots";

    private static final Pattern ENTRY = Pattern.compile("[+-]([0-9a-f]{64})?,([0-9a-f]{64})?");

    private final Path folder;

    public SnapshotFiles(Path folder) {
        this.folder = folder;
    }

    @Override
    public Set<String> read(String audience) {
        Path log = log(audience);
        if (!Files.exists(log)) {
            return Set.of();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            TreeSet<String> members = new TreeSet<>();
            for (String line : lines) {
                if (!ENTRY.matcher(line).matches()) {
                    continue; // the last line of a write cut short by a crash: that batch counts as not recorded
                }
                if (line.startsWith("+")) {
                    members.add(line.substring(1));
                } else if (line.startsWith("-")) {
                    members.remove(line.substring(1));
                }
            }
            if (lines.size() > 2 * members.size() + 16) {
                StringBuilder compacted = new StringBuilder();
                members.forEach(m -> compacted.append('+').append(m).append('\n'));
                AtomicFiles.write(log, compacted.toString());
            }
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the member snapshot of " + audience + " failed", e);
        }
    }

    @Override
    public void record(String audience, Collection<String> added, Collection<String> removed) {
        StringBuilder lines = new StringBuilder();
        removed.forEach(m -> lines.append('-').append(m).append('\n'));
        added.forEach(m -> lines.append('+').append(m).append('\n'));
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
    public void forget(String audience) {
        try {
            Files.deleteIfExists(log(audience));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log(String audience) {
        return folder.resolve(audience + ".log");
    }
}
