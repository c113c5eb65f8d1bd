package io.segmentsascode.resolve;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YNode;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YSeq;

/**
 * SHA-256 of a definition's canonical form: its content without comments, formatting or
 * positions, keys in document order (label order is meaningful). Equal hashes mean equal specs.
 */
public final class SpecHash {

    private SpecHash() {}

    public static String of(YNode node) {
        StringBuilder canonical = new StringBuilder();
        write(node, canonical);
        return Sha256.hex(canonical.toString());
    }

    private static void write(YNode node, StringBuilder out) {
        if (node instanceof YMap map) {
            out.append('{');
            map.entries().values().forEach(e -> {
                quote(e.key(), out);
                out.append(':');
                write(e.value(), out);
                out.append(',');
            });
            out.append('}');
        } else if (node instanceof YSeq seq) {
            out.append('[');
            seq.items().forEach(i -> {
                write(i, out);
                out.append(',');
            });
            out.append(']');
        } else {
            YScalar scalar = (YScalar) node;
            out.append(scalar.type().name().charAt(0));
            quote(scalar.text(), out);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
}
