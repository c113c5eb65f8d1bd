package io.segmentsascode.plan;

import java.util.Optional;

/**
 * A resource as the target reports it. {@code managed}: it carries our marker (and then
 * {@code specHash} is what we last applied). {@code drift}: why its content no longer matches
 * what we applied (changed outside this tool), if it does not.
 */
public record ActualResource(ResourceId id, boolean managed, Optional<String> specHash, Optional<String> drift) {

    public static ActualResource managed(ResourceId id, String specHash) {
        return new ActualResource(id, true, Optional.of(specHash), Optional.empty());
    }

    public static ActualResource unmanaged(ResourceId id) {
        return new ActualResource(id, false, Optional.empty(), Optional.empty());
    }

    public ActualResource drifted(String reason) {
        return new ActualResource(id, managed, specHash, Optional.of(reason));
    }
}
