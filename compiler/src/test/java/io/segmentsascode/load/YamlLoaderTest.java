package io.segmentsascode.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlLoaderTest {

    static final String SEGMENT = "# yaml-language-server: $schema=../schemas/segment-v1.json\n";
    static final Path FILE = Path.of("/nowhere/segments/seg_rfm_x.yaml");

    private final YamlLoader loader = new YamlLoader();
    private final Diagnostics diagnostics = new Diagnostics();

    private YMap parse(String body) {
        Optional<YamlDocument> document = loader.parse(FILE, SEGMENT + body, DocumentKind.SEGMENT, diagnostics);
        assertEquals(List.of(), formatted(), "no findings expected");
        assertTrue(document.isPresent());
        assertEquals(DocumentKind.SEGMENT, document.get().kind());
        assertEquals(1, document.get().schemaVersion());
        return (YMap) document.get().root();
    }

    private List<String> parseFails(String text) {
        Optional<YamlDocument> document = loader.parse(FILE, text, DocumentKind.SEGMENT, diagnostics);
        assertTrue(document.isEmpty(), "the document must be refused");
        assertTrue(diagnostics.hasErrors());
        return formatted();
    }

    private List<String> formatted() {
        return diagnostics.sorted().stream()
                .map(Diagnostic::format)
                .map(s -> s.replace("/nowhere/", ""))
                .toList();
    }

    private static YScalar scalar(YMap map, String key) {
        return assertInstanceOf(YScalar.class, map.get(key).orElseThrow(), key);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "yes          | STRING  | yes",
                "no           | STRING  | no",
                "on           | STRING  | on",
                "off          | STRING  | off",
                "y            | STRING  | y",
                "true         | BOOLEAN | true",
                "False        | BOOLEAN | False",
                "1.0          | FLOAT   | 1.0",
                "0.08         | FLOAT   | 0.08",
                ".inf         | FLOAT   | .inf",
                "30           | INTEGER | 30",
                "-4           | INTEGER | -4",
                "~            | NULL    | ~",
                "null         | NULL    | null",
                "'30'         | STRING  | 30",
                "\"true\"     | STRING  | true",
                "2026-10-31   | STRING  | 2026-10-31",
                "123-456-7890 | STRING  | 123-456-7890",
                "1_000        | STRING  | 1_000",
                "012          | INTEGER | 012",
            })
    void scalarsAreTypedByTheYaml12CoreSchema(String written, YScalar.ScalarType type, String text) {
        YScalar value = scalar(parse("value: " + written + "\n"), "value");
        assertEquals(type, value.type(), written);
        assertEquals(text, value.text(), written);
    }

    @Test
    void emptyValueIsNull() {
        YMap root = parse("value:\nother: 1\n");
        assertEquals(YScalar.ScalarType.NULL, scalar(root, "value").type());
    }

    @Test
    void locationsAreOneBasedLinesAndColumnsOfKeysAndValues() {
        YMap root = parse("id: seg_rfm_x\nrfm:\n  select: [champions, loyal]\n  window_days:   90\n");
        YMap.Entry id = root.entry("id").orElseThrow();
        assertEquals(new Location(FILE.toString(), 2, 1), id.keyLocation());
        assertEquals(new Location(FILE.toString(), 2, 5), id.value().location());
        YMap rfm = (YMap) root.get("rfm").orElseThrow();
        assertEquals(new Location(FILE.toString(), 4, 3), rfm.location(), "a block mapping starts at its first key");
        YSeq select = (YSeq) rfm.get("select").orElseThrow();
        assertEquals(new Location(FILE.toString(), 4, 11), select.location());
        assertEquals(new Location(FILE.toString(), 4, 23), select.items().get(1).location());
        assertEquals(
                new Location(FILE.toString(), 5, 18),
                rfm.get("window_days").orElseThrow().location());
    }

    @Test
    void positionInsideAScalarMapsBackToTheFile() {
        YMap root =
                parse("plain: revenue > 0\nquoted: 'revenue > 0'\ndouble: \"revenue > 0\"\nblock: |\n  revenue > 0\n");
        // offset 10 is the '>' of the condition
        assertEquals(new Location(FILE.toString(), 2, 18), scalar(root, "plain").locationOf(10));
        assertEquals(
                new Location(FILE.toString(), 3, 20), scalar(root, "quoted").locationOf(10));
        assertEquals(
                new Location(FILE.toString(), 4, 20), scalar(root, "double").locationOf(10));
        YScalar block = scalar(root, "block");
        assertEquals(block.location(), block.locationOf(10), "block scalars point at the scalar itself");
    }

    @Test
    void keysKeepDocumentOrder() {
        YMap root = parse("zeta: 1\nalpha: 2\nmid: 3\n");
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(root.entries().keySet()));
    }

    @Test
    void byteOrderMarkIsAccepted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("seg_rfm_x.yaml");
        byte[] text = (SEGMENT + "id: seg_rfm_x\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(file, withBom);

        Optional<YamlDocument> document = loader.load(file, DocumentKind.SEGMENT, diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
        YScalar id = scalar((YMap) document.orElseThrow().root(), "id");
        assertEquals("seg_rfm_x", id.text());
        assertEquals(2, id.location().line());
        assertEquals(5, id.location().column(), "the BOM is not a column");
    }

    @Test
    void duplicateKeyNamesTheFirstOccurrence() {
        List<String> lines =
                parseFails(SEGMENT + "id: a\nrfm:\n  select: [x]\n  window_days: 30\n  select: [y]\nid: b\n");
        assertEquals(
                List.of(
                        "segments/seg_rfm_x.yaml:6:3: error: duplicate key 'select' (first defined at 4:3) "
                                + "(remove one of the two 'select' entries)",
                        "segments/seg_rfm_x.yaml:7:1: error: duplicate key 'id' (first defined at 2:1) "
                                + "(remove one of the two 'id' entries)"),
                lines);
    }

    @Test
    void sameKeyInDifferentMappingsIsNoDuplicate() {
        YMap root = parse("rfm:\n  window_days: 30\nrules:\n  window_days: 30\n");
        assertEquals(2, root.entries().size());
    }

    @Test
    void mergeKeyIsRefusedNotMerged() {
        List<String> lines = parseFails(SEGMENT + "base: &base {stage: production}\nfinal:\n  <<: *base\n  id: x\n");
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:4:3: error: merge keys ('<<') are not supported "
                        + "(write the merged keys out)"),
                lines);
    }

    @Test
    void customTagsAreRefusedOnScalarsListsAndMappings() {
        List<String> lines = parseFails(SEGMENT + "a: !!python/object:os.system x\nb: !custom [1]\nc: !!map {k: v}\n"
                + "d: !thing {k: v}\ne: !!str 30\n");
        assertEquals(
                List.of(
                        "segments/seg_rfm_x.yaml:2:4: error: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed "
                                + "(remove the '!' tag)",
                        "segments/seg_rfm_x.yaml:3:4: error: YAML tag '!custom' is not allowed (remove the '!' tag)",
                        "segments/seg_rfm_x.yaml:5:4: error: YAML tag '!thing' is not allowed (remove the '!' tag)"),
                lines);
    }

    @Test
    void standardTagsAreAllowed() {
        YMap root = parse("a: !!str 30\nb: !!int '7'\n");
        assertEquals(YScalar.ScalarType.STRING, scalar(root, "a").type());
        assertEquals("30", scalar(root, "a").text());
        assertEquals(YScalar.ScalarType.INTEGER, scalar(root, "b").type());
    }

    @Test
    void sixteenAliasesOfCollectionsLoadAndTheSeventeenthIsRefusedWhereItIsWritten() {
        StringBuilder text = new StringBuilder(SEGMENT).append("list: &l [a]\n");
        for (int i = 1; i <= YamlLoader.MAX_ALIASES; i++) {
            text.append("k").append(i).append(": *l\n");
        }
        YMap root = parse(text.substring(SEGMENT.length()));
        assertEquals(YamlLoader.MAX_ALIASES + 1, root.entries().size());
        assertEquals(
                "a", ((YScalar) ((YSeq) root.get("k16").orElseThrow()).items().get(0)).text());

        text.append("k17: *l\n");
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:19:6: error: invalid YAML: Number of aliases for non-scalar nodes "
                        + "exceeds the specified max=16 (write the values out instead of using more than 16 aliases)"),
                parseFails(text.toString()));
    }

    @Test
    void aliasesOfScalarsAreNotLimited() {
        StringBuilder text = new StringBuilder("word: &w text\n");
        for (int i = 1; i <= 40; i++) {
            text.append("k").append(i).append(": *w\n");
        }
        assertEquals("text", scalar(parse(text.toString()), "k40").text());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "a: " + "[".repeat(YamlNesting.MAX_DEPTH + 1) + "]".repeat(YamlNesting.MAX_DEPTH + 1) + "\n";
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:2:" + (4 + YamlNesting.MAX_DEPTH)
                        + ": error: nesting deeper than 32 levels (flatten the structure)"),
                parseFails(SEGMENT + deep));
        String atLimit = "a: " + "[".repeat(YamlNesting.MAX_DEPTH) + "]".repeat(YamlNesting.MAX_DEPTH) + "\n";
        Diagnostics fresh = new Diagnostics();
        assertTrue(
                loader.parse(FILE, SEGMENT + atLimit, DocumentKind.SEGMENT, fresh)
                        .isPresent(),
                "exactly the limit loads");
        assertFalse(fresh.hasErrors(), fresh.sorted().toString());
    }

    @Test
    void aliasRepeatingADeepAnchorDeeperStillIsRefused() {
        // each line alone nests 20 levels, within the limit; the alias puts the anchored lists below 20 more
        String anchored = "a: &deep " + "[".repeat(20) + "]".repeat(20) + "\n";
        String reused = "b: " + "[".repeat(20) + "*deep" + "]".repeat(20) + "\n";
        // reached through the alias at level 21, the anchored list's 13th bracket (column 10 + 12) is level 33
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:2:22: error: nesting deeper than 32 levels (flatten the structure)"),
                parseFails(SEGMENT + anchored + reused));
    }

    @Test
    void tabIndentationGetsTheTabHint() {
        List<String> lines = parseFails(SEGMENT + "rfm:\n\tselect: [x]\n");
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("segments/seg_rfm_x.yaml:3:1: error: invalid YAML: "), lines.get(0));
        assertTrue(lines.get(0).endsWith("(indent with spaces, not tabs)"), lines.get(0));
    }

    @Test
    void unclosedQuoteIsReportedWhereTheQuoteOpens() {
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:3:14: error: invalid YAML: while scanning a quoted scalar, found "
                        + "unexpected end of stream (check indentation, quoting and ':' after each key)"),
                parseFails(SEGMENT + "id: x\ndescription: 'never closed\nowner: a@b.co\n"));
    }

    @Test
    void schemaLineIsRequiredAndChecked() {
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:1:1: error: first line must name the schema the file is written for "
                        + "(make the first line '# yaml-language-server: $schema=../schemas/segment-v1.json')"),
                parseFails("id: x\n"));
    }

    @Test
    void schemaReferenceMustNameAKindAndVersion() {
        assertEquals(
                List.of("segments/seg_rfm_x.yaml:1:25: error: schema reference 'https://example.com/schema.json' "
                        + "does not name a '<kind>-v<version>.json' schema "
                        + "(make the first line '# yaml-language-server: $schema=../schemas/segment-v1.json')"),
                parseFails("# yaml-language-server: $schema=https://example.com/schema.json\nid: x\n"));
    }

    @Test
    void schemaLineMayPointAnywhereAsLongAsKindAndVersionMatch() {
        Optional<YamlDocument> document = loader.parse(
                FILE,
                "#yaml-language-server:   $schema=https://example.com/schemas/segment-v1.json  \nid: x\n",
                DocumentKind.SEGMENT,
                diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
        assertTrue(document.isPresent());
    }

    @Test
    void plainScalarLookingLikeAnEnvironmentVariableIsText() {
        YMap root = parse("description: ${HOME}\n");
        assertEquals("${HOME}", scalar(root, "description").text());
        assertEquals(YScalar.ScalarType.STRING, scalar(root, "description").type());
    }
}
