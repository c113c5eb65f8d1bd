package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.brief.BriefException;
import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.brief.BriefPin;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.connectors.StandardConnectors;
import io.segmentsascode.gemini.FakeGemini;
import io.segmentsascode.gemini.FakeGemini.Reply;
import io.segmentsascode.gemini.GeminiIntentModel;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaign briefs end to end through the production code path: profiles computed on the DuckDB
 * sample, the brief asked of a fake Gemini on 127.0.0.1 through the google-genai client with
 * structured output, checked, pinned in briefs.lock, judged current or stale by the plan, and
 * shown escaped in plan.md, the PR comment and report.html.
 */
class BriefsWithGeminiTest {

    static final String SEGMENT = "seg_rfm_champions";
    static final String BRIEF = """
            {"value_proposition": "Early access to the premium range for our best customers.",
             "channels": [{"channel": "paid_search", "budget_percent": 60}, {"channel": "email", "budget_percent": 40}],
             "message_angles": ["You shaped our range", "First look at new arrivals", "Members-only bundles"],
             "offer_strategy": "No discounts; early access and bundles instead.",
             "primary_kpi": {"name": "Repeat purchase rate", "benchmark": "25-35 % within 60 days"}}""";

    @TempDir
    Path project;

    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void writeProject() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        writeSegment("Bought recently, often and for a lot over the last year.");
        Files.writeString(Files.createDirectories(project.resolve("campaigns")).resolve("cmp_champions.yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: cmp_champions
                description: Champions on paid search.
                owner: search@example.com
                segments: [seg_rfm_champions]
                google_ads: {customer_id: "123-456-7890", membership_days: 90}
                stage: experimental
                """);
    }

    private void writeSegment(String description) throws Exception {
        Files.writeString(project.resolve("segments/" + SEGMENT + ".yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_rfm_champions
                description: %s
                owner: growth@example.com
                stage: experimental
                refresh: daily
                rfm:
                  select: [champions]
                """.formatted(description));
    }

    /** The standard connectors in an environment without model credentials. */
    private SegmentsJob jobWithoutCredentials() {
        var settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "2000"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Console out = Console.recording(console);
        return new SegmentsJob(settings, out, new StandardConnectors().create(out, Map.of()));
    }

