package io.segmentsascode.model;

import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.diagnostics.TextSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a BigQuery column type as warehouse.yaml spells it, by recursive descent over
 * <pre>
 *   type  := SCALAR | ARRAY '&lt;' type '&gt;' | STRUCT '&lt;' field (',' field)* '&gt;'
 *   field := name type
 * </pre>
 * Keywords are case-insensitive, as in BigQuery; field names keep their spelling. What BigQuery
 * itself refuses (an array directly inside an array, a struct naming a field twice) is refused here,
 * so a declared type is always one BigQuery can hold.
 */
public final class DataTypeParser {

    private static final String ARRAY = "ARRAY";
    private static final String STRUCT = "STRUCT";

    private final String text;
    private int position;

    private DataTypeParser(String text) {
        this.text = text;
    }

    public static DataType parse(String text) throws TextSyntaxException {
        DataTypeParser parser = new DataTypeParser(text);
        parser.skipSpaces();
        DataType type = parser.type();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw new TextSyntaxException(
                    "unexpected '" + text.substring(parser.position) + "' after the type",
                    parser.position,
                    "remove it, or close the type's '<' where it belongs");
        }
        return type;
    }

    private DataType type() throws TextSyntaxException {
        skipSpaces();
        int start = position;
        String word = word("a type");
        String keyword = word.toUpperCase(Locale.ROOT);
        if (keyword.equals(ARRAY)) {
            expect('<', "ARRAY needs its element type, e.g. ARRAY<STRING>");
            skipSpaces();
            int elementStart = position;
            DataType element = type();
            if (element instanceof DataType.Array) {
                throw new TextSyntaxException(
                        "BigQuery has no array of arrays",
                        elementStart,
                        "wrap the inner array in a struct: ARRAY<STRUCT<values " + element + ">>");
            }
            expect('>', "close ARRAY<…> with '>'");
            return new DataType.Array(element);
        }
        if (keyword.equals(STRUCT)) {
            expect('<', "STRUCT needs its fields, e.g. STRUCT<key STRING, value INT64>");
            List<DataType.Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            do {
                skipSpaces();
                int nameStart = position;
                String name = word("a field name");
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    throw new TextSyntaxException(
                            "field '" + name + "' appears twice in the STRUCT",
                            nameStart,
                            "give each field its own name; BigQuery compares field names case-insensitively");
                }
                fields.add(new DataType.Field(name, type()));
                skipSpaces();
            } while (accept(','));
            expect('>', "separate fields with ',' and close STRUCT<…> with '>'");
            return new DataType.Struct(fields);
        }
        for (ColumnType scalar : ColumnType.values()) {
            if (scalar.name().equals(keyword)) {
                return DataType.of(scalar);
            }
        }
        List<String> known = new ArrayList<>(
                Arrays.stream(ColumnType.values()).map(Enum::name).toList());
        known.add(ARRAY + "<…>");
        known.add(STRUCT + "<…>");
        throw new TextSyntaxException(
                "unknown type '" + word + "'", start, Suggestions.didYouMean(keyword, known, "types"));
    }

    private String word(String what) throws TextSyntaxException {
        skipSpaces();
        int start = position;
        if (position < text.length() && isWordStart(text.charAt(position))) {
            position++;
            while (position < text.length() && isWordPart(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }
        String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end of the type";
        throw new TextSyntaxException(
                "expected " + what + " but found " + found,
                position,
                "write e.g. STRING, ARRAY<STRING> or STRUCT<name STRING, value INT64>");
    }

    private void expect(char expected, String hint) throws TextSyntaxException {
        skipSpaces();
        if (!accept(expected)) {
            String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end of the type";
            throw new TextSyntaxException("expected '" + expected + "' but found " + found, position, hint);
        }
    }

    private boolean accept(char c) {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private static boolean isWordStart(char c) {
        return c == '_' || (c < 128 && Character.isLetter(c));
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9');
    }
}
