package deepsvddlab.train;

import java.util.Map;

/**
 * What one finished epoch reports: the phase ("pretrain", "svdd", "dspsvdd", ...), the 1-based
 * epoch, the number of epochs, the epoch's mean loss terms and other values (lr, R), its duration
 * and the estimated time left.
 */
public record EpochRecord(
        String phase, int epoch, int epochs, Map<String, Double> metrics, double seconds, double etaSeconds) {
    public EpochRecord {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** One metric, or NaN when absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
