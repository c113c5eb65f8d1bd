package io.segmentsascode.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Habits of every Java file in the repository that a formatter does not enforce. */
class SourceHabitsTest {

    /** A package path followed by a class name, where an import belongs. */
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("(?<![\\w.\"@/])(?:java|javax|io|org|com)(?:\\.[a-z_]\\w*)+\\.[A-Z]\\w*");
    /** Text blocks, strings, characters and comments: what may name a class in full. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'|//[^\\n]*|/\\*[\\s\\S]*?\\*/");

    @Test
    void noClassIsNamedInFullInCode() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher qualified = QUALIFIED_NAME.matcher(code(source));
            while (qualified.find()) {
                if (!clashes(source, qualified.group())) {
                    found.add(repository().relativize(file) + ": " + qualified.group());
                }
            }
        }
        assertEquals(List.of(), found, "import these instead");
    }

    @Test
    void theCheckSeesQualifiedNamesInCodeOnly() {
        assertTrue(QUALIFIED_NAME
                .matcher(code("Set<String> s = new java.util.TreeSet<>();"))
                .find());
        assertTrue(!QUALIFIED_NAME
                .matcher(code("String s = \"java.util.TreeSet\"; // java.util.List"))
                .find());
        assertTrue(!QUALIFIED_NAME
                .matcher(code("/** {@link java.util.List} */ int x;"))
                .find());
    }

    /** Another class of the same simple name is imported: then one of the two must be named in full. */
    private static boolean clashes(String source, String qualifiedName) {
        String simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        Matcher imports =
                Pattern.compile("(?m)^import ([\\w.]+)\\." + simpleName + ";").matcher(source);
        while (imports.find()) {
            if (!qualifiedName.equals(imports.group(1) + "." + simpleName)) {
                return true;
            }
        }
        return false;
    }

    /** The code of a file without its package and import lines, strings and comments blanked. */
    private static String code(String source) {
        String body = source.replaceAll("(?m)^(package|import) .*$", "");
        return NOT_CODE.matcher(body).replaceAll(" ");
    }

    private static Path repository() {
        return Path.of("").toAbsolutePath().getParent();
    }

    private static List<Path> javaFiles() throws IOException {
        Path root = repository();
        try (Stream<Path> files = Files.walk(root)) {
            // sources only: not build output, nor the scratch folder of the benchmarks
            return files.filter(f -> f.getFileName().toString().endsWith(".java"))
                    .filter(f -> {
                        List<String> parts = new ArrayList<>();
                        root.relativize(f).forEach(p -> parts.add(p.toString()));
                        return parts.contains("src")
                                && !parts.contains("target")
                                && !parts.contains(".git")
                                && !(parts.get(0).equals("bench")
                                        && parts.get(1).equals("work"));
                    })
                    .sorted()
                    .toList();
        }
    }
}
