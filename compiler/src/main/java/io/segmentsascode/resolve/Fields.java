package io.segmentsascode.resolve;

import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Typed reads of a mapping whose shape the JSON Schema has already checked. */
final class Fields {

    private Fields() {}

    static Optional<YMap> optMap(YMap map, String key) {
        return map.get(key).map(YMap.class::cast);
    }

    static Optional<YScalar> scalar(YMap map, String key) {
        return map.get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast);
    }

    static String text(YMap map, String key) {
        return scalar(map, key).orElseThrow().text();
    }

    static Optional<String> optText(YMap map, String key) {
        return scalar(map, key).map(YScalar::text);
    }

    static Optional<Integer> optInt(YMap map, String key) {
        return scalar(map, key)
                .filter(s -> s.type() == YScalar.ScalarType.INTEGER)
                .map(s -> Integer.parseInt(s.text()));
    }

    static Optional<Double> optDouble(YMap map, String key) {
        return scalar(map, key).map(s -> Double.parseDouble(s.text()));
    }

    static boolean flag(YMap map, String key) {
        return scalar(map, key)
                .map(s -> Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    static List<YScalar> scalars(YMap map, String key) {
        List<YScalar> values = new ArrayList<>();
        map.get(key).ifPresent(n -> ((YSeq) n).items().forEach(i -> values.add((YScalar) i)));
        return values;
    }
}
