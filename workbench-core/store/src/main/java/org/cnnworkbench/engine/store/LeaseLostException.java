package org.cnnworkbench.engine.store;

/**
 * A write of a trial was refused because the lease it was made under is no longer the trial's:
 * the trial was given to another owner (or a later attempt), or it ended (cancelled, failed by
 * whoever released it). Nothing was written. The holder of the lost lease stops working on the
 * trial quietly: it records no failure, the trial's new owner carries on.
 */
public class LeaseLostException extends RuntimeException {
    private final transient Lease lease;

    public LeaseLostException(Lease lease, String message) {
        super(message);
        this.lease = lease;
    }

    /** The lease that was lost. */
    public Lease lease() {
        return lease;
    }
}
