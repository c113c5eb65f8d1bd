package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.googlesql.TextPositions.Position;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextPositionsTest {

    @Test
    void byteOffsetsOfMultiByteCharacters() {
        String text = "SELECT 'é😀', x\nFROM t";
        TextPositions positions = new TextPositions(text);
        int x = text.substring(0, text.indexOf(", x") + 2).getBytes(StandardCharsets.UTF_8).length;

        assertEquals(new Position(1, 14), positions.ofByteOffset(x), "é and the emoji count one each");
        assertEquals(new Position(2, 1), positions.ofByteOffset(text.getBytes(StandardCharsets.UTF_8).length - 6));
        assertEquals(
                new Position(2, 7),
                positions.ofByteOffset(text.getBytes(StandardCharsets.UTF_8).length),
                "end of text");
    }

    @Test
    void lineEndings() {
        TextPositions positions = new TextPositions("a\r\nb\rc\nd");
        assertEquals(new Position(2, 1), positions.ofCharIndex(3));
        assertEquals(new Position(3, 1), positions.ofCharIndex(5));
        assertEquals(new Position(4, 1), positions.ofCharIndex(7));
    }

    @Test
    void expandedTabColumnsBecomeCharacterColumns() {
        TextPositions positions = new TextPositions("x\n\t\tab\tc");
        assertEquals(new Position(2, 1), positions.fromExpandedColumn(2, 1));
        assertEquals(new Position(2, 3), positions.fromExpandedColumn(2, 17), "two tabs reach column 17");
        assertEquals(new Position(2, 4), positions.fromExpandedColumn(2, 18));
        assertEquals(new Position(2, 6), positions.fromExpandedColumn(2, 25), "a tab after 'ab' goes to 25");
        assertEquals(new Position(2, 8), positions.fromExpandedColumn(2, 27), "past the end of the line");
    }

    @Test
    void charColumnsWithSurrogatePairs() {
        TextPositions positions = new TextPositions("'😀' x");
        assertEquals(new Position(1, 5), positions.fromCharColumn(1, 6), "the emoji is two chars, one code point");
    }
}
