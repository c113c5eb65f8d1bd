package io.segmentsascode.analyze;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
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
 * This machine's own analyses, one small file each under {@code .segments/cache/analysis/}, keyed
 * by (SQL hash, catalog hash, analyzer version): SQL that did not change is not analysed again by
 * local, unlocked builds. The state folder is untracked (goals refuse one that Git tracks), so no
 * pull request can put an entry here; locked builds and remote targets never read it.
 */
public final class AnalysisCache {

    /** Bumped when the entry format changes, so old entries are simply not found. */
    private static final String FORMAT = "v2";

    /** An accepted analysis: the statement's text range, tables read and output columns. */
    public record Entry(SqlAnalysis.TextRange statement, List<String> tables, List<OutputColumn> columns) {
        public Entry {
            tables = List.copyOf(tables);
            columns = List.copyOf(columns);
        }
    }

    private final Path dir;

    public AnalysisCache(Path stateDir) {
        this.dir = stateDir.resolve("cache").resolve("analysis");
    }

    public Optional<Entry> get(String sqlHash, String catalogHash, String analyzer) {
        Path file = file(sqlHash, catalogHash, analyzer);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] range = lines.get(0).split(" ");
            List<String> tables =
                    lines.get(1).isEmpty() ? List.of() : List.of(lines.get(1).split(","));
            List<OutputColumn> columns = new ArrayList<>();
            for (String column : lines.subList(2, lines.size())) {
                String[] parts = column.split(" ");
                columns.add(new OutputColumn(parts[0], ColumnType.valueOf(parts[1])));
            }
            return Optional.of(new Entry(
                    new SqlAnalysis.TextRange(Integer.parseInt(range[0]), Integer.parseInt(range[1])),
                    tables,
                    columns));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry only costs a new analysis
        }
    }

    public void put(String sqlHash, String catalogHash, String analyzer, Entry entry) {
        StringBuilder text = new StringBuilder()
                .append(entry.statement().start())
                .append(' ')
                .append(entry.statement().end())
                .append('\n')
                .append(String.join(",", entry.tables()))
                .append('\n');
        entry.columns()
                .forEach(c -> text.append(c.name()).append(' ').append(c.type()).append('\n'));
        try {
            AtomicFiles.write(file(sqlHash, catalogHash, analyzer), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis cache in " + dir, e);
        }
    }

    private Path file(String sqlHash, String catalogHash, String analyzer) {
        return dir.resolve(Sha256.hex(FORMAT + "|" + sqlHash + "|" + catalogHash + "|" + analyzer) + ".txt");
    }
}
