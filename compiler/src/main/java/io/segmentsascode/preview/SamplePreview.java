package io.segmentsascode.preview;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The preview stage: every segment run on the sample warehouse, each on its own, so one that
 * fails has its error in the table and the others are still previewed; the stage then fails,
 * naming every failed segment at the key that defines its members.
 */
public final class SamplePreview {

    public static final String REPORT_FILE = "preview.txt";
    private static final int PROGRESS_EVERY = 100;

    private final PreviewEngine engine;
    private final Instant runTime;
    private final boolean runTimeFromData;
    private final Consumer<String> progress;

    public SamplePreview(PreviewEngine engine, Instant runTime, boolean runTimeFromData, Consumer<String> progress) {
        this.engine = engine;
        this.runTime = runTime;
        this.runTimeFromData = runTimeFromData;
        this.progress = progress;
    }

    /**
     * Runs {@code segments}, writes the table (with a line for each segment in {@code
     * unpreviewable}) to {@code outputDir}/preview.txt and hands its lines to {@code out}.
     *
     * @param definedAt where each segment's members are defined, for the error of one that failed
     * @throws PreviewException naming every segment that failed, after the report is written
     */
    public PreviewReport run(
            List<RenderedSegment> segments,
            Map<String, String> unpreviewable,
            Path outputDir,
            Function<String, Location> definedAt,
            Consumer<String> out) {
        List<SegmentPreview> results = new ArrayList<>();
        Map<String, String> failures = new TreeMap<>();
        int done = 0;
        for (RenderedSegment segment : segments) {
            try {
                results.add(engine.run(segment, runTime));
            } catch (SegmentRunException e) {
                failures.put(e.segmentId(), e.reason());
            }
            if (++done % PROGRESS_EVERY == 0) {
                progress.accept("preview: " + done + "/" + segments.size() + " segments");
            }
        }
        PreviewReport report = new PreviewReport(runTime, runTimeFromData, results, failures);
        List<String> lines = new ArrayList<>(PreviewTable.lines(report));
        unpreviewable.forEach((id, why) -> lines.add(id + "  not previewable: " + why));
        lines.forEach(out);
        Path file = outputDir.resolve(REPORT_FILE);
        try {
            AtomicFiles.write(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the preview report " + file, e);
        }
        if (!failures.isEmpty()) {
            throw failedOnSample(failures, results.size(), file, definedAt);
        }
        return report;
    }

    private static PreviewException failedOnSample(
            Map<String, String> failures, int previewed, Path report, Function<String, Location> definedAt) {
        String others = "the other " + previewed + " segments were previewed (" + Location.displayPath(report) + ")";
        List<Diagnostic> diagnostics = new ArrayList<>();
        failures.forEach((id, why) -> diagnostics.add(Diagnostic.error(
                definedAt.apply(id),
                "segment " + id + " failed on the sample warehouse: " + why,
                "fix the segment; " + others)));
        return new PreviewException(diagnostics);
    }
}
