package io.segmentsascode.datamanager;

import com.google.ads.datamanager.v1.RequestStatusPerDestination.RequestStatus;

/**
 * What became of one request of a sync: whether it added, removed or refreshed members (sent again before their
 * membership expires), how many, the request id Google gave it and the final status polled for it
 * ({@code PROCESSING} when polling gave up before Google finished).
 */
public record BatchOutcome(String audience, Kind kind, int members, String requestId, RequestStatus status) {

    public enum Kind {
        ADD,
        REMOVE,
        REFRESH
    }

    public boolean failed() {
        return status == RequestStatus.FAILED;
    }
}
