package io.segmentsascode.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: the identity of specs, SQL, files and hashed identifiers alike. */
public final class Sha256 {

    /** One digest per thread: getInstance looks the provider up on every call, a cost per hashed identifier. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] bytes) {
        // digest() resets the instance, so it is ready for the thread's next call
        return HEX.formatHex(DIGEST.get().digest(bytes));
    }
}
