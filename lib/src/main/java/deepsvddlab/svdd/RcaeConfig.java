package deepsvddlab.svdd;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The robust pretraining choice (RCAE, {@link Rcae}): the autoencoder trains on X - N while the
 * sparse outlier matrix N absorbs what it cannot reconstruct. A config of Deep SVDD, DSPSVDD or
 * OCNN that holds one pretrains with RCAE instead of the plain autoencoder; null there means the
 * plain autoencoder.
 *
 * @param lambda the sparsity weight of ||N||_1, &gt; 0; the smaller, the more of each residual N
 *     takes. Double.POSITIVE_INFINITY keeps N = 0 (the plain autoencoder, bit for bit).
 * @param every epochs between updates of N, at least 1
 */
public record RcaeConfig(double lambda, int every) {
    /** The default sparsity weight, for images scaled to [0, 1]. */
    public static final double DEFAULT_LAMBDA = 0.1;
    /** The default number of autoencoder epochs between updates of N. */
    public static final int DEFAULT_EVERY = 5;

    public RcaeConfig {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0 (or infinity for the plain autoencoder), found "
                    + lambda + "; try " + DEFAULT_LAMBDA + " to 1 for images in [0, 1]");
        }
        if (every < 1) {
            throw new IllegalArgumentException(
                    "every must be at least 1 epoch between updates of N, found " + every + "; e.g. " + DEFAULT_EVERY);
        }
    }

    /** lambda with N updated every {@link #DEFAULT_EVERY} epochs. */
    public static RcaeConfig of(double lambda) {
        return new RcaeConfig(lambda, DEFAULT_EVERY);
    }

    /** Both fields, for run records and the pretraining cache's key. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda", Double.isInfinite(lambda) ? "infinity" : lambda);
        m.put("every", every);
        return m;
    }

    /** Reads {@link #toMap()} back; null for a missing or JSON-null entry (the plain autoencoder). */
    public static RcaeConfig fromJson(com.google.gson.JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        String l = o.get("lambda").getAsString();
        return new RcaeConfig(
                l.equals("infinity") ? Double.POSITIVE_INFINITY : Double.parseDouble(l),
                o.get("every").getAsInt());
    }
}
