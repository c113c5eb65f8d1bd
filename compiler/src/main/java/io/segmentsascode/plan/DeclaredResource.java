package io.segmentsascode.plan;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.plan.diff.ResourceKind;
import java.util.List;

/**
 * A resource as the definitions declare it, whatever the target holds: the identity a reviewed
 * plan is compared on before it is applied. The pull request that was reviewed saw the definitions
 * of its merge, never the target apply meets, so only this may have to match; what the target
 * holds (drift, an earlier apply) only changes the work needed to reach it.
 */
public record DeclaredResource(ResourceKind kind, String name, String specHash) {

    /** Every resource a plan wants on the target (each change that has a hash to reach), in plan order. */
    public static List<DeclaredResource> of(List<PlannedChange> changes) {
        return changes.stream()
                .filter(c -> c.toHash() != null)
                .map(c -> new DeclaredResource(c.kind(), c.name(), c.toHash()))
                .toList();
    }

    /** Hash of the declared resources; the text hashed is part of the plan format, keep it stable. */
    public static String fingerprint(List<DeclaredResource> resources) {
        StringBuilder text = new StringBuilder("declared");
        for (DeclaredResource resource : resources) {
            text.append('\n')
                    .append(resource.kind().name())
                    .append(' ')
                    .append(resource.name())
                    .append(' ')
                    .append(resource.specHash());
        }
        return Sha256.hex(text.toString());
    }
}
