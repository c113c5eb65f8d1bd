package io.segmentsascode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.expr.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataTypeParserTest {

    private static final String GA4_EVENT_PARAMS = "ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING,"
            + " int_value INT64, float_value FLOAT64, double_value FLOAT64>>>";

    @Test
    void readsGa4EventParamsAsNestedArrayOfStructs() throws TextSyntaxException {
        DataType type = DataTypeParser.parse(GA4_EVENT_PARAMS);

        DataType.Struct param = (DataType.Struct) ((DataType.Array) type).element();
        assertEquals(
                List.of("key", "value"),
                param.fields().stream().map(DataType.Field::name).toList());
        assertEquals(DataType.of(ColumnType.STRING), param.fields().get(0).type());
        DataType.Struct value = (DataType.Struct) param.fields().get(1).type();
        assertEquals(DataType.of(ColumnType.INT64), value.fields().get(1).type());
        assertEquals(GA4_EVENT_PARAMS, type.toString(), "spelt back exactly as declared");
    }

    @Test
    void scalarsKeepTheirBehaviour() throws TextSyntaxException {
        DataType numeric = DataTypeParser.parse("NUMERIC");

        assertEquals(DataType.of(ColumnType.NUMERIC), numeric);
        assertEquals(ValueType.NUMBER, numeric.valueType());
        assertEquals("NUMERIC", numeric.toString());
    }

    @Test
    void nestedTypesAreNoValueOfAConditionAndNoNumber() throws TextSyntaxException {
        DataType tags = DataTypeParser.parse("ARRAY<INT64>");

        assertEquals(ValueType.NESTED, tags.valueType());
        assertEquals(false, tags.isNumeric());
    }

    @Test
    void keywordsAreCaseInsensitiveAndSpacingIsFree() throws TextSyntaxException {
        assertEquals(
                "ARRAY<STRUCT<Name STRING, n INT64>>",
                DataTypeParser.parse("  array < struct<Name string ,n Int64 > >  ")
                        .toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ARRAY<STRING                   | 12 | expected '>' but found the end of the type",
                "ARRAY<ARRAY<INT64>>            | 6  | BigQuery has no array of arrays",
                "STRUCT<a STRIN>                | 9  | unknown type 'STRIN'",
                "STRUCT<a INT64, A STRING>      | 16 | field 'A' appears twice in the STRUCT",
                "STRUCT<>                       | 7  | expected a field name but found '>'",
                "STRUCT<a INT64 b STRING>       | 15 | expected '>' but found 'b'",
                "ARRAY<STRING> x                | 14 | unexpected 'x' after the type",
                "''                             | 0  | expected a type but found the end of the type",
                "INT                            | 0  | unknown type 'INT'",
            })
    void malformedTypesPointAtTheFirstWrongCharacter(String text, int offset, String message) {
        TextSyntaxException e = assertThrows(TextSyntaxException.class, () -> DataTypeParser.parse(text));

        assertEquals(message, e.getMessage());
        assertEquals(offset, e.offset());
    }
}
