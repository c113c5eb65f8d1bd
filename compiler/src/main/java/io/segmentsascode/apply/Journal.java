package io.segmentsascode.apply;

import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an apply set out to do and how far it got, rewritten atomically after every change. It
 * exists only while an apply runs: one found at start means the previous apply was interrupted,
 * and the next one reports how far it got before re-planning the rest (changes are idempotent).
 */
public final class Journal {

    public static final String FILE = "journal.txt";

    /** An interrupted apply: its plan fingerprint and the changes it had finished. */
    public record Interrupted(String fingerprint, int planned, List<String> done) {}

    private final Path file;
    private final String fingerprint;
    private final List<String> planned;
    private final List<String> done = new ArrayList<>();

    private Journal(Path file, String fingerprint, List<String> planned) {
        this.file = file;
        this.fingerprint = fingerprint;
        this.planned = List.copyOf(planned);
    }

    public static Optional<Interrupted> findInterrupted(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String fingerprint = lines.isEmpty() ? "" : lines.get(0).replace("plan ", "");
            int planned =
                    (int) lines.stream().filter(l -> l.startsWith("todo ")).count();
            List<String> done = lines.stream()
                    .filter(l -> l.startsWith("done "))
                    .map(l -> l.substring(5))
                    .toList();
            return Optional.of(new Interrupted(fingerprint, planned, done));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the apply journal " + file, e);
        }
    }

    public static Journal start(Path stateDir, String fingerprint, List<String> planned) {
        Journal journal = new Journal(stateDir.resolve(FILE), fingerprint, planned);
        journal.write();
        return journal;
    }

    public void done(String change) {
        done.add(change);
        write();
    }

    /** The apply finished: nothing to resume. */
    public void finish() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the apply journal " + file, e);
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder("plan ").append(fingerprint).append('\n');
        planned.forEach(p -> text.append("todo ").append(p).append('\n'));
        done.forEach(d -> text.append("done ").append(d).append('\n'));
        try {
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the apply journal " + file, e);
        }
    }
}
