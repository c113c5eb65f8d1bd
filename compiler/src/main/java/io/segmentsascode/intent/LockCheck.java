package io.segmentsascode.intent;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.SegmentDefinition;
import java.nio.file.Path;

/**
 * Checks every pin without compiling anything else: each intent has a current pin (as a locked
 * compile requires), the lock pins no segment that is gone, and every pinned and hand-written
 * query passes the guardrails on the analysis {@code sources} makes, whatever the lock records.
 */
public final class LockCheck {

    private LockCheck() {}

    /**
     * @param sources analyses every query afresh (the lock's own record is compared, never trusted)
     * @return how many intent pins the lock holds, all current
     * @throws LockFileException with every finding
     */
    public static long check(ResolvedProject project, Path lockFile, SqlSources sources) {
        LockFile lock = LockFile.read(lockFile);
        Diagnostics diagnostics = new Diagnostics();
        lock.pins().keySet().stream()
                .filter(id -> project.segment(id).isEmpty())
                .forEach(id -> diagnostics.error(
                        lock.location(id, lockFile),
                        "segments.lock pins " + id + ", which no longer exists",
                        "run mvn segments:generate to drop it"));
        sources.resolve(project.segments(), lock, lockFile, true, diagnostics);
        if (diagnostics.hasErrors()) {
            throw new LockFileException(diagnostics.sorted());
        }
        return project.segments().stream()
                .filter(s -> s.definition() instanceof SegmentDefinition.Intent)
                .count();
    }
}
