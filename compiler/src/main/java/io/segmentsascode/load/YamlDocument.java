package io.segmentsascode.load;

import java.nio.file.Path;

/**
 * One loaded file: its kind and the schema version its {@code $schema} line names, and the
 * marked node tree. {@code fileStem} is the file name without extension (which must equal the id).
 */
public record YamlDocument(Path path, DocumentKind kind, int schemaVersion, YNode root) {

    public String fileStem() {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
