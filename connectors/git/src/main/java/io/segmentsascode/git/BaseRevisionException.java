package io.segmentsascode.git;

/**
 * The definitions at {@code segments.base} cannot be read: not inside a Git repository, a revision that does not
 * resolve, a path outside the project, an unreadable object. The message is written for the user and is complete on
 * its own; callers should show {@link #getMessage()} and need not print a stack trace.
 */
public final class BaseRevisionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BaseRevisionException(String message) {
        super(message);
    }

    public BaseRevisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
