package io.segmentsascode.validate;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.load.LoadedProject;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YNode;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YSeq;
import io.segmentsascode.load.YamlDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validate stage: JSON Schema first, then what a schema cannot say: ids follow the naming
 * convention ({@code seg_<family>_<name…>}, {@code cmp_<name…>}), the family is declared in
 * warehouse.yaml, the file is named after its id, and no id is used twice.
 */
public final class ProjectValidator {

    public static final Pattern SEGMENT_ID = Pattern.compile("^seg_([a-z][a-z0-9]*)_([a-z0-9]+(?:_[a-z0-9]+)*)$");
    public static final Pattern CAMPAIGN_ID = Pattern.compile("^cmp_[a-z0-9]+(?:_[a-z0-9]+)*$");

    private final SchemaValidator schemas;

    public ProjectValidator(SchemaValidator schemas) {
        this.schemas = schemas;
    }

    public ValidatedProject validate(LoadedProject loaded) {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(loaded.diagnostics());
        Optional<YamlDocument> warehouse = loaded.warehouse().filter(w -> schemaValid(w, diagnostics));
        List<String> families = warehouse.map(ProjectValidator::families).orElse(List.of());

        Set<String> declared = new TreeSet<>(loaded.unreadableIds());
        List<YamlDocument> segments = new ArrayList<>();
        Map<String, Location> seenSegments = new HashMap<>();
        // schema checks are independent per document: run them on every core, report in file order
        List<List<Diagnostic>> segmentFindings =
                loaded.segments().parallelStream().map(schemas::validate).toList();
        for (int i = 0; i < loaded.segments().size(); i++) {
            YamlDocument document = loaded.segments().get(i);
            declared.add(document.fileStem());
            diagnostics.addAll(segmentFindings.get(i));
            if (segmentFindings.get(i).isEmpty()
                    & segmentId(document, families, warehouse.isPresent(), diagnostics)
                    & unique(document, seenSegments, diagnostics)) {
                segments.add(document);
            }
        }
        List<YamlDocument> campaigns = new ArrayList<>();
        Map<String, Location> seenCampaigns = new HashMap<>();
        for (YamlDocument document : loaded.campaigns()) {
            if (schemaValid(document, diagnostics)
                    & campaignId(document, diagnostics)
                    & unique(document, seenCampaigns, diagnostics)) {
                campaigns.add(document);
            }
        }
        boolean loadFailed = loaded.diagnostics().stream().anyMatch(Diagnostic::isError);
        return new ValidatedProject(
                warehouse.orElse(null), segments, campaigns, declared, loadFailed, diagnostics.sorted());
    }

    private boolean schemaValid(YamlDocument document, Diagnostics diagnostics) {
        List<Diagnostic> found = schemas.validate(document);
        diagnostics.addAll(found);
        return found.isEmpty();
    }

    private static boolean segmentId(
            YamlDocument document, List<String> families, boolean familiesKnown, Diagnostics diagnostics) {
        Optional<YScalar> id = idOf(document);
        if (id.isEmpty()) {
            return false;
        }
        String value = id.get().text();
        Matcher matcher = SEGMENT_ID.matcher(value);
        if (!matcher.matches()) {
            diagnostics.error(
                    id.get().location(),
                    "segment id '" + value + "' does not follow the naming convention " + "seg_<family>_<name>",
                    "use lower_snake_case such as seg_rfm_champions_search_high");
            return false;
        }
        boolean ok = matchesFileName(document, id.get(), diagnostics);
        if (familiesKnown && !families.contains(matcher.group(1))) {
            diagnostics.error(
                    id.get().locationOf(4),
                    "segment family '" + matcher.group(1) + "' is not declared",
                    Suggestions.closest(matcher.group(1), families)
                                    .map(s -> "did you mean '" + s + "'? ")
                                    .orElse("")
                            + "declared families (conventions.segment_families in warehouse.yaml): "
                            + String.join(", ", families));
            ok = false;
        }
        return ok;
    }

    private static boolean campaignId(YamlDocument document, Diagnostics diagnostics) {
        Optional<YScalar> id = idOf(document);
        if (id.isEmpty()) {
            return false;
        }
        if (!CAMPAIGN_ID.matcher(id.get().text()).matches()) {
            diagnostics.error(
                    id.get().location(),
                    "campaign id '" + id.get().text() + "' does not follow the naming " + "convention cmp_<name>",
                    "use lower_snake_case such as cmp_search_premium_upsell");
            return false;
        }
        return matchesFileName(document, id.get(), diagnostics);
    }

    private static boolean matchesFileName(YamlDocument document, YScalar id, Diagnostics diagnostics) {
        if (!id.text().equals(document.fileStem())) {
            diagnostics.error(
                    id.location(),
                    "id '" + id.text() + "' differs from the file name '"
                            + document.path().getFileName() + "'",
                    "rename the file to " + id.text() + ".yaml or change the id");
            return false;
        }
        return true;
    }

    private static boolean unique(YamlDocument document, Map<String, Location> seen, Diagnostics diagnostics) {
        Optional<YScalar> id = idOf(document);
        if (id.isEmpty()) {
            return false;
        }
        Location first = seen.putIfAbsent(id.get().text(), id.get().location());
        if (first != null) {
            diagnostics.error(
                    id.get().location(),
                    "id '" + id.get().text() + "' is already used by " + first.file(),
                    "give each definition its own id and file");
            return false;
        }
        return true;
    }

    private static Optional<YScalar> idOf(YamlDocument document) {
        return ((YMap) document.root())
                .get("id")
                .filter(YScalar.class::isInstance)
                .map(YScalar.class::cast);
    }

    private static List<String> families(YamlDocument warehouse) {
        YMap root = (YMap) warehouse.root();
        Optional<YNode> list = root.get("conventions").flatMap(c -> ((YMap) c).get("segment_families"));
        List<String> families = new ArrayList<>();
        list.ifPresent(l -> ((YSeq) l).items().forEach(i -> families.add(((YScalar) i).text())));
        return families;
    }
}
