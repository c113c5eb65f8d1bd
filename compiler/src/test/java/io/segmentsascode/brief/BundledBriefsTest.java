package io.segmentsascode.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled briefs pass the shape every brief must have and say honestly that a person wrote them. */
class BundledBriefsTest {

    @Test
    void bundledBriefsAreWellShapedAndHandWritten() throws IOException {
        BriefLock lock = BriefLock.read(Path.of("..", BriefLock.FILE_NAME));
        assertFalse(lock.pins().isEmpty());
        lock.pins()
                .values()
                .forEach(pin -> assertTrue(
                        pin.provenance().startsWith(BriefPin.HAND_WRITTEN_PROVENANCE),
                        pin.segmentId() + ": " + pin.provenance()));
        assertEquals(
                Files.readString(Path.of("..", BriefLock.FILE_NAME)),
                lock.render(),
                "the file is in its canonical form");
    }
}
