package io.segmentsascode.duckdb;

import java.util.Arrays;

/**
 * Picks one of a small fixed set of values with relative weights (e.g. country shares). Built by
 * {@link #add} in a fixed order, never from a hash map, whose iteration order would break the
 * generator's determinism.
 */
final class WeightedChoice<T> {

    private Object[] values = new Object[0];
    private double[] cumulative = new double[0];
    private double total;

    WeightedChoice<T> add(T value, double weight) {
        if (weight > 0) {
            total += weight;
            values = Arrays.copyOf(values, values.length + 1);
            cumulative = Arrays.copyOf(cumulative, cumulative.length + 1);
            values[values.length - 1] = value;
            cumulative[cumulative.length - 1] = total;
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    T pick(RandomDraws draws) {
        double target = draws.uniform() * total;
        for (int i = 0; i < values.length; i++) {
            if (target < cumulative[i]) {
                return (T) values[i];
            }
        }
        return (T) values[values.length - 1];
    }
}
