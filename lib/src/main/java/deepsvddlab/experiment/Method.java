package deepsvddlab.experiment;

import deepsvddlab.io.Names;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Every detector the experiment layer runs, by the name the command line and the run records use. */
public enum Method {
    /** Deep SVDD (Ruff et al. 2018), one-class or soft-boundary. */
    DEEP_SVDD("deep-svdd"),
    /** Joint Deep SVDD + reconstruction training: mu1 * SVDD loss + mu2 * reconstruction loss. */
    DSPSVDD("dspsvdd"),
    /** One-Class Neural Network (Chalapathy et al. 2018) on the pretrained encoder's features. */
    OCNN("ocnn"),
    /** The pretrained autoencoder's reconstruction error as the score. */
    AE("ae"),
    /** Isolation Forest (Liu et al. 2008) on a named feature source. */
    ISOLATION_FOREST("isolation-forest"),
    /** One-Class SVM (LIBSVM, RBF kernel) on a named feature source. */
    OCSVM("ocsvm");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    /** The name on the command line and in run records, e.g. {@code "isolation-forest"}. */
    public String id() {
        return id;
    }

    /** Parses {@link #id()}; an unknown name is refused with the valid names and the closest one. */
    public static Method parse(String s) {
        return Names.byId(values(), Method::id, s, "method");
    }

    /** The valid names, comma separated. */
    public static String ids() {
        return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
