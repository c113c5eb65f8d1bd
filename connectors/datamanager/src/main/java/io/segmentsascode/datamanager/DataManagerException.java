package io.segmentsascode.datamanager;

import java.util.OptionalInt;

/** A call to the Data Manager API that failed for good; {@code httpStatus} when Google answered. */
public final class DataManagerException extends RuntimeException {

    private final OptionalInt httpStatus;

    public DataManagerException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = OptionalInt.empty();
    }

    public DataManagerException(int httpStatus, String message) {
        super(message);
        this.httpStatus = OptionalInt.of(httpStatus);
    }

    public OptionalInt httpStatus() {
        return httpStatus;
    }
}
