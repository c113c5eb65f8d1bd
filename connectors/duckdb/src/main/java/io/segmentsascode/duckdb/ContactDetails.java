package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.GeneratedColumn.bool;
import static io.segmentsascode.duckdb.GeneratedColumn.string;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The identities row of a user: email and phone as people type them (mixed case, stray spaces,
 * dotted gmail addresses, every phone notation), so Customer Match normalisation has work to do;
 * plus consent flags (mostly granted), the suppression flag (about 3%) and the user's country.
 */
final class ContactDetails {

    static final List<GeneratedColumn> COLUMNS = List.of(
            string("user_id"),
            string("email"),
            string("phone"),
            bool("consent_ad_user_data"),
            bool("consent_ad_personalization"),
            bool("opted_out"),
            // the user's country, for a warehouse whose identity table declares one (customer_match.region_column)
            string("country"));

    private static final List<String> FIRST_NAMES = List.of(
            "anna", "lukas", "marie", "felix", "sophie", "jonas", "emma", "paul", "camille", "louis", "chloe", "hugo",
            "olivia", "jack", "amelia", "noah", "sara", "daan", "lucia", "pablo", "giulia", "marco", "lea", "elias");
    private static final List<String> LAST_NAMES = List.of(
            "schmidt",
            "mueller",
            "schneider",
            "fischer",
            "weber",
            "martin",
            "bernard",
            "dubois",
            "smith",
            "jones",
            "taylor",
            "brown",
            "johnson",
            "miller",
            "garcia",
            "lopez",
            "devries",
            "jansen",
            "rossi",
            "russo",
            "wagner",
            "becker",
            "moreau",
            "wilson");
    private static final WeightedChoice<String> DOMAINS = new WeightedChoice<String>()
            .add("gmail.com", 25)
            .add("example.com", 25)
            .add("example.de", 15)
            .add("example.fr", 10)
            .add("example.co.uk", 10)
            .add("mail.example.net", 15);

    private static final double NO_PHONE = 0.18;
    private static final double STRAY_SPACES = 0.06;

    private ContactDetails() {}

    static void writeRow(TableWriter identities, SyntheticUser user, RandomDraws draws) throws SQLException {
        identities.append(
                user.id(),
                email(user, draws),
                phone(user, draws),
                draws.chance(0.93),
                draws.chance(0.89),
                draws.chance(0.03),
                user.country());
    }

    private static String email(SyntheticUser user, RandomDraws draws) {
        String first = FIRST_NAMES.get(draws.between(0, FIRST_NAMES.size() - 1));
        String last = LAST_NAMES.get(draws.between(0, LAST_NAMES.size() - 1));
        boolean capitalised = draws.chance(0.35);
        if (capitalised) {
            first = capitalise(first);
            last = capitalise(last);
        }
        // the user number keeps addresses unique; dotted and undotted gmail forms both occur
        String local = switch (draws.between(0, 2)) {
            case 0 -> first + "." + last + user.number();
            case 1 -> first + last + user.number();
            default -> first.charAt(0) + "." + last + user.number();
        };
        String domain = DOMAINS.pick(draws);
        if (draws.chance(0.1)) {
            domain = capitalise(domain);
        }
        String email = local + "@" + domain;
        if (draws.chance(0.03)) {
            email = email.toUpperCase(Locale.ROOT);
        }
        return draws.chance(STRAY_SPACES) ? " " + email + (draws.chance(0.5) ? " " : "") : email;
    }

    private static String phone(SyntheticUser user, RandomDraws draws) {
        if (draws.chance(NO_PHONE)) {
            return null;
        }
        boolean international = draws.chance(0.5);
        String country = user.country() == null ? "DE" : user.country();
        return switch (country) {
            case "US" ->
                international
                        ? "+1 " + digits(3, draws) + "-555-" + digits(4, draws)
                        : "(" + digits(3, draws) + ") 555-" + digits(4, draws);
            case "GB" -> (international ? "+44 7" : "07") + digits(3, draws) + " " + digits(6, draws);
            case "FR" ->
                (international ? "+33 6" : "06") + " " + digits(2, draws) + " " + digits(2, draws) + " "
                        + digits(2, draws) + " " + digits(2, draws);
            case "NL" -> (international ? "+31 6 " : "06-") + digits(8, draws);
            case "ES" -> "+34 6" + digits(2, draws) + " " + digits(3, draws) + " " + digits(3, draws);
            default ->
                international
                        ? "+49 15" + digits(1, draws) + " " + digits(7, draws)
                        : "015" + digits(1, draws) + "-" + digits(7, draws);
        };
    }

    /** A digit string that never starts with 0 (so no format is mistaken for a trunk prefix). */
    private static String digits(int count, RandomDraws draws) {
        StringBuilder digits = new StringBuilder(count).append(draws.between(1, 9));
        for (int i = 1; i < count; i++) {
            digits.append(draws.between(0, 9));
        }
        return digits.toString();
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
