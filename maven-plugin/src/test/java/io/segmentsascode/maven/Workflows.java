package io.segmentsascode.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The repository's GitHub workflow files, read as the runner reads them (YAML 1.2: {@code on} is a key, not a boolean). */
final class Workflows {

    static final Path DIR = Paths.get(System.getProperty("repo.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve(".github/workflows");

    /** One workflow file: its name, raw text and parsed content. */
    record Workflow(String file, String text, Map<String, Object> content) {

        Map<String, Map<String, Object>> jobs() {
            return mapOf(content.get("jobs"));
        }
    }

    /** One {@code run:} step with the environment its job and step give it. */
    record RunStep(String workflow, String job, String id, String name, String script, Map<String, String> env) {}

    private Workflows() {}

    static List<Workflow> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Workflow> workflows = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Object content = new Load(LoadSettings.builder().build()).loadFromString(text);
                workflows.add(new Workflow(file.getFileName().toString(), text, mapOf(content)));
            }
            return workflows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workflow named(String file) {
        return all().stream()
                .filter(w -> w.file().equals(file))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workflow " + file));
    }

    /** Every step of every job, in order. */
    static List<Map<String, Object>> steps(Workflow workflow) {
        List<Map<String, Object>> steps = new ArrayList<>();
        workflow.jobs().values().forEach(job -> steps.addAll(stepsOf(job)));
        return steps;
    }

    /** The {@code run:} steps of one job in order, each with the workflow's, the job's and its own {@code env:}. */
    static List<RunStep> runSteps(Workflow workflow, String job) {
        Map<String, Object> definition = workflow.jobs().get(job);
        List<RunStep> runs = new ArrayList<>();
        for (Map<String, Object> step : stepsOf(definition)) {
            if (step.containsKey("run")) {
                Map<String, String> env = new LinkedHashMap<>();
                env.putAll(envOf(workflow.content()));
                env.putAll(envOf(definition));
                env.putAll(envOf(step));
                runs.add(new RunStep(
                        workflow.file(),
                        job,
                        (String) step.get("id"),
                        String.valueOf(step.get("name")),
                        (String) step.get("run"),
                        env));
            }
        }
        return runs;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> stepsOf(Map<String, Object> job) {
        Object steps = job.get("steps");
        return steps == null ? List.of() : (List<Map<String, Object>>) steps;
    }

    private static Map<String, String> envOf(Map<String, Object> node) {
        Map<String, String> env = new LinkedHashMap<>();
        mapOf(node.get("env")).forEach((name, value) -> env.put(name, String.valueOf(value)));
        return env;
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> mapOf(Object node) {
        return node == null ? Map.of() : (Map<String, V>) node;
    }
}
