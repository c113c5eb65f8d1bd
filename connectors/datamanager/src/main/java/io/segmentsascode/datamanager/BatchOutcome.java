package io.segmentsascode.datamanager;

import com.google.ads.datamanager.v1.RequestStatusPerDestination.RequestStatus;

/**
 * What became of one request of a sync: how many members it added or removed, the request id Google gave it and
 * the final status polled for it ({@code PROCESSING} when polling gave up before Google finished).
 */
public record BatchOutcome(String audience, boolean removal, int members, String requestId, RequestStatus status) {

    public boolean failed() {
        return status == RequestStatus.FAILED;
    }
}
