package io.segmentsascode.apply;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Customer Match list as both Google APIs name it: the Data Manager API as
 * {@code accountTypes/GOOGLE_ADS/accounts/<account>/userLists/<id>}, the Google Ads API as
 * {@code customers/<account>/userLists/<id>}. Both name the same list in the same Google Ads account, so a marker
 * recorded by one audience route is read by the other: a project switching routes keeps its lists.
 */
public record UserListName(String account, String id) {

    private static final Pattern DATA_MANAGER =
            Pattern.compile("accountTypes/GOOGLE_ADS/accounts/([0-9]+)/userLists/([0-9]+)");
    private static final Pattern GOOGLE_ADS = Pattern.compile("customers/([0-9]+)/userLists/([0-9]+)");

    /** Either API's name of a Google Ads list; empty for anything else (e.g. an upload file's marker). */
    public static Optional<UserListName> parse(String name) {
        for (Pattern form : new Pattern[] {DATA_MANAGER, GOOGLE_ADS}) {
            Matcher m = form.matcher(name);
            if (m.matches()) {
                return Optional.of(new UserListName(m.group(1), m.group(2)));
            }
        }
        return Optional.empty();
    }

    public String dataManager() {
        return "accountTypes/GOOGLE_ADS/accounts/" + account + "/userLists/" + id;
    }

    public String googleAds() {
        return "customers/" + account + "/userLists/" + id;
    }
}
