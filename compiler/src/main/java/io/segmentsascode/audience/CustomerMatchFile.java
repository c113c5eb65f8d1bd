package io.segmentsascode.audience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@link AudienceExport} as a Google Ads Customer Match upload CSV: header {@code Email,Phone},
 * one row per member with the SHA-256 hex digests (an empty cell when absent), UTF-8, {@code \n}
 * line ends including after the last row. The same export always gives the same bytes. Digests are
 * hex, so no cell needs quoting.
 */
public final class CustomerMatchFile {

    public static final String HEADER = "Email,Phone";

    private CustomerMatchFile() {}

    public static String render(AudienceExport export) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (AudienceMember member : export.members()) {
            csv.append(member.hashedEmail().orElse(""))
                    .append(',')
                    .append(member.hashedPhone().orElse(""))
                    .append('\n');
        }
        return csv.toString();
    }

    public static byte[] bytes(AudienceExport export) {
        return render(export).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the file, replacing any existing one. */
    public static void write(AudienceExport export, Path file) throws IOException {
        Files.write(file, bytes(export));
    }
}
