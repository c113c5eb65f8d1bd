package io.segmentsascode.duckdb;

import java.time.LocalDate;

/**
 * One generated user: who they are (the users row) and how they behave. Activity happens in
 * [activeFrom, activeTo), epoch seconds; {@code sources} and {@code interests} are the user's own
 * preferences for traffic source and product category.
 */
record SyntheticUser(
        int number,
        String id,
        Persona persona,
        LocalDate signupDate,
        String country,
        String deviceType,
        long activeFrom,
        long activeTo,
        WeightedChoice<TrafficSource> sources,
        WeightedChoice<ProductCategory> interests) {}
