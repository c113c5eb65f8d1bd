package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.GeneratedColumn.date;
import static io.segmentsascode.duckdb.GeneratedColumn.string;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Draws the users: persona, signup, country, device and their source and category preferences. */
final class Population {

    static final List<GeneratedColumn> USER_COLUMNS =
            List.of(string("user_id"), date("signup_date"), string("country"), string("device_type"));

    /** Internal test accounts, which the bundled warehouse's mandatory filter removes. */
    static final String TEST_COUNTRY = "TEST";

    private static final double TEST_SHARE = 0.005;
    private static final double UNKNOWN_COUNTRY_SHARE = 0.004;
    /** Signups reach back further than the activity window: long-standing customers exist. */
    private static final long SIGNUP_HISTORY_DAYS = 3 * 365;

    private static final WeightedChoice<Persona> PERSONAS = personas();
    private static final WeightedChoice<String> COUNTRIES = new WeightedChoice<String>()
            .add("DE", 28)
            .add("US", 18)
            .add("GB", 14)
            .add("FR", 13)
            .add("NL", 7)
            .add("ES", 7)
            .add("IT", 5)
            .add("AT", 3)
            .add("CH", 2)
            .add("BE", 2);
    private static final WeightedChoice<String> DEVICES =
            new WeightedChoice<String>().add("desktop", 45).add("mobile", 45).add("tablet", 10);

    /** {@code null}: no favourite. */
    private static final WeightedChoice<TrafficSource> HEAVY_BUYER_FAVOURITES = new WeightedChoice<TrafficSource>()
            .add(TrafficSource.PAID_SEARCH, 50)
            .add(TrafficSource.ORGANIC, 35)
            .add(null, 15);

    private static final WeightedChoice<TrafficSource> ANY_SOURCE = sourcesFavouring(null);
    private static final Map<TrafficSource, WeightedChoice<TrafficSource>> FAVOURING = favouringEachSource();

    private static final WeightedChoice<ProductCategory> USUAL_INTERESTS = interests(15, 45, 20, 20);
    private static final WeightedChoice<ProductCategory> PREMIUM_LEANING = interests(45, 30, 15, 10);
    private static final WeightedChoice<ProductCategory> PREMIUM_ONLY = interests(85, 5, 5, 5);

    private final IdFormat ids;
    private final int size;

    Population(IdFormat ids, int size) {
        this.ids = ids;
        this.size = size;
    }

    SyntheticUser user(int number, RandomDraws draws) {
        // the last user owns the closing visit at the end time, which an at-risk user must not have
        Persona persona = number == size ? Persona.BROWSER : PERSONAS.pick(draws);
        long activeTo =
                persona == Persona.AT_RISK ? SampleTime.daysBeforeEnd(draws.between(185, 330)) : SampleTime.END_SECOND;
        long signup = signup(persona, activeTo, draws);
        return new SyntheticUser(
                number,
                ids.format(number),
                persona,
                SampleTime.date(signup),
                country(draws),
                DEVICES.pick(draws),
                Math.max(SampleTime.START_SECOND, signup),
                activeTo,
                sources(persona, draws),
                interests(persona, draws));
    }

    void writeRow(TableWriter users, SyntheticUser user) throws SQLException {
        users.append(user.id(), user.signupDate(), user.country(), user.deviceType());
    }

    private static long signup(Persona persona, long activeTo, RandomDraws draws) {
        long earliest = SampleTime.daysBeforeEnd(SIGNUP_HISTORY_DAYS);
        return switch (persona) {
            case NEW_HIGH_POTENTIAL -> draws.between(SampleTime.daysBeforeEnd(50), SampleTime.daysBeforeEnd(5));
            // a long history of buying before going quiet
            case AT_RISK -> draws.between(earliest, activeTo - 250 * SampleTime.DAY);
            // old enough to have browsed before their recent premium interest
            case PREMIUM_BROWSER -> draws.between(earliest, SampleTime.daysBeforeEnd(90));
            default -> draws.between(earliest, SampleTime.daysBeforeEnd(20));
        };
    }

    private static String country(RandomDraws draws) {
        if (draws.chance(TEST_SHARE)) {
            return TEST_COUNTRY;
        }
        return draws.chance(UNKNOWN_COUNTRY_SHARE) ? null : COUNTRIES.pick(draws);
    }

    /** Heavy buyers favour paid search or organic, loyal buyers often email; so the source-share segments find them. */
    private static WeightedChoice<TrafficSource> sources(Persona persona, RandomDraws draws) {
        TrafficSource favourite = switch (persona) {
            case HEAVY_BUYER -> HEAVY_BUYER_FAVOURITES.pick(draws);
            case LOYAL_BUYER -> draws.chance(0.4) ? TrafficSource.EMAIL : null;
            case PREMIUM_BROWSER -> TrafficSource.EMAIL;
            default ->
                draws.chance(0.2) ? TrafficSource.values()[draws.between(0, TrafficSource.values().length - 1)] : null;
        };
        return favourite == null ? ANY_SOURCE : FAVOURING.get(favourite);
    }

    private static WeightedChoice<ProductCategory> interests(Persona persona, RandomDraws draws) {
        return switch (persona) {
            case PREMIUM_BROWSER -> PREMIUM_ONLY;
            case NEW_HIGH_POTENTIAL -> PREMIUM_LEANING;
            case LOYAL_BUYER, HEAVY_BUYER -> draws.chance(0.4) ? PREMIUM_LEANING : USUAL_INTERESTS;
            default -> USUAL_INTERESTS;
        };
    }

    private static WeightedChoice<Persona> personas() {
        WeightedChoice<Persona> choice = new WeightedChoice<>();
        for (Persona persona : Persona.values()) {
            choice.add(persona, persona.share());
        }
        return choice;
    }

    /** The favourite source gets 75% of sessions, the others share the rest in their usual proportions. */
    private static WeightedChoice<TrafficSource> sourcesFavouring(TrafficSource favourite) {
        WeightedChoice<TrafficSource> choice = new WeightedChoice<>();
        double othersTotal = 0;
        for (TrafficSource source : TrafficSource.values()) {
            othersTotal += source == favourite ? 0 : source.baseWeight();
        }
        for (TrafficSource source : TrafficSource.values()) {
            double usualShare = source.baseWeight() / othersTotal;
            if (favourite == null) {
                choice.add(source, usualShare);
            } else {
                choice.add(source, source == favourite ? 0.75 : 0.25 * usualShare);
            }
        }
        return choice;
    }

    private static Map<TrafficSource, WeightedChoice<TrafficSource>> favouringEachSource() {
        Map<TrafficSource, WeightedChoice<TrafficSource>> choices = new EnumMap<>(TrafficSource.class);
        for (TrafficSource source : TrafficSource.values()) {
            choices.put(source, sourcesFavouring(source));
        }
        return choices;
    }

    private static WeightedChoice<ProductCategory> interests(
            double premium, double standard, double accessories, double sale) {
        return new WeightedChoice<ProductCategory>()
                .add(ProductCategory.PREMIUM, premium)
                .add(ProductCategory.STANDARD, standard)
                .add(ProductCategory.ACCESSORIES, accessories)
                .add(ProductCategory.SALE, sale);
    }
}
