package io.segmentsascode.fakes;

/**
 * One Customer Match list of a Google Ads account as both Google APIs reach it: the Data Manager API names it
 * {@code accountTypes/GOOGLE_ADS/accounts/<account>/userLists/<id>}, the Google Ads API
 * {@code customers/<account>/userLists/<id>}. What one fake changes of a list's identity, name, description and
 * membership duration the other shows (see {@link GoogleFakes}); members stay with the fake they were sent to.
 *
 * @param deleted true when the list was removed
 */
record SharedUserList(String account, long id, String name, String description, long membershipDays, boolean deleted) {}
