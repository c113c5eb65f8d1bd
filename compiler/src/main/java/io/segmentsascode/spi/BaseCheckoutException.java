package io.segmentsascode.spi;

/**
 * The contract of {@link Connectors.BaseSnapshots}: the definitions at the requested revision
 * cannot be read (no repository, a ref that does not resolve, a path outside the work tree). The
 * message is written for the user; the pipeline reports it against the parameter that named the
 * revision, since nothing has been planned or applied yet.
 */
public final class BaseCheckoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BaseCheckoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
