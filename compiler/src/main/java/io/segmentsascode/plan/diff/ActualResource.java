package io.segmentsascode.plan.diff;

import java.util.Optional;

/**
 * A resource as the target reports it. {@code managed}: it carries our marker (and then
 * {@code specHash} is what we last applied). {@code drift}: why its content no longer matches
 * what we applied (changed outside this tool), if it does not. {@code unrecorded}: it has no
 * marker but sits where only segments writes, so it is ours all the same: what an apply leaves
 * when it stops between writing a resource and recording its marker. {@code drift} then says why.
 * {@code outdated}: why its content, written from data, no longer follows that data although its
 * definition did not change (an audience whose segment tables were refreshed since its last sync).
 */
public record ActualResource(
        ResourceId id,
        boolean managed,
        boolean unrecorded,
        Optional<String> specHash,
        Optional<String> drift,
        Optional<String> outdated) {

    public static ActualResource managed(ResourceId id, String specHash) {
        return new ActualResource(id, true, false, Optional.of(specHash), Optional.empty(), Optional.empty());
    }

    public static ActualResource unmanaged(ResourceId id) {
        return new ActualResource(id, false, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code why}: how it came to be without its marker, as the plan should explain it. */
    public static ActualResource unrecorded(ResourceId id, String why) {
        return new ActualResource(id, false, true, Optional.empty(), Optional.of(why), Optional.empty());
    }

    public ActualResource drifted(String reason) {
        return new ActualResource(id, managed, unrecorded, specHash, Optional.of(reason), outdated);
    }

    public ActualResource outdated(String reason) {
        return new ActualResource(id, managed, unrecorded, specHash, drift, Optional.of(reason));
    }
}
