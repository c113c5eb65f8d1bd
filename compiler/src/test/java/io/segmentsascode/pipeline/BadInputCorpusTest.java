package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.load.YamlLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code src/test/resources/bad-input} must fail with exactly the diagnostics its
 * {@code expected.txt} lists, thrown by the stage named on its first line. Inputs that must not be
 * committed (too large, alias bombs, invalid UTF-8) are generated here at test time.
 *
 * <p>After an intended change to messages, regenerate the expected files with
 * {@code mvn -o test -pl compiler -Dtest=BadInputCorpusTest -Dbadinput.update=true} and review the diff.
 */
class BadInputCorpusTest {

    static final String SEGMENT_SCHEMA = "# yaml-language-server: $schema=../schemas/segment-v1.json\n";

    static Stream<String> cases() {
        return BadInputProjects.caseNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedDiagnostics(String caseName, @TempDir Path dir) throws IOException {
        Path project = BadInputProjects.assemble(caseName, dir);
        BadInputProjects.Outcome outcome = BadInputProjects.check(project);
        if (Boolean.getBoolean("badinput.update")) {
            Path source = Path.of("src", "test", "resources", "bad-input", caseName, BadInputProjects.EXPECTED);
            Files.write(source, (String.join("\n", outcome.asExpectedFile()) + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<String> expected = BadInputProjects.expected(caseName);
        assertEquals(
                String.join("\n", expected),
                String.join("\n", outcome.asExpectedFile()),
                "diagnostics of bad-input/" + caseName);
    }

    @Test
    void corpusIsLargeAndEveryCaseIsComplete() {
        List<String> names = BadInputProjects.caseNames();
        assertTrue(names.size() >= 30, "bad-input holds " + names.size() + " cases");
        for (String name : names) {
            List<String> expected = BadInputProjects.expected(name);
            assertTrue(expected.size() >= 2, name + ": expected.txt needs the exception and at least one diagnostic");
            assertTrue(
                    List.of("LoadException", "ValidationException", "ResolveException")
                            .contains(expected.get(0)),
                    name + ": first line names the stage's exception, found " + expected.get(0));
            for (String line : expected.subList(1, expected.size())) {
                assertTrue(
                        line.matches("^(segments|campaigns)(/[^:]+)?:\\d+:\\d+: error: .+"),
                        name + ": not a located diagnostic: " + line);
            }
        }
    }

    /** The acceptance case: findings of three files (two stages) in a single run, none lost. */
    @Test
    void errorsOfThreeFilesAreReportedInOneRun(@TempDir Path dir) {
        BadInputProjects.Outcome outcome =
                BadInputProjects.check(BadInputProjects.assemble("errors-in-three-files", dir));
        assertEquals(3, outcome.lines().size(), String.join("\n", outcome.lines()));
        assertEquals(
                List.of("campaigns/cmp_x.yaml", "segments/seg_rfm_a.yaml", "segments/seg_rfm_b.yaml"),
                outcome.lines().stream()
                        .map(l -> l.substring(0, l.indexOf(':')))
                        .toList());
        assertEquals(
                List.of(
                        "campaigns/cmp_x.yaml:5:23: error: unknown segment 'seg_rfm_c' (did you mean 'seg_rfm_a'?)",
                        "segments/seg_rfm_a.yaml:8:12: error: select names unknown RFM label 'loyall' (did you mean 'loyal'?)",
                        "segments/seg_rfm_b.yaml:5:8: error: 'stage' has value 'beta', which is not allowed "
                                + "(use one of: experimental, production, retired)"),
                outcome.lines());
    }

    @Test
    void aliasBombIsRefusedAtTheFirstAliasOverTheLimit(@TempDir Path dir) {
        Path project = BadInputProjects.base(dir);
        // billion laughs: every level lists the previous one nine times (9^9 strings once expanded)
        StringBuilder yaml =
                new StringBuilder(SEGMENT_SCHEMA).append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append('a').append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        BadInputProjects.write(project.resolve("segments/seg_rfm_bomb.yaml"), yaml.toString());

        BadInputProjects.Outcome outcome = BadInputProjects.check(project);
        // line 4 is a2: its 8th alias is the 17th of the file (nine on line 3), at column 10 + 7 * 5
        assertEquals(
                new BadInputProjects.Outcome(
                        "LoadException",
                        List.of(
                                "segments/seg_rfm_bomb.yaml:4:45: error: invalid YAML: Number of aliases for non-scalar nodes exceeds "
                                        + "the specified max=16 (write the values out instead of using more than 16 aliases)")),
                outcome);
    }

    /** 10,000 levels overflowed the composer's stack; the file is refused where it passes the limit. */
    @Test
    void segmentNestedTenThousandDeepIsRefusedWhereItPassesTheLimit(@TempDir Path dir) {
        Path project = BadInputProjects.base(dir);
        BadInputProjects.write(
                project.resolve("segments/seg_rfm_deep.yaml"),
                SEGMENT_SCHEMA + "id: seg_rfm_deep\nwhere: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

        BadInputProjects.Outcome outcome = BadInputProjects.check(project);
        // "where: " is 7 characters: the 33rd '[' (level 33) is column 8 + 32
        assertEquals(
                new BadInputProjects.Outcome(
                        "LoadException",
                        List.of(
                                "segments/seg_rfm_deep.yaml:3:40: error: nesting deeper than 32 levels (flatten the structure)")),
                outcome);
    }

    @Test
    void campaignNestedTenThousandDeepIsRefusedWhereItPassesTheLimit(@TempDir Path dir) {
        Path project = BadInputProjects.base(dir);
        BadInputProjects.write(
                project.resolve("campaigns/cmp_deep.yaml"),
                "# yaml-language-server: $schema=../schemas/campaign-v1.json\n" + "id: cmp_deep\naudience: "
                        + "{a: ".repeat(10_000) + "x" + "}".repeat(10_000) + "\n");

        BadInputProjects.Outcome outcome = BadInputProjects.check(project);
        // "audience: " is 10 characters and each "{a: " 4 more: the 32nd mapping opens at column 11 + 31 * 4,
        // and its key 'a', one column on, is level 33
        assertEquals(
                new BadInputProjects.Outcome(
                        "LoadException",
                        List.of(
                                "campaigns/cmp_deep.yaml:3:136: error: nesting deeper than 32 levels (flatten the structure)")),
                outcome);
    }

    @Test
    void fileOverTheSizeLimitIsRefusedBeforeParsing(@TempDir Path dir) {
        Path project = BadInputProjects.base(dir);
        StringBuilder yaml = new StringBuilder(SEGMENT_SCHEMA).append("description: >-\n");
        while (yaml.length() <= YamlLoader.MAX_FILE_BYTES) {
            yaml.append("  padding padding padding padding padding padding padding padding padding padding\n");
        }
        byte[] bytes = yaml.toString().getBytes(StandardCharsets.UTF_8);
        BadInputProjects.write(project.resolve("segments/seg_rfm_huge.yaml"), bytes);

        BadInputProjects.Outcome outcome = BadInputProjects.check(project);
        assertEquals(
                new BadInputProjects.Outcome(
                        "LoadException",
                        List.of(
                                "segments/seg_rfm_huge.yaml:1:1: error: file is " + bytes.length
                                        + " bytes, over the limit of 262144 bytes "
                                        + "(a segment definition is a few hundred bytes; split the file or remove generated content)")),
                outcome);
    }

    @Test
    void invalidUtf8IsLocatedAtTheBadByte(@TempDir Path dir) {
        Path project = BadInputProjects.base(dir);
        byte[] head = (SEGMENT_SCHEMA + "id: seg_rfm_latin\ndescription: Caf").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\nowner: qa@example.com\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a two-byte lead ...
        bytes[head.length + 1] = (byte) 0x28; // ... followed by '(' instead of a continuation byte
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
        BadInputProjects.write(project.resolve("segments/seg_rfm_latin.yaml"), bytes);

        BadInputProjects.Outcome outcome = BadInputProjects.check(project);
        // "description: Caf" is 16 characters, so the bad byte is column 17 of line 3
        assertEquals(
                new BadInputProjects.Outcome(
                        "LoadException",
                        List.of(
                                "segments/seg_rfm_latin.yaml:3:17: error: file is not valid UTF-8: byte 0xC3 cannot start a character "
                                        + "(save the file as UTF-8)")),
                outcome);
    }

    @Test
    void invalidUtf8AfterMultiByteCharactersCountsColumnsInCharacters(@TempDir Path dir) {
        Path project = BadInputProjects.base(dir);
        byte[] head = (SEGMENT_SCHEMA + "description: Zürich ").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xFF;
        BadInputProjects.write(project.resolve("segments/seg_rfm_zurich.yaml"), bytes);

        assertEquals(
                List.of("segments/seg_rfm_zurich.yaml:2:21: error: file is not valid UTF-8: byte 0xFF cannot start "
                        + "a character (save the file as UTF-8)"),
                BadInputProjects.check(project).lines());
    }
}
