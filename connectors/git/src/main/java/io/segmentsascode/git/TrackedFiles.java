package io.segmentsascode.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Which files under a folder Git tracks (its index, what the next commit holds). The state folder
 * must hold none: whatever a pull request can commit there could pose as a local record.
 */
public final class TrackedFiles {

    private TrackedFiles() {}

    /**
     * Paths (relative to the work tree, '/'-separated) of the tracked files under {@code dir}, at
     * most {@code limit} of them; empty when {@code projectDir} is not in a Git work tree.
     */
    public static List<String> under(Path projectDir, Path dir, int limit) {
        FileRepositoryBuilder builder =
                new FileRepositoryBuilder().readEnvironment().findGitDir(projectDir.toFile());
        if (builder.getGitDir() == null) {
            return List.of();
        }
        try (Repository repository = builder.build()) {
            if (repository.isBare()) {
                return List.of();
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            Path target = dir.toAbsolutePath().normalize();
            Path real = target.toFile().exists() ? target.toRealPath() : target;
            if (!real.startsWith(workTree)) {
                return List.of();
            }
            String prefix = workTree.relativize(real).toString().replace('\\', '/');
            String under = prefix.isEmpty() ? "" : prefix + "/";
            DirCache index = repository.readDirCache();
            List<String> tracked = new ArrayList<>();
            for (int i = 0; i < index.getEntryCount() && tracked.size() < limit; i++) {
                String path = index.getEntry(i).getPathString();
                if (path.startsWith(under) || path.equals(prefix)) {
                    tracked.add(path);
                }
            }
            return tracked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Git index of " + projectDir, e);
        }
    }
}
