package io.segmentsascode.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseRevisionTest {

    private static final List<Path> PROJECT_PATHS =
            List.of(Path.of("segments"), Path.of("campaigns"), Path.of("segments.lock"));

    /** CRLF and a non-ASCII character: must come back byte for byte, no end-of-line conversion. */
    private static final byte[] A_OLD = "name: a\r\nrule: age > 18\r\nlabel: \u00e9t\u00e9\r\n".getBytes(UTF_8);

    private static final byte[] A_NEW = "name: a\nrule: age > 21\n".getBytes(UTF_8);
    private static final byte[] B = "name: b\n".getBytes(UTF_8);
    private static final byte[] C = "name: c\n".getBytes(UTF_8);
    private static final byte[] E = "name: e\n".getBytes(UTF_8);
    private static final byte[] X = "campaign: x\nsegments: [a, b]\n".getBytes(UTF_8);
    private static final byte[] README = "# not a definition\n".getBytes(UTF_8);
    /** Every byte value, NUL and invalid UTF-8 included. */
    private static final byte[] LOCK_OLD = allBytes();

    private static final byte[] LOCK_NEW = "lock: 2\n".getBytes(UTF_8);

    @TempDir
    Path temp;

    private Path repo;
    private Path into;
    private RevCommit first;
    private RevCommit second;

    @BeforeEach
    void twoCommits() throws Exception {
        repo = temp.resolve("repo");
        into = temp.resolve("base");
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            first = commit(
                    git,
                    repo,
                    "first",
                    files(
                            "segments/a.yaml", A_OLD,
                            "segments/b.yaml", B,
                            "segments/c.yaml", C,
                            "campaigns/x.yaml", X,
                            "segments.lock", LOCK_OLD,
                            "README.md", README),
                    List.of());
            second = commit(
                    git,
                    repo,
                    "second",
                    files(
                            "segments/a.yaml", A_NEW,
                            "segments/d.yaml", C, // c renamed to d
                            "segments/e.yaml", E,
                            "segments.lock", LOCK_NEW),
                    List.of("segments/b.yaml", "segments/c.yaml"));
            git.branchCreate().setName("base").setStartPoint(first).call();
            git.tag()
                    .setName("v1")
                    .setObjectId(first)
                    .setAnnotated(true)
                    .setMessage("first release")
                    .setTagger(person())
                    .setSigned(false)
                    .call();
            RefUpdate remote = git.getRepository().updateRef("refs/remotes/origin/main");
            remote.setNewObjectId(first);
            assertEquals(RefUpdate.Result.NEW, remote.update());
        }
    }

    @Test
    void parentOfHeadHasTheOldDefinitionsOnly() throws IOException {
        BaseRevision.Snapshot snapshot = BaseRevision.checkout(repo, "HEAD~1", PROJECT_PATHS, into);

        assertEquals("HEAD~1", snapshot.ref());
        assertEquals(first.name(), snapshot.commitId());
        assertEquals(into.toAbsolutePath().normalize(), snapshot.root());
        assertOldSet(snapshot);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIRST_ID", "FIRST_ID_ABBREVIATED", "base", "refs/heads/base", "v1", "origin/main"})
    void anyRefNamingTheFirstCommit(String ref) throws IOException {
        String resolved = switch (ref) {
            case "FIRST_ID" -> first.name();
            case "FIRST_ID_ABBREVIATED" -> first.name().substring(0, 10);
            default -> ref;
        };

        BaseRevision.Snapshot snapshot = BaseRevision.checkout(repo, resolved, PROJECT_PATHS, into);

        assertEquals(resolved, snapshot.ref());
        assertEquals(first.name(), snapshot.commitId());
        assertOldSet(snapshot);
    }

    @Test
    void headHasTheNewDefinitions() throws IOException {
        BaseRevision.Snapshot snapshot = BaseRevision.checkout(repo, "HEAD", PROJECT_PATHS, into);

        assertEquals(second.name(), snapshot.commitId());
        assertEquals(
                List.of("campaigns/x.yaml", "segments.lock", "segments/a.yaml", "segments/d.yaml", "segments/e.yaml"),
                snapshot.files());
        assertEquals(snapshot.files(), filesOnDisk(into));
        assertArrayEquals(A_NEW, Files.readAllBytes(into.resolve("segments/a.yaml")));
        assertArrayEquals(C, Files.readAllBytes(into.resolve("segments/d.yaml")));
        assertArrayEquals(E, Files.readAllBytes(into.resolve("segments/e.yaml")));
        assertArrayEquals(X, Files.readAllBytes(into.resolve("campaigns/x.yaml")));
        assertArrayEquals(LOCK_NEW, Files.readAllBytes(into.resolve("segments.lock")));
    }

    @Test
    void projectInASubFolderOfTheRepository() throws Exception {
        Path mono = temp.resolve("mono");
        RevCommit base;
        try (Git git =
                Git.init().setDirectory(mono.toFile()).setInitialBranch("main").call()) {
            base = commit(
                    git,
                    mono,
                    "base",
                    files(
                            "marketing/segments/a.yaml", A_OLD,
                            "marketing/campaigns/x.yaml", X,
                            "marketing/segments.lock", LOCK_OLD,
                            "marketing/pom.xml", README,
                            // same names elsewhere in the repository must not leak in
                            "segments/top.yaml", B,
                            "segments.lock", LOCK_NEW,
                            "marketingx/segments/other.yaml", C),
                    List.of());
            commit(git, mono, "later", files("marketing/segments/a.yaml", A_NEW), List.of());
        }
        Path project = mono.resolve("marketing");

        BaseRevision.Snapshot snapshot = BaseRevision.checkout(project, "HEAD~1", PROJECT_PATHS, into);

        assertEquals(base.name(), snapshot.commitId());
        assertEquals(List.of("campaigns/x.yaml", "segments.lock", "segments/a.yaml"), snapshot.files());
        assertEquals(snapshot.files(), filesOnDisk(into));
        assertArrayEquals(A_OLD, Files.readAllBytes(into.resolve("segments/a.yaml")));
        assertArrayEquals(LOCK_OLD, Files.readAllBytes(into.resolve("segments.lock")));

        // absolute paths inside the project folder
        Path again = temp.resolve("again");
        BaseRevision.Snapshot fromAbsolute = BaseRevision.checkout(
                project, "main~1", List.of(project.resolve("segments"), project.resolve("segments.lock")), again);
        assertEquals(List.of("segments.lock", "segments/a.yaml"), fromAbsolute.files());
    }

    @Test
    void unknownRefListsTheBranches() {
        BaseRevisionException e = assertThrows(
                BaseRevisionException.class, () -> BaseRevision.checkout(repo, "origin/mian", PROJECT_PATHS, into));

        assertEquals(
                "cannot resolve segments.base 'origin/mian'; known branches: base, main, origin/main", e.getMessage());
        assertFalse(Files.exists(into), "nothing is written for an unknown ref");
    }

    @Test
    void historyTooShortIsAnUnknownRef() {
        BaseRevisionException e = assertThrows(
                BaseRevisionException.class, () -> BaseRevision.checkout(repo, "HEAD~5", PROJECT_PATHS, into));

        assertEquals("cannot resolve segments.base 'HEAD~5'; known branches: base, main, origin/main", e.getMessage());
    }

    @Test
    void aFolderOutsideAnyRepository() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain/project"));
        assumeTrue(noGitAbove(plain), "the temporary folder itself lies inside a Git repository");

        BaseRevisionException e = assertThrows(
                BaseRevisionException.class, () -> BaseRevision.checkout(plain, "origin/main", PROJECT_PATHS, into));

        assertEquals(
                "segments.base needs a Git repository; "
                        + plain.toAbsolutePath().normalize() + " is not inside one",
                e.getMessage());
    }

    @Test
    void pathsAbsentAtTheBaseGiveNoFilesAndNoError() throws IOException {
        BaseRevision.Snapshot snapshot = BaseRevision.checkout(
                repo,
                "HEAD~1",
                List.of(Path.of("dashboards"), Path.of("segments/e.yaml"), Path.of("other.lock")),
                into);

        assertEquals(first.name(), snapshot.commitId());
        assertEquals(List.of(), snapshot.files());
        assertTrue(Files.isDirectory(into));
        assertEquals(List.of(), filesOnDisk(into));
    }

    @Test
    void aFolderPathDoesNotMatchASiblingFileWithTheSamePrefix() throws IOException {
        // "segments" must not pull in "segments.lock"; a single file can be asked for on its own
        BaseRevision.Snapshot snapshot =
                BaseRevision.checkout(repo, "HEAD~1", List.of(Path.of("segments"), Path.of("campaigns/x.yaml")), into);

        assertEquals(
                List.of("campaigns/x.yaml", "segments/a.yaml", "segments/b.yaml", "segments/c.yaml"), snapshot.files());
        assertEquals(snapshot.files(), filesOnDisk(into));
    }

    @Test
    void symbolicLinksAreSkipped() throws Exception {
        Path linked = temp.resolve("linked");
        try (Git git = Git.init()
                .setDirectory(linked.toFile())
                .setInitialBranch("main")
                .call()) {
            Files.createDirectories(linked.resolve("segments"));
            Files.write(linked.resolve("segments/real.yaml"), A_OLD);
            try {
                Files.createSymbolicLink(linked.resolve("segments/link.yaml"), Path.of("real.yaml"));
            } catch (UnsupportedOperationException | IOException e) {
                assumeTrue(false, "symbolic links are not available here: " + e);
            }
            commit(git, linked, "with a link", Map.of(), List.of());
        }

        BaseRevision.Snapshot snapshot = BaseRevision.checkout(linked, "HEAD", List.of(Path.of("segments")), into);

        assertEquals(List.of("segments/real.yaml"), snapshot.files());
        assertEquals(snapshot.files(), filesOnDisk(into));
    }

    @Test
    void theTargetFolderMustBeEmpty() throws IOException {
        Files.createDirectories(into);
        Files.writeString(into.resolve("stale.yaml"), "old");

        BaseRevisionException e = assertThrows(
                BaseRevisionException.class, () -> BaseRevision.checkout(repo, "HEAD~1", PROJECT_PATHS, into));

        assertEquals(
                "cannot write segments.base to " + into.toAbsolutePath().normalize() + ": the folder is not empty",
                e.getMessage());
    }

    @Test
    void pathsOutsideTheProjectAreRejected() {
        BaseRevisionException e = assertThrows(
                BaseRevisionException.class,
                () -> BaseRevision.checkout(
                        repo.resolve("segments"), "HEAD~1", List.of(Path.of("../campaigns")), into));

        assertTrue(
                e.getMessage()
                        .startsWith("cannot read '../campaigns' at segments.base: it is outside the project folder"),
                e.getMessage());
    }

    @Test
    void anEmptyRefIsNamedAsSuch() {
        BaseRevisionException e =
                assertThrows(BaseRevisionException.class, () -> BaseRevision.checkout(repo, " ", PROJECT_PATHS, into));

        assertEquals(
                "segments.base is empty; give a branch, tag or commit, e.g. -Dsegments.base=origin/main",
                e.getMessage());
    }

    @Test
    void aLinkedWorktreeCreatedByGit() throws Exception {
        assumeTrue(gitCommandAvailable(), "the git command is not installed; only needed to create the worktree");
        Path worktree = temp.resolve("worktree");
        run(repo, "git", "worktree", "add", "--detach", worktree.toString(), "HEAD");
        assertTrue(Files.isRegularFile(worktree.resolve(".git")), "a linked worktree has a .git file");

        BaseRevision.Snapshot snapshot = BaseRevision.checkout(worktree, "base", PROJECT_PATHS, into);

        assertEquals(first.name(), snapshot.commitId());
        assertOldSet(snapshot);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void assertOldSet(BaseRevision.Snapshot snapshot) throws IOException {
        assertEquals(
                List.of("campaigns/x.yaml", "segments.lock", "segments/a.yaml", "segments/b.yaml", "segments/c.yaml"),
                snapshot.files());
        assertEquals(snapshot.files(), filesOnDisk(into), "exactly the listed files are on disk");
        assertFalse(Files.exists(into.resolve("README.md")));
        assertArrayEquals(A_OLD, Files.readAllBytes(into.resolve("segments/a.yaml")));
        assertArrayEquals(B, Files.readAllBytes(into.resolve("segments/b.yaml")));
        assertArrayEquals(C, Files.readAllBytes(into.resolve("segments/c.yaml")));
        assertArrayEquals(X, Files.readAllBytes(into.resolve("campaigns/x.yaml")));
        assertArrayEquals(LOCK_OLD, Files.readAllBytes(into.resolve("segments.lock")));
    }

    private static List<String> filesOnDisk(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .map(p -> root.relativize(p)
                            .toString()
                            .replace(root.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, byte[]> files(Object... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put((String) pathsAndContents[i], (byte[]) pathsAndContents[i + 1]);
        }
        return files;
    }

    private static RevCommit commit(
            Git git, Path workTree, String message, Map<String, byte[]> write, List<String> delete) throws Exception {
        for (Map.Entry<String, byte[]> file : write.entrySet()) {
            Path path = workTree.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        for (String path : delete) {
            Files.delete(workTree.resolve(path));
        }
        git.add().addFilepattern(".").call();
        if (!delete.isEmpty()) {
            git.add().setUpdate(true).addFilepattern(".").call();
        }
        return git.commit()
                .setMessage(message)
                .setAuthor(person())
                .setCommitter(person())
                .setSign(false)
                .call();
    }

    private static PersonIdent person() {
        return new PersonIdent(
                "Segments Test", "test@segmentsascode.io", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static boolean noGitAbove(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return false;
            }
        }
        return System.getenv("GIT_DIR") == null;
    }

    private static boolean gitCommandAvailable() {
        try {
            return new ProcessBuilder("git", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }
}
