package io.segmentsascode.googleads;

import java.util.List;

/**
 * What became of one batch of a sync: whether it added, removed or refreshed members (sent again before their
 * membership expires), how many were sent, which Google refused (partial failure: the rest of the batch applied),
 * the offline user data job it went in and how that job ended.
 *
 * @param refused the reasons Google gave for the members it refused, one per member
 */
public record JobOutcome(String audience, Kind kind, int members, List<String> refused, String job, Status status) {

    public enum Kind {
        ADD,
        REMOVE,
        REFRESH
    }

    /** DONE: Google applied the job; RUNNING: polling gave up first (Google finishes it); FAILED: nothing applied. */
    public enum Status {
        DONE,
        RUNNING,
        FAILED
    }
}
