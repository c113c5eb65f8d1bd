/**
 * The Google Ads API audience destination ({@code segments.audiences=google-ads}): Customer Match lists through
 * UserListService, members through OfflineUserDataJobService, list facts through GoogleAdsService, for developer tokens
 * Google still allowlists for Customer Match. {@link io.segmentsascode.googleads.GoogleAdsApi} is the only class that
 * names an API version (v23).
 */
package io.segmentsascode.googleads;
