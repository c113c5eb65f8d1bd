package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.connectors.StandardConnectors;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.BaseDiffer;
import io.segmentsascode.plan.review.SegmentDiff;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review diff through the real base reader: a repository with two commits, the second adding,
 * changing, removing and renaming segments and changing the lock file.
 */
class BaseReviewTest {

    private static final Path BUNDLED = Path.of("..", "segments");

    @TempDir
    Path repo;

    @Test
    void reportsAddedChangedRemovedRenamedAndLockChanges() throws Exception {
        Path segments = Files.createDirectories(repo.resolve("segments"));
        Files.createDirectories(repo.resolve("campaigns"));
        for (String file : List.of(
                "warehouse.yaml",
                "seg_rfm_champions.yaml",
                "seg_rfm_loyal.yaml",
                "seg_rfm_at_risk.yaml",
                "seg_rfm_at_risk_high_value.yaml")) {
            Files.copy(BUNDLED.resolve(file), segments.resolve(file));
        }
        Files.writeString(repo.resolve("segments.lock"), "version: 1\n");
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            commit(git, "base");
            // change, remove, rename (same definition, new id), add, and touch the lock
            Path loyal = segments.resolve("seg_rfm_loyal.yaml");
            Files.writeString(loyal, Files.readString(loyal).replace("select: [loyal]", "select: [loyal, champions]"));
            Files.delete(segments.resolve("seg_rfm_at_risk.yaml"));
            Path renamed = segments.resolve("seg_rfm_lapsing.yaml");
            Files.writeString(
                    renamed,
                    Files.readString(BUNDLED.resolve("seg_rfm_at_risk_high_value.yaml"))
                            .replace("seg_rfm_at_risk_high_value", "seg_rfm_lapsing"));
            Files.delete(segments.resolve("seg_rfm_at_risk_high_value.yaml"));
            Files.copy(
                    BUNDLED.resolve("seg_rfm_new_high_potential.yaml"),
                    segments.resolve("seg_rfm_new_high_potential.yaml"));
            Files.writeString(repo.resolve("segments.lock"), "version: 1\nchanged: true\n");
        }

        Path base = repo.resolve("target/base");
        String commit = new StandardConnectors()
                .create(null, Map.of())
                .bases()
                .checkout(
                        repo,
                        "main",
                        List.of(Path.of("segments"), Path.of("campaigns"), Path.of("segments.lock")),
                        base);
        Stages compiler = new Stages();
        ResolvedProject head = compiler.check(segments, repo.resolve("campaigns"));
        ResolvedProject before = compiler.check(base.resolve("segments"), base.resolve("campaigns"));
        boolean lockChanged = !Files.readString(repo.resolve("segments.lock"))
                .equals(Files.readString(base.resolve("segments.lock")));

        BaseDiff diff =
                BaseDiffer.diff("main", commit, head, sql(compiler, head), before, sql(compiler, before), lockChanged);

        assertEquals(
                List.of(
                        "seg_rfm_at_risk removed",
                        "seg_rfm_lapsing renamed from seg_rfm_at_risk_high_value",
                        "seg_rfm_loyal changed",
                        "seg_rfm_new_high_potential added"),
                diff.segments().stream().map(BaseReviewTest::describe).toList());
        SegmentDiff changed = diff.segments().get(2);
        assertTrue(
                changed.sqlDiff().startsWith("--- a/seg_rfm_loyal.sql\n+++ b/seg_rfm_loyal.sql\n"), changed.sqlDiff());
        assertTrue(
                changed.sqlDiff()
                        .contains(
                                "-WHERE p.segment_label IN ('loyal')\n+WHERE p.segment_label IN ('loyal', 'champions')\n"),
                changed.sqlDiff());
        assertTrue(
                diff.segments().get(3).sqlDiff().startsWith("--- /dev/null\n+++ b/seg_rfm_new_high_potential.sql\n"));
        assertTrue(diff.lockChanged());
        assertEquals(40, commit.length());
    }

    private static String describe(SegmentDiff diff) {
        return diff.id() + " " + diff.status().label()
                + (diff.renamedFrom() == null ? "" : " from " + diff.renamedFrom());
    }

    private static List<RenderedSegment> sql(Stages compiler, ResolvedProject project) {
        return compiler.render(project, compiler.generate(project), new BigQueryDialect());
    }

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit()
                .setMessage(message)
                .setAuthor("t", "t@example.com")
                .setCommitter("t", "t@example.com")
                .call();
    }
}
