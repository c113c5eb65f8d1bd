package io.segmentsascode.plan.diff;

import java.util.Comparator;

/** A managed resource: its kind and the segment or campaign id it comes from. */
public record ResourceId(ResourceKind kind, String name) implements Comparable<ResourceId> {

    private static final Comparator<ResourceId> ORDER =
            Comparator.comparing(ResourceId::kind).thenComparing(ResourceId::name);

    @Override
    public int compareTo(ResourceId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
