package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Location;
import java.util.List;

public record YSeq(Location location, List<YNode> items) implements YNode {

    public YSeq {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
