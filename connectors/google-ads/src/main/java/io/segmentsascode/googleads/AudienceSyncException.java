package io.segmentsascode.googleads;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/**
 * The Google Ads API refused or could not take part of a sync: not allowlisted for Customer Match, wrong credentials,
 * retries spent, members refused, a list that cannot take hashed contacts. Unlike an apply that could not start, the
 * lists and members Google had applied stay applied and recorded, so the next apply sends only the rest.
 */
public final class AudienceSyncException extends SegmentsException {

    AudienceSyncException(String subject, String message, String hint) {
        super("audience sync", List.of(Diagnostic.error(Location.ofSetting(subject), message, hint)));
    }

    @Override
    public String summary() {
        return "the Google Ads audience sync stopped; what Google applied is recorded and is not sent again"
                + nextStep();
    }
}
