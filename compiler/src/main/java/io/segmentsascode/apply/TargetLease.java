package io.segmentsascode.apply;

/** A target's own claim on it for one apply (see {@link Target#claimLease}); renewed as the apply progresses. */
public interface TargetLease extends AutoCloseable {

    /** For targets that only one machine writes to: the local lock is enough. */
    TargetLease NONE = new TargetLease() {
        @Override
        public void renew() {}

        @Override
        public void close() {}
    };

    void renew();

    /** Releases the claim; a claim that was taken over meanwhile is left alone. */
    @Override
    void close();
}
