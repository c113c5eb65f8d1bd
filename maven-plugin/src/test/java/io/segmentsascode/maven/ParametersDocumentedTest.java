package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.segmentsascode.config.Parameters;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every name in {@link Parameters} can really be set, and is documented: it is a parameter of at
 * least one goal, settable in the pom under its name without the {@code segments.} prefix and as a
 * {@code -D} property, and README.md's parameter table has a row for it; and no goal or README row
 * has a {@code segments.} property that {@link Parameters} does not define.
 *
 * <p>The goals are read from the generated {@code META-INF/maven/plugin.xml}, not from the Mojo
 * classes: {@code @Parameter} has CLASS retention, so reflection cannot see it, and the descriptor
 * is what Maven itself reads to configure a goal.
 */
class ParametersDocumentedTest {

    private static final String PREFIX = "segments.";
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern README_ROW = Pattern.compile("^\\| (segments\\.[A-Za-z]+) \\|");
    private static final Pattern PROPERTY_EXPRESSION = Pattern.compile("^\\$\\{(segments\\.[A-Za-z]+)}$");

    /** property → goals whose descriptor lets a user set it, by pom element or {@code -D}. */
    private static Map<String, Set<String>> goalsByProperty;

    private static List<String> misnamed;

    @BeforeAll
    static void readPluginDescriptor() throws Exception {
        goalsByProperty = new TreeMap<>();
        misnamed = new ArrayList<>();
        Document descriptor;
        try (InputStream in = ParametersDocumentedTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertNotNull(in, "plugin.xml is generated at process-classes; run the tests through Maven");
            descriptor =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = childText(mojo, "goal");
            Set<String> editable = editableParameters(mojo);
            Element configuration = child(mojo, "configuration");
            if (configuration == null) {
                continue;
            }
            for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (!(node instanceof Element element)) {
                    continue;
                }
                Matcher property =
                        PROPERTY_EXPRESSION.matcher(element.getTextContent().trim());
                if (!property.matches() || !editable.contains(element.getTagName())) {
                    continue;
                }
                String name = property.group(1);
                goalsByProperty.computeIfAbsent(name, k -> new TreeSet<>()).add(goal);
                // README promises the pom element is the property without its prefix
                if (!element.getTagName().equals(name.substring(PREFIX.length()))) {
                    misnamed.add(goal + ": <" + element.getTagName() + "> reads ${" + name + "}");
                }
            }
        }
        assertFalse(goalsByProperty.isEmpty(), "no goal in plugin.xml reads a segments.* property");
    }

    @Test
    void everyConstantIsAParameterOfAGoal() throws Exception {
        Set<String> missing = new TreeSet<>(constants());
        missing.removeAll(goalsByProperty.keySet());
        assertEquals(Set.of(), missing, "Parameters constants that no goal can be given (add a Mojo field)");
    }

    @Test
    void everyGoalPropertyIsAConstant() throws Exception {
        Set<String> unknown = new TreeSet<>(goalsByProperty.keySet());
        unknown.removeAll(constants());
        assertEquals(Set.of(), unknown, "goal parameters with a segments.* property that Parameters does not define");
    }

    @Test
    void pomElementIsThePropertyWithoutItsPrefix() {
        assertEquals(List.of(), misnamed);
    }

    @Test
    void readmeHasARowForEveryConstantAndNoOther() throws Exception {
        Set<String> rows = new TreeSet<>();
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            Matcher row = README_ROW.matcher(line);
            if (row.find()) {
                rows.add(row.group(1));
            }
        }
        Set<String> undocumented = new TreeSet<>(constants());
        undocumented.removeAll(rows);
        assertEquals(Set.of(), undocumented, "Parameters constants without a row in README.md's parameter table");
        Set<String> stale = new TreeSet<>(rows);
        stale.removeAll(constants());
        assertEquals(Set.of(), stale, "README.md rows for parameters that Parameters does not define");
    }

    @Test
    void allListsEveryConstant() throws Exception {
        // ALL drives the SEGMENTS_* environment variables: a constant left out of it could not be set there
        assertEquals(constants(), new TreeSet<>(Parameters.ALL));
    }

    /** The parameter names: every public String constant except the defaults (one of which, the lock file, also starts with "segments."). */
    private static Set<String> constants() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : Parameters.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && field.getType() == String.class
                    && !field.getName().startsWith("DEFAULT_")) {
                names.add((String) field.get(null));
            }
        }
        assertFalse(names.isEmpty());
        names.forEach(name -> assertEquals(PREFIX, name.substring(0, PREFIX.length()), name));
        return names;
    }

    private static Set<String> editableParameters(Element mojo) {
        Set<String> names = new TreeSet<>();
        Element parameters = child(mojo, "parameters");
        if (parameters == null) {
            return names;
        }
        NodeList all = parameters.getElementsByTagName("parameter");
        for (int i = 0; i < all.getLength(); i++) {
            Element parameter = (Element) all.item(i);
            if ("true".equals(childText(parameter, "editable"))) {
                names.add(childText(parameter, "name"));
            }
        }
        return names;
    }

    private static Element child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String tag) {
        Element element = child(parent, tag);
        return element == null ? null : element.getTextContent().trim();
    }
}
