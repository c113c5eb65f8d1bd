package io.segmentsascode.googlesql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Positions within one SQL text, in the convention of {@link io.segmentsascode.analyze.SqlAnalysis}:
 * 1-based lines and 1-based columns counted in Unicode code points, a tab counting as one.
 * Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (as in GoogleSQL's parser).
 *
 * <p>GoogleSQL's parse tree gives UTF-8 byte offsets, and its error messages give columns
 * counted in characters with tabs expanded to 8-column stops; both are converted here.
 */
final class TextPositions {

    /** A 1-based line and column. {@code 0:0} means "no position". */
    record Position(int line, int column) {
        static final Position NONE = new Position(0, 0);
    }

    private static final int TAB_WIDTH = 8;

    private final String text;
    /** code point index → line number (1-based). */
    private final int[] lineOfCodePoint;
    /** line number (1-based) → index of its first code point. */
    private final int[] lineStart;
    /** UTF-8 byte offset → code point index (for offsets at the start of a code point). */
    private final int[] codePointAtByte;

    private final int[] codePoints;

    TextPositions(String text) {
        this.text = text;
        this.codePoints = text.codePoints().toArray();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        this.codePointAtByte = new int[bytes + 1];
        this.lineOfCodePoint = new int[codePoints.length + 1];
        int[] starts = new int[codePoints.length + 2];
        int lines = 1;
        starts[1] = 0;
        int byteOffset = 0;
        for (int i = 0; i < codePoints.length; i++) {
            int cp = codePoints[i];
            int width = utf8Width(cp);
            for (int b = 0; b < width; b++) {
                codePointAtByte[byteOffset + b] = i;
            }
            byteOffset += width;
            lineOfCodePoint[i] = lines;
            boolean lineEnd = cp == '\n' || (cp == '\r' && (i + 1 >= codePoints.length || codePoints[i + 1] != '\n'));
            if (lineEnd) {
                lines++;
                starts[lines] = i + 1;
            }
        }
        codePointAtByte[bytes] = codePoints.length;
        lineOfCodePoint[codePoints.length] = lines;
        this.lineStart = Arrays.copyOf(starts, lines + 1);
    }

    String text() {
        return text;
    }

    /** The position of a UTF-8 byte offset, as GoogleSQL's parse locations give them. */
    Position ofByteOffset(int byteOffset) {
        if (byteOffset < 0) {
            return Position.NONE;
        }
        int cp = codePointAtByte[Math.min(byteOffset, codePointAtByte.length - 1)];
        return ofCodePointIndex(cp);
    }

    /** The Java {@code char} index of a UTF-8 byte offset (clamped to the text). */
    int charIndexOfByteOffset(int byteOffset) {
        int cp = codePointAtByte[Math.max(0, Math.min(byteOffset, codePointAtByte.length - 1))];
        return text.offsetByCodePoints(0, cp);
    }

    Position ofCodePointIndex(int index) {
        int i = Math.max(0, Math.min(index, codePoints.length));
        int line = lineOfCodePoint[i];
        return new Position(line, i - lineStart[line] + 1);
    }

    /** The position of a Java {@code char} index into the text. */
    Position ofCharIndex(int charIndex) {
        int clamped = Math.max(0, Math.min(charIndex, text.length()));
        return ofCodePointIndex(text.codePointCount(0, clamped));
    }

    /** A 1-based line and a 1-based column counted in UTF-16 chars, a tab counting as one (Calcite's positions). */
    Position fromCharColumn(int line, int charColumn) {
        if (line < 1 || line >= lineStart.length || charColumn < 1) {
            return new Position(Math.max(line, 0), Math.max(charColumn, 0));
        }
        int lineStartChar = text.offsetByCodePoints(0, lineStart[line]);
        int charIndex = lineStartChar + charColumn - 1;
        if (charIndex > text.length()) {
            return new Position(line, charColumn);
        }
        return new Position(line, text.codePointCount(lineStartChar, charIndex) + 1);
    }

    /**
     * Converts GoogleSQL's error column (characters, tabs expanded to 8-column stops) on a line
     * to a column where a tab counts as one.
     */
    Position fromExpandedColumn(int line, int expandedColumn) {
        if (line < 1 || line >= lineStart.length || expandedColumn < 1) {
            return new Position(Math.max(line, 0), Math.max(expandedColumn, 0));
        }
        int end = line + 1 < lineStart.length ? lineStart[line + 1] : codePoints.length;
        while (end > lineStart[line] && (codePoints[end - 1] == '\n' || codePoints[end - 1] == '\r')) {
            end--;
        }
        int visual = 1;
        for (int i = lineStart[line]; i < end; i++) {
            if (visual >= expandedColumn) {
                return new Position(line, i - lineStart[line] + 1);
            }
            visual = codePoints[i] == '\t' ? visual + TAB_WIDTH - (visual - 1) % TAB_WIDTH : visual + 1;
        }
        // beyond the end of the line (e.g. "unexpected end of statement")
        return new Position(line, end - lineStart[line] + 1 + Math.max(0, expandedColumn - visual));
    }

    private static int utf8Width(int cp) {
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return 1; // an unpaired surrogate: String.getBytes(UTF_8) writes '?'
        }
        return cp < 0x10000 ? 3 : 4;
    }
}
