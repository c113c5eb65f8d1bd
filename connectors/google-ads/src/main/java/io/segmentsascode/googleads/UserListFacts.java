package io.segmentsascode.googleads;

/**
 * What Google Ads reports about a Customer Match list (GoogleAdsService, {@code FROM user_list}): its sizes are
 * Google's matched-user counts, approximate and delayed, never our member count.
 *
 * @param uploadKeyType the list's {@code crm_based_user_list.upload_key_type}, e.g. {@code CONTACT_INFO}
 */
public record UserListFacts(
        String resourceName,
        String name,
        String description,
        long membershipLifeSpanDays,
        String uploadKeyType,
        long sizeForSearch,
        long sizeForDisplay,
        boolean eligibleForSearch,
        boolean eligibleForDisplay) {

    /** {@code 1234567890} of {@code customers/1234567890/userLists/42}. */
    public String customerId() {
        return resourceName.split("/")[1];
    }
}
