package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.review.BriefChange;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review against a Git base revision ({@code segments.base}, read by JGit from a real repository) checks out
 * the base's {@code briefs.lock} beside its {@code segments.lock}, and the plan lists the pinned briefs a pull
 * request changed.
 */
class ReviewBriefsAgainstBaseTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String OFFER = "Time-limited 10 % comeback voucher";

    @TempDir
    Path project;

    @BeforeEach
    void commitTheBundledProject() throws Exception {
        copy(REPO.resolve("segments"), project.resolve("segments"));
        copy(REPO.resolve("campaigns"), project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
        Files.copy(REPO.resolve(BriefLock.FILE_NAME), project.resolve(BriefLock.FILE_NAME));
        try (Git git = Git.init()
                .setDirectory(project.toFile())
                .setInitialBranch("main")
                .call()) {
            git.add()
                    .addFilepattern("segments")
                    .addFilepattern("campaigns")
                    .addFilepattern("segments.lock")
                    .addFilepattern(BriefLock.FILE_NAME)
                    .call();
            git.commit()
                    .setMessage("base")
                    .setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com")
                    .call();
        }
    }

    @Test
    void aBriefEditedInThePullRequestIsListedInThePlanAgainstTheBase() throws IOException {
        Path briefs = project.resolve(BriefLock.FILE_NAME);
        String text = Files.readString(briefs);
        assertTrue(text.contains(OFFER));
        Files.writeString(briefs, text.replace(OFFER, "Time-limited 15 % comeback voucher"));

        Plan plan = plan();

        assertEquals(
                List.of(new BriefChange("seg_rfm_at_risk", "changed", List.of("brief text"))),
                plan.base().briefChanges());
        String markdown = Files.readString(project.resolve("target/segments/plan.md"));
        assertTrue(
                markdown.contains(
                        "### Campaign briefs changed (briefs.lock)\n\n- seg_rfm_at_risk changed: brief text\n"),
                markdown);
        assertTrue(Files.readString(project.resolve("target/segments/report.html"))
                .contains("<code>seg_rfm_at_risk</code> changed: brief text"));
    }

    @Test
    void unchangedBriefsAddNothingToTheReview() throws IOException {
        Plan plan = plan();

        assertEquals(List.of(), plan.base().briefChanges());
        assertFalse(Files.readString(project.resolve("target/segments/plan.md")).contains("Campaign briefs changed"));
    }

    private Plan plan() {
        var settings = new SettingsResolver(
                        Map.of(Parameters.SAMPLE_USERS, "2000", Parameters.BASE, "main"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()))
                .plan();
    }
}
