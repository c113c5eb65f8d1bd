package io.segmentsascode.gemini;

/** The environment holds no usable Gemini / Vertex AI credentials; the message names what to set. */
public final class GeminiCredentialsException extends IllegalStateException {

    public GeminiCredentialsException(String message) {
        super(message);
    }

    public GeminiCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
