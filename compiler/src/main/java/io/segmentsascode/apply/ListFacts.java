package io.segmentsascode.apply;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an audience destination knows about the list of one campaign mapping when planning: what Google reports
 * ({@code list} resource name, the upload key types it was created with, whether the account may target with it or
 * only observe, its size) and our side of it (members in the last synced snapshot, the last sync's outcome).
 */
public record ListFacts(
        String list,
        List<String> uploadKeyTypes,
        boolean targetingEligible,
        OptionalLong reportedSize,
        long syncedMembers,
        Optional<LastSync> lastSync) {

    /** The key type every list we create has: hashed contact identifiers (Google's {@code CONTACT_ID}). */
    public static final String CONTACT_ID = "CONTACT_ID";

    public ListFacts {
        uploadKeyTypes = List.copyOf(uploadKeyTypes);
    }
}
