package io.segmentsascode.git;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Writes the segment definitions as they were at a base revision ({@code segments.base}) into a folder, so that
 * {@code segments:plan} can compile the base exactly like the working tree and compare the two.
 *
 * <p>Everything is read with JGit from the object database; the {@code git} command is never run by this class, and
 * neither the working tree, the index nor any ref is changed.
 *
 * <p>What is written:
 * <ul>
 *   <li>only blobs found under the requested paths (a directory and everything below it, or a single file);
 *       a path absent at the base revision contributes nothing and is not an error;</li>
 *   <li>the raw blob bytes, copied as a stream: binary-safe, no end-of-line conversion, no clean/smudge filters
 *       (a Git LFS file is written as its pointer text);</li>
 *   <li>symbolic links are <em>skipped</em> (their target text is not YAML and following them inside a historic tree
 *       is not attempted), and so are submodules (gitlinks); neither appears in {@link Snapshot#files()}.</li>
 * </ul>
 * Only the requested paths are walked ({@link TreeWalk} with a {@link PathFilterGroup}), so the cost depends on the
 * size of the definitions, not of the repository.
 */
public final class BaseRevision {

    /** How many branch names an "unknown revision" message lists before it abbreviates. */
    static final int LISTED_BRANCHES = 30;

    private BaseRevision() {}

    /**
     * The definitions of one base revision, written to disk.
     *
     * @param ref      the revision as the user wrote it, e.g. {@code origin/main}
     * @param commitId the full id of the commit it resolved to
     * @param root     the folder the files were written to (absolute); compile it like the project folder
     * @param files    the files written, relative to {@code root}, with {@code '/'} separators, sorted
     */
    public record Snapshot(String ref, String commitId, Path root, List<String> files) {
        public Snapshot {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(commitId, "commitId");
            Objects.requireNonNull(root, "root");
            files = List.copyOf(files);
        }
    }

    /**
     * Writes the files under {@code paths}, as they are at revision {@code ref}, into {@code into}.
     *
     * @param repositoryDir the project folder (typically Maven's {@code ${project.basedir}}); it must lie inside a Git
     *                      work tree, found by searching upward for {@code .git} as {@code git} does (also honouring
     *                      {@code GIT_CEILING_DIRECTORIES}); it may be a sub-folder of the work tree
     * @param ref           anything {@code git rev-parse} understands for a commit: branch ({@code main}),
     *                      remote-tracking branch ({@code origin/main}), tag, {@code HEAD~1}, full or abbreviated id
     * @param paths         files or folders relative to {@code repositoryDir} (e.g. {@code segments},
     *                      {@code campaigns}, {@code segments.lock}); absolute paths are accepted when they lie inside
     *                      {@code repositoryDir}; paths outside it are rejected
     * @param into          the folder to write to; created when missing, and it must be empty, so that the snapshot
     *                      holds nothing but the base revision. Files keep their path relative to
     *                      {@code repositoryDir}: {@code segments/a.yaml} is written to {@code into/segments/a.yaml}
     * @return what was written
     * @throws BaseRevisionException with a message for the user when the repository, the revision or a path is
     *                               unusable, or reading or writing fails (files written before the failure stay)
     */
    public static Snapshot checkout(Path repositoryDir, String ref, List<Path> paths, Path into) {
        Objects.requireNonNull(repositoryDir, "repositoryDir");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(into, "into");
        if (ref.isBlank()) {
            throw new BaseRevisionException(
                    "segments.base is empty; give a branch, tag or commit, e.g. -Dsegments.base=origin/main");
        }
        Path dir = repositoryDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BaseRevisionException("segments.base needs a Git repository; " + dir
                    + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        try (Repository repository = open(dir)) {
            String prefix = prefix(repository, dir);
            SortedSet<String> wanted = repositoryPaths(dir, prefix, paths);
            ObjectId commit = resolve(repository, ref);
            Path root = prepare(into);
            List<String> files = wanted.isEmpty() ? List.of() : write(repository, ref, commit, prefix, wanted, root);
            return new Snapshot(ref, commit.name(), root, files);
        }
    }

    private static Repository open(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        String ceilings = System.getenv("GIT_CEILING_DIRECTORIES");
        if (ceilings != null) {
            for (String ceiling : ceilings.split(File.pathSeparator)) {
                if (!ceiling.isEmpty()) {
                    builder.addCeilingDirectory(new File(ceiling));
                }
            }
        }
        builder.findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw notInside(dir);
        }
        try {
            return builder.build();
        } catch (RepositoryNotFoundException e) {
            throw notInside(dir);
        } catch (IOException | IllegalArgumentException e) {
            throw new BaseRevisionException(
                    "cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    private static BaseRevisionException notInside(Path dir) {
        return new BaseRevisionException("segments.base needs a Git repository; " + dir + " is not inside one");
    }

    /** Where {@code dir} lies in the work tree: "" at its top, else e.g. "marketing/emea". */
    private static String prefix(Repository repository, Path dir) {
        if (repository.isBare()) {
            // no work tree: the given paths are taken from the top of the tree
            return "";
        }
        try {
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            Path real = dir.toRealPath();
            if (!real.startsWith(workTree)) {
                throw new BaseRevisionException(
                        "segments.base needs a Git work tree; " + dir + " is not inside the work tree " + workTree);
            }
            String prefix = slashed(workTree.relativize(real));
            if (prefix.equals(Constants.DOT_GIT) || prefix.startsWith(Constants.DOT_GIT + "/")) {
                throw new BaseRevisionException(
                        "segments.base needs a Git work tree; " + dir + " is inside the repository's .git folder");
            }
            return prefix;
        } catch (IOException e) {
            throw new BaseRevisionException("cannot locate " + dir + " in the Git work tree: " + e.getMessage(), e);
        }
    }

    /** The requested paths as repository paths ("marketing/segments"); "" stands for the whole tree. */
    private static SortedSet<String> repositoryPaths(Path dir, String prefix, List<Path> paths) {
        SortedSet<String> wanted = new TreeSet<>();
        for (Path path : paths) {
            Objects.requireNonNull(path, "paths contains null");
            Path relative = path;
            if (path.isAbsolute()) {
                Path absolute = path.normalize();
                if (absolute.startsWith(dir)) {
                    relative = dir.relativize(absolute);
                } else {
                    Path realDir = realOrNull(dir);
                    if (realDir == null || !absolute.startsWith(realDir)) {
                        throw outside(path, dir);
                    }
                    relative = realDir.relativize(absolute);
                }
            }
            relative = relative.normalize();
            String local = slashed(relative);
            if (local.equals("..") || local.startsWith("../")) {
                throw outside(path, dir);
            }
            if (local.equals(Constants.DOT_GIT) || local.startsWith(Constants.DOT_GIT + "/")) {
                throw new BaseRevisionException(
                        "cannot read '" + path + "' at segments.base: .git is not part of a revision");
            }
            wanted.add(prefix.isEmpty() ? local : local.isEmpty() ? prefix : prefix + "/" + local);
        }
        return wanted;
    }

    private static BaseRevisionException outside(Path path, Path dir) {
        return new BaseRevisionException(
                "cannot read '" + path + "' at segments.base: it is outside the project folder " + dir
                        + "; only files inside it are read from the base revision");
    }

    private static Path realOrNull(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** Path elements joined with '/', "" for an empty path. */
    private static String slashed(Path path) {
        if (path.toString().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        path.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    private static ObjectId resolve(Repository repository, String ref) {
        ObjectId id;
        try {
            id = repository.resolve(ref + "^{commit}");
        } catch (AmbiguousObjectException e) {
            throw new BaseRevisionException(
                    "segments.base '" + ref
                            + "' is ambiguous: several objects have ids starting with it; give more characters of the commit id");
        } catch (IncorrectObjectTypeException e) {
            throw new BaseRevisionException("segments.base '" + ref + "' does not name a commit");
        } catch (RevisionSyntaxException | MissingObjectException e) {
            id = null;
        } catch (IOException e) {
            throw new BaseRevisionException("cannot resolve segments.base '" + ref + "': " + e.getMessage(), e);
        }
        if (id == null) {
            throw new BaseRevisionException(unknown(repository, ref));
        }
        return id;
    }

    private static String unknown(Repository repository, String ref) {
        StringBuilder message =
                new StringBuilder("cannot resolve segments.base '").append(ref).append("'; ");
        SortedSet<String> branches = new TreeSet<>();
        boolean remotes = false;
        try {
            for (Ref branch : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_REMOTES)) {
                if (!branch.isSymbolic()) {
                    branches.add(Repository.shortenRefName(branch.getName()));
                    remotes |= branch.getName().startsWith(Constants.R_REMOTES);
                }
            }
        } catch (IOException e) {
            return message.append("the branches cannot be listed: ")
                    .append(e.getMessage())
                    .toString();
        }
        if (branches.isEmpty()) {
            message.append("the repository has no branches yet");
        } else {
            message.append("known branches: ");
            List<String> listed = branches.stream().limit(LISTED_BRANCHES).toList();
            message.append(String.join(", ", listed));
            if (branches.size() > listed.size()) {
                message.append(", … (").append(branches.size() - listed.size()).append(" more)");
            }
        }
        if (isShallow(repository)) {
            message.append(" (this is a shallow clone: the base may not have been fetched; fetch it, e.g. "
                    + "'git fetch origin main', or clone with full history, e.g. fetch-depth: 0 on GitHub Actions)");
        } else if (!remotes && ref.contains("/")) {
            message.append(" (no remote branch has been fetched into this clone)");
        }
        return message.toString();
    }

    private static boolean isShallow(Repository repository) {
        File common =
                repository.getCommonDirectory() != null ? repository.getCommonDirectory() : repository.getDirectory();
        return common != null && new File(common, Constants.SHALLOW).isFile();
    }

    private static Path prepare(Path into) {
        Path root = into.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        throw new BaseRevisionException(
                                "cannot write segments.base to " + root + ": the folder is not empty");
                    }
                }
            } else if (Files.exists(root)) {
                throw new BaseRevisionException("cannot write segments.base to " + root + ": it is not a folder");
            }
            Files.createDirectories(root);
            return root;
        } catch (IOException e) {
            throw new BaseRevisionException("cannot write segments.base to " + root + ": " + e, e);
        }
    }

    private static List<String> write(
            Repository repository, String ref, ObjectId commitId, String prefix, SortedSet<String> wanted, Path root) {
        List<String> files = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk revWalk = new RevWalk(reader);
                TreeWalk treeWalk = new TreeWalk(repository, reader)) {
            RevCommit commit = revWalk.parseCommit(commitId);
            treeWalk.addTree(commit.getTree());
            treeWalk.setRecursive(true);
            if (!wanted.contains("")) {
                treeWalk.setFilter(PathFilterGroup.createFromStrings(wanted));
            }
            int skip = prefix.isEmpty() ? 0 : prefix.length() + 1;
            while (treeWalk.next()) {
                int type = treeWalk.getRawMode(0) & FileMode.TYPE_MASK;
                if (type != FileMode.TYPE_FILE) {
                    continue; // symbolic links and submodules are skipped, see the class comment
                }
                String path = treeWalk.getPathString();
                if (skip > 0 && !path.startsWith(prefix + "/")) {
                    continue; // cannot happen: every filter path starts with the prefix
                }
                String local = path.substring(skip);
                Path target = root.resolve(local).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new BaseRevisionException("segments.base '" + ref + "' (" + commitId.name()
                            + ") has an entry that would be written outside " + root + ": " + path);
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out =
                        Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    reader.open(treeWalk.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
                } catch (FileAlreadyExistsException e) {
                    throw new BaseRevisionException(
                            "segments.base '" + ref + "' (" + commitId.name() + ") has two files at " + target
                                    + " (names differing only in case on a case-insensitive file system?)",
                            e);
                }
                files.add(local);
            }
        } catch (MissingObjectException e) {
            throw new BaseRevisionException(
                    "cannot read segments.base '" + ref + "' (" + commitId.name()
                            + "): object " + e.getObjectId().name() + " is missing from the repository"
                            + (isShallow(repository) ? " (shallow clone)" : " (partial clone?)"),
                    e);
        } catch (IOException e) {
            throw new BaseRevisionException(
                    "cannot read segments.base '" + ref + "' (" + commitId.name() + "): " + e, e);
        }
        files.sort(null);
        return List.copyOf(files);
    }
}
