package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * .github/CODEOWNERS routes the definitions to analysts and the trust boundary (the lock, the
 * warehouse, the build and CI) to engineers. Read as GitHub reads it: the last matching line wins;
 * every path it names exists, so a renamed file cannot silently lose its owners.
 */
class CodeOwnersTest {

    private static final Path REPO =
            Paths.get(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    private static final String ANALYSTS = "@example-org/segment-analysts";
    private static final String ENGINEERS = "@example-org/data-engineering";

    /** One line of CODEOWNERS: an anchored path (a folder when it ends with /) and its owners. */
    private record Rule(String pattern, List<String> owners) {

        boolean matches(String path) {
            String anchored = pattern.substring(1);
            return pattern.endsWith("/") ? path.startsWith(anchored) : path.equals(anchored);
        }
    }

    @Test
    void everyPathItNamesExistsAndEveryOwnerIsATeam() throws IOException {
        List<Rule> rules = rules();
        assertFalse(rules.isEmpty());
        for (Rule rule : rules) {
            assertTrue(rule.pattern().startsWith("/"), "anchored at the repository root: " + rule.pattern());
            Path path = REPO.resolve(rule.pattern().substring(1));
            assertTrue(
                    rule.pattern().endsWith("/") ? Files.isDirectory(path) : Files.isRegularFile(path),
                    rule.pattern() + " exists");
            assertFalse(rule.owners().isEmpty(), rule.pattern());
            rule.owners().forEach(owner -> assertTrue(owner.matches("@[\\w-]+/[\\w-]+"), owner + " is a team"));
        }
        assertEquals(
                new TreeSet<>(List.of(ANALYSTS, ENGINEERS)),
                new TreeSet<>(rules.stream().flatMap(r -> r.owners().stream()).toList()));
    }

    @Test
    void definitionsGoToAnalysts() throws IOException {
        List<Rule> rules = rules();
        for (String folder : List.of("segments", "campaigns")) {
            try (Stream<Path> files = Files.list(REPO.resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                        .filter(f -> !f.getFileName().toString().equals("warehouse.yaml"))
                        .toList()) {
                    String path = folder + "/" + file.getFileName();
                    assertEquals(Optional.of(List.of(ANALYSTS)), owners(rules, path), path);
                }
            }
        }
    }

    @Test
    void theTrustBoundaryGoesToEngineers() throws IOException {
        List<Rule> rules = rules();
        for (String path : List.of(
                "segments.lock",
                "segments/warehouse.yaml",
                "pom.xml",
                ".github/CODEOWNERS",
                ".github/workflows/apply.yml",
                ".github/workflows/plan.yml",
                ".github/workflows/sync.yml")) {
            assertEquals(Optional.of(List.of(ENGINEERS)), owners(rules, path), path);
        }
    }

    @Test
    void itSaysWhyTheLockAndTheWarehouseAreEngineersAndWhatAdoptersReplace() throws IOException {
        String text = Files.readString(REPO.resolve(".github/CODEOWNERS"));
        assertTrue(text.contains("trust boundary"), text);
        assertTrue(text.contains("segments.lock pins the SQL"), text);
        assertTrue(text.contains("warehouse.yaml says which tables exist"), text);
        assertTrue(text.contains("`example-org` is a placeholder"), text);
    }

    /** GitHub's rule: the last matching line decides. */
    private static Optional<List<String>> owners(List<Rule> rules, String path) {
        Optional<List<String>> owners = Optional.empty();
        for (Rule rule : rules) {
            if (rule.matches(path)) {
                owners = Optional.of(rule.owners());
            }
        }
        return owners;
    }

    private static List<Rule> rules() throws IOException {
        List<Rule> rules = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve(".github/CODEOWNERS"))) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            String[] parts = rule.split("\\s+");
            rules.add(new Rule(parts[0], List.of(parts).subList(1, parts.length)));
        }
        return rules;
    }
}
