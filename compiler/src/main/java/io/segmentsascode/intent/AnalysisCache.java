package io.segmentsascode.intent;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.render.OutputColumn;
import io.segmentsascode.resolve.SpecHash;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accepted analyses by (SQL hash, catalog hash, analyzer version), one small file each under
 * {@code .segments/cache/analysis/}: hand-written SQL that did not change is not analysed again.
 */
public final class AnalysisCache {

    private final Path dir;

    public AnalysisCache(Path stateDir) {
        this.dir = stateDir.resolve("cache").resolve("analysis");
    }

    public Optional<Pin.Analysis> get(String sqlHash, String catalogHash, String analyzer) {
        Path file = file(sqlHash, catalogHash, analyzer);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tables = lines.get(0).isEmpty() ? List.of() : List.of(lines.get(0).split(","));
            List<OutputColumn> columns = new ArrayList<>();
            for (String column : lines.subList(1, lines.size())) {
                String[] parts = column.split(" ");
                columns.add(new OutputColumn(parts[0], ColumnType.valueOf(parts[1])));
            }
            return Optional.of(new Pin.Analysis(analyzer, catalogHash, tables, columns));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry only costs a new analysis
        }
    }

    public void put(String sqlHash, String catalogHash, String analyzer, Pin.Analysis analysis) {
        StringBuilder text = new StringBuilder(String.join(",", analysis.tables())).append('\n');
        analysis.columns().forEach(c -> text.append(c.name()).append(' ').append(c.type()).append('\n'));
        try {
            AtomicFiles.write(file(sqlHash, catalogHash, analyzer), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis cache in " + dir, e);
        }
    }

    private Path file(String sqlHash, String catalogHash, String analyzer) {
        return dir.resolve(SpecHash.sha256(sqlHash + "|" + catalogHash + "|" + analyzer) + ".txt");
    }
}
