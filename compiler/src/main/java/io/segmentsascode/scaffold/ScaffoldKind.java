package io.segmentsascode.scaffold;

import io.segmentsascode.load.DocumentKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What {@code segments:new} can write: one of the four segment kinds or a campaign mapping. */
public enum ScaffoldKind {
    RFM(DocumentKind.SEGMENT),
    RULES(DocumentKind.SEGMENT),
    INTENT(DocumentKind.SEGMENT),
    SQL(DocumentKind.SEGMENT),
    CAMPAIGN(DocumentKind.CAMPAIGN);

    private final DocumentKind document;

    ScaffoldKind(DocumentKind document) {
        this.document = document;
    }

    public DocumentKind document() {
        return document;
    }

    /** As written on the command line: {@code rfm}, {@code campaign}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ScaffoldKind> of(String label) {
        return Arrays.stream(values())
                .filter(kind -> kind.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String labels() {
        return String.join("|", Arrays.stream(values()).map(ScaffoldKind::label).toList());
    }
}
