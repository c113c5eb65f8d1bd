package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Location;

/** A YAML node that remembers where it was written. Immutable. */
public sealed interface YNode permits YMap, YSeq, YScalar {

    Location location();

    /** How the node reads in a message: {@code 'text'}, {@code a mapping}, {@code a list}. */
    String describe();
}
