package io.segmentsascode.apply;

/**
 * Where campaign mappings become audiences: the {@code AUDIENCE} resources of a plan (upload
 * files now; Customer Match lists through the Data Manager or Google Ads API next). Chosen apart
 * from the warehouse target ({@code segments.audiences}), and fed by it: its members are the
 * contacts of the warehouse target's segment tables.
 */
public interface AudienceDestination extends Target {}
