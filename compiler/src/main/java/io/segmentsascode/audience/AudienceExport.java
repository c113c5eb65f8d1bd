package io.segmentsascode.audience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rows to upload, sorted ({@link AudienceMember#compareTo}) and with no two rows carrying the
 * same hashed identifiers, plus the counts behind them. {@code members().size()} is the number of
 * rows, which can differ from {@code counts().exported()} (users): a user with two different contact
 * rows yields two rows, users sharing identical identifiers share one.
 */
public record AudienceExport(List<AudienceMember> members, AudienceCounts counts) {

    public AudienceExport {
        Objects.requireNonNull(counts, "counts");
        List<AudienceMember> sorted = new ArrayList<>(members);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).sameIdentifiers(sorted.get(i - 1))) {
                throw new IllegalArgumentException("two audience rows have the same hashed identifiers");
            }
        }
        members = List.copyOf(sorted);
    }
}
