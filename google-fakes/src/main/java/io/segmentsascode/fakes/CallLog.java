package io.segmentsascode.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Ordered, thread-safe record of the calls a fake received. */
public final class CallLog {
    private final List<CallRecord> calls = new ArrayList<>();

    synchronized CallRecord add(
            String api,
            String method,
            String target,
            String request,
            boolean mutating,
            String outcome,
            boolean applied) {
        CallRecord r = new CallRecord(calls.size(), api, method, target, request, mutating, outcome, applied);
        calls.add(r);
        return r;
    }

    /** Every call, in order. */
    public synchronized List<CallRecord> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<CallRecord> calls(String method) {
        return filter(c -> c.method().equals(method));
    }

    /** Calls that would change state: successful ones and failed attempts of mutating methods alike. */
    public synchronized List<CallRecord> mutatingCalls() {
        return filter(CallRecord::mutating);
    }

    /** Mutating calls the fake carried out (including those answered with a fault after applying): what changed state. */
    public synchronized List<CallRecord> successfulMutations() {
        return filter(c -> c.mutating() && c.applied());
    }

    public synchronized int mutatingCount() {
        return successfulMutations().size();
    }

    public synchronized List<CallRecord> filter(Predicate<CallRecord> p) {
        return calls.stream().filter(p).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