    private SegmentsJob job(FakeGemini fake, int sampleUsers) {
        var settings = new SettingsResolver(
                        Map.of(Parameters.SAMPLE_USERS, Integer.toString(sampleUsers)), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Console out = Console.recording(console);
        Connectors real = new StandardConnectors().create(out, Map.of());
        GeminiIntentModel.Options options = GeminiIntentModel.Options.defaults()
                .withBaseUrl(fake.baseUrl())
                .withTimeout(Duration.ofMillis(1500))
                .withMaxAttempts(1)
                .withSleeper(d -> {});
        return new SegmentsJob(
                settings,
                out,
                new Connectors(
                        real.warehouses(),
                        real.audiences(),
                        real.bases(),
                        real.analyzers(),
                        real.translator(),
                        (model, log) -> GeminiIntentModel.fromEnvironment(
                                        Map.of("GEMINI_API_KEY", "test-key"), model, options)
                                .model(),
                        real.tracked()));
    }

    private Path briefsLock() {
        return project.resolve(BriefLock.FILE_NAME);
    }

    private List<Finding> staleBriefs(Plan plan) {
        return plan.findings().stream()
                .filter(f -> f.code().equals("stale-brief"))
                .toList();
    }

    @Test
    void aBriefIsDraftedWithStructuredOutputPinnedAndASecondRunAsksNothing() throws Exception {
        try (FakeGemini fake = FakeGemini.start(Reply.text(BRIEF))) {
            job(fake, 2000).generate();
            BriefPin pin = BriefLock.read(briefsLock()).pin(SEGMENT).orElseThrow();
            assertEquals("model gemini-2.5-flash", pin.provenance());
            assertEquals(
                    List.of(60, 40),
                    pin.brief().channels().stream().map(c -> c.budgetPercent()).toList());
            assertEquals(3, pin.brief().messageAngles().size());
            assertTrue(pin.profile().get(0).startsWith("size: "), pin.profile().toString());

            FakeGemini.Recorded request = fake.requests().get(0);
            var config = request.body().get("generationConfig");
            assertEquals("application/json", config.get("responseMimeType").asString());
            assertEquals(
                    List.of("value_proposition", "channels", "message_angles", "offer_strategy", "primary_kpi"),
                    config.get("responseJsonSchema")
                            .get("required")
                            .valueStream()
                            .map(n -> n.asString())
                            .toList());
            String system = request.body()
                    .get("systemInstruction")
                    .get("parts")
                    .get(0)
                    .get("text")
                    .asString();
            assertTrue(system.startsWith("You are a performance marketing strategist."), system);
            String user = request.body()
                    .get("contents")
                    .get(0)
                    .get("parts")
                    .get(0)
                    .get("text")
                    .asString();
            assertTrue(user.startsWith("Segment: seg_rfm_champions\n"), user);
            for (String line : pin.profile()) {
                assertTrue(user.contains("- " + line + "\n"), "the prompt carries the pinned profile: " + user);
            }

            byte[] first = Files.readAllBytes(briefsLock());
            job(fake, 2000).generate();
            assertEquals(1, fake.requests().size(), "a current brief needs no model call");
            assertTrue(Arrays.equals(first, Files.readAllBytes(briefsLock())));

            Plan plan = job(fake, 2000).plan();
            assertEquals(List.of(), staleBriefs(plan));
            String markdown = Files.readString(project.resolve("target/segments/plan.md"));
            assertTrue(markdown.contains("#### `seg_rfm_champions`: current"), markdown);
            assertTrue(markdown.contains("Early access to the premium range for our best customers\\."), markdown);
            String html = Files.readString(project.resolve("target/segments/report.html"));
            assertTrue(html.contains("<section id=\"briefs\">"), html);
            assertTrue(html.contains("paid_search 60 %"), html);
        }
    }

    @Test
    void aDefinitionChangeStalesTheBriefWithTheDateOfItsData() throws Exception {
        try (FakeGemini fake = FakeGemini.start(Reply.text(BRIEF))) {
            job(fake, 2000).generate();
            String dataDate =
                    BriefLock.read(briefsLock()).pin(SEGMENT).orElseThrow().dataDate();
            writeSegment("Our very best customers, recent, frequent and high spending.");

            List<Finding> stale = staleBriefs(job(fake, 2000).plan());
            assertEquals(1, stale.size(), stale.toString());
            assertTrue(
                    stale.get(0).message().contains("drafted on data of " + dataDate),
                    stale.get(0).message());
            assertTrue(
                    stale.get(0).message().contains("definition changed"),
                    stale.get(0).message());
            assertEquals(1, fake.requests().size(), "the plan never asks the model");

            job(fake, 2000).generate();
            assertEquals(2, fake.requests().size(), "generate drafts the stale brief again");
            assertEquals(List.of(), staleBriefs(job(fake, 2000).plan()));
        }
    }

    @Test
    void aProfileThatCrossesABucketStalesTheBrief() throws Exception {
        try (FakeGemini fake = FakeGemini.start(Reply.text(BRIEF))) {
            job(fake, 2000).generate();
            List<String> drafted =
                    BriefLock.read(briefsLock()).pin(SEGMENT).orElseThrow().profile();

            // three times the users: the champions' size crosses its two-significant-figure bucket
            List<Finding> stale = staleBriefs(job(fake, 6000).plan());
            assertEquals(1, stale.size(), stale.toString());
            assertTrue(
                    stale.get(0).message().contains("its profile moved (" + drafted.get(0)),
                    stale.get(0).message());
        }
    }

    @Test
    void withoutModelCredentialsGenerateStillSucceedsAndWarnsThatNoBriefWasDrafted() {
        jobWithoutCredentials().generate();
        assertFalse(Files.exists(briefsLock()));
        assertTrue(
                console.stream()
                        .anyMatch(l -> l.startsWith("WARN ")
                                && l.contains("no brief drafted for seg_rfm_champions: the model is not available")),
                console.toString());
    }

    @Test
    void aMalformedAnswerIsRefusedAndNothingIsPinned() throws Exception {
        String ninety = BRIEF.replace("\"budget_percent\": 40", "\"budget_percent\": 30");
        try (FakeGemini fake = FakeGemini.start(Reply.text(ninety))) {
            BriefException e =
                    assertThrows(BriefException.class, () -> job(fake, 2000).generate());
            String message = e.diagnostics().get(0).format();
            assertTrue(message.contains("the model's brief for seg_rfm_champions is malformed"), message);
            assertTrue(message.contains("the channels' budget shares sum to 90 %, not 100 %"), message);
            assertFalse(Files.exists(briefsLock()), "nothing is pinned");
        }
        try (FakeGemini fake = FakeGemini.start(Reply.text("Here is your brief: be bold."))) {
            BriefException e =
                    assertThrows(BriefException.class, () -> job(fake, 2000).generate());
            assertTrue(e.diagnostics().get(0).format().contains("the answer is not JSON"), e.getMessage());
        }
    }

    @Test
    void markupInACommittedBriefIsShownAsTextInEveryReport() throws Exception {
        try (FakeGemini fake = FakeGemini.start(Reply.text(BRIEF))) {
            job(fake, 2000).generate();
            String lock = Files.readString(briefsLock(), StandardCharsets.UTF_8)
                    .replace("Early access to the premium range for our best customers.", "<script>alert(1)</script>")
                    .replace("You shaped our range", "[win](javascript:alert(1)) ![x](https://tracker.example/p.gif)")
                    .replace("No discounts; early access and bundles instead.", "<img src=x onerror=alert(1)> | cell");
            Files.writeString(briefsLock(), lock, StandardCharsets.UTF_8);

            job(fake, 2000).plan();
            Path out = project.resolve("target/segments");
            String html = Files.readString(out.resolve("report.html"));
            assertFalse(html.contains("<script>alert"), "no script from a brief");
            assertFalse(html.contains("<img src=x"), "no element from a brief");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
            String markdown = Files.readString(out.resolve("plan.md"));
            assertFalse(markdown.contains("<script>"), markdown);
            assertFalse(markdown.contains("<img"), markdown);
            assertFalse(markdown.contains("](javascript"), markdown);
            assertFalse(markdown.contains("](https"), markdown);
            assertTrue(markdown.contains("&lt;script&gt;alert\\(1\\)&lt;\\/script&gt;"), markdown);
            assertTrue(markdown.contains("\\[win\\]\\(javascript\\:alert\\(1\\)\\)"), markdown);
            String comment = Files.readString(out.resolve("plan-comment.md"));
            assertFalse(comment.contains("script"), comment);
            assertTrue(comment.contains("Campaign briefs: 1 current, 0 stale, 0 missing"), comment);
        }
    }

    @Test
    void aCommittedBriefOfTheWrongShapeFailsThePlan() throws Exception {
        try (FakeGemini fake = FakeGemini.start(Reply.text(BRIEF))) {
            job(fake, 2000).generate();
            Files.writeString(
                    briefsLock(),
                    Files.readString(briefsLock()).replace("\"budget_percent\" : 40", "\"budget_percent\" : 90"));
            BriefException e =
                    assertThrows(BriefException.class, () -> job(fake, 2000).plan());
            assertTrue(e.diagnostics().get(0).format().contains("sum to 150 %, not 100 %"), e.getMessage());
        }
    }
}
