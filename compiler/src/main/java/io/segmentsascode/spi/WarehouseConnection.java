package io.segmentsascode.spi;

import io.segmentsascode.apply.WarehouseTarget;
import io.segmentsascode.preview.PreviewEngine;
import java.time.Instant;
import java.util.Optional;

/**
 * The warehouse side of one run, opened by one connector: the sample engine previews and plan
 * figures run on, and the target whose segment tables plans are applied to. One connector opens
 * both because the embedded target is built on its sample engine's session; a remote warehouse
 * keeps previewing on the sample while its target talks to the real one.
 */
public interface WarehouseConnection extends AutoCloseable {

    /** The sample warehouse; open until {@link #close()}. */
    PreviewEngine sample();

    /** Opens the warehouse target for {@code sql}; {@code runTime}: the reference time the tables are computed at. */
    WarehouseTarget target(TargetSql sql, Instant runTime);

    /**
     * The target warehouse's read port when it is remote, opened on call (it may contact Google);
     * empty when the target is built on the sample, whose experiments evaluate reads directly.
     */
    default Optional<RemoteReads> remoteReads() {
        return Optional.empty();
    }

    /** Closes the sample; close targets opened from it first. */
    @Override
    void close();
}
