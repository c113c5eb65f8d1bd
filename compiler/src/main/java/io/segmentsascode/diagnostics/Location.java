package io.segmentsascode.diagnostics;

import java.nio.file.Path;

/**
 * A place in a user's file, 1-based line and column as editors show them. Paths are kept as the
 * user gave them (relative to the working directory where possible) so messages are clickable.
 */
public record Location(String file, int line, int column) implements Comparable<Location> {

    public static Location of(Path file, int line, int column) {
        return new Location(displayPath(file), line, column);
    }

    public static Location startOf(Path file) {
        return of(file, 1, 1);
    }

    /** Relative to the working directory when the file is below it; forward slashes everywhere. */
    public static String displayPath(Path file) {
        Path shown = file;
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(cwd)) {
            shown = cwd.relativize(absolute);
        }
        return shown.toString().replace('\\', '/');
    }

    @Override
    public int compareTo(Location other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    /** A finding about a setting rather than a file position, e.g. {@code segments.asOf}. */
    public static Location ofSetting(String name) {
        return new Location(name, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
