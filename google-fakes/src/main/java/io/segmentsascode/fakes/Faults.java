package io.segmentsascode.fakes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scriptable fault injection for one fake. Method names are the fake's own (see {@link FakeBigQuery} and
 * {@link FakeDataTransfer} for the list, e.g. {@code "tables.insert"}, {@code "CreateTransferConfig"});
 * {@code "*"} matches every method. Thread-safe.
 */
public final class Faults {
    public static final String ANY = "*";

    private final Map<String, Deque<Fault>> queued = new HashMap<>();
    private final Map<String, Deque<Fault>> afterApply = new HashMap<>();
    private final Map<String, Duration> delays = new HashMap<>();
    private int crashAfter = -1;
    private int successfulMutations;
    private boolean crashed;

    /** The next {@code n} calls of {@code method} fail with {@code fault}, then calls succeed again. */
    public synchronized Faults failNext(String method, int n, Fault fault) {
        Deque<Fault> q = queued.computeIfAbsent(method, k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) q.addLast(fault);
        return this;
    }

    /**
     * The next {@code n} calls of {@code method} are carried out (state changes, the call counts as a mutation) but
     * answered with {@code fault}: the response was lost. The case where retrying a create blindly makes a duplicate.
     */
    public synchronized Faults failNextAfterApplying(String method, int n, Fault fault) {
        Deque<Fault> q = afterApply.computeIfAbsent(method, k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) q.addLast(fault);
        return this;
    }

    /** Every call of {@code method} sleeps {@code d} before it is handled (for client timeouts). */
    public synchronized Faults delay(String method, Duration d) {
        if (d == null || d.isZero()) delays.remove(method);
        else delays.put(method, d);
        return this;
    }

    /**
     * After {@code k} more successful mutating calls the fake "dies": every later call (any method) fails with
     * UNAVAILABLE / HTTP 503 until {@link #restart()} or {@link #clear()}.
     */
    public synchronized Faults crashAfterMutations(int k) {
        crashAfter = k;
        successfulMutations = 0;
        crashed = k == 0;
        return this;
    }

    /** The process "comes back": calls succeed again; the state the fake holds is kept. */
    public synchronized void restart() {
        crashed = false;
        crashAfter = -1;
    }

    public synchronized boolean crashed() {
        return crashed;
    }

    /** Removes every scripted fault, delay and crash. */
    public synchronized void clear() {
        queued.clear();
        afterApply.clear();
        delays.clear();
        restart();
    }

    /** Called by the fakes before handling a call: sleeps for a delay, returns the fault to answer with, if any. */
    Optional<Fault> before(String method) {
        Duration d;
        Fault f = null;
        synchronized (this) {
            d = delays.getOrDefault(method, delays.get(ANY));
            if (crashed) {
                f = Fault.crashed();
            } else {
                Deque<Fault> q = queued.get(method);
                if (q == null || q.isEmpty()) q = queued.get(ANY);
                if (q != null && !q.isEmpty()) f = q.pollFirst();
            }
        }
        if (d != null) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(f);
    }

    /** Called by the fakes after a call was carried out: the fault to answer with instead of the result, if any. */
    synchronized Optional<Fault> after(String method) {
        Deque<Fault> q = afterApply.get(method);
        if (q == null || q.isEmpty()) q = afterApply.get(ANY);
        return Optional.ofNullable(q == null ? null : q.pollFirst());
    }

    /** Called by the fakes after a mutating call succeeded. */
    synchronized void mutated() {
        successfulMutations++;
        if (crashAfter >= 0 && successfulMutations >= crashAfter) crashed = true;
    }
}
