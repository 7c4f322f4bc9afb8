package deepsvddlab.svdd;

/** When soft-boundary Deep SVDD re-solves R as the (1 - nu) quantile of sqrt(d) (after the warm-up epochs). */
public enum RadiusUpdate {
    /** After every epoch, on all of the epoch's training distances (the paper's alternating scheme). */
    PER_EPOCH,
    /** After every mini-batch, on that batch's distances (what the reference implementation does). */
    PER_BATCH
}
