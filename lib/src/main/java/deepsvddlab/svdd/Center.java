package deepsvddlab.svdd;

import java.util.Arrays;

/**
 * The hypersphere center c of Deep SVDD: the mean of the pretrained encoder's outputs over the
 * training normals (eval mode), with the small-coordinate guard of the reference implementation.
 */
public final class Center {
    private Center() {}

    /** The reference's eps: coordinates closer to 0 than this are pushed to +-eps. */
    public static final double DEFAULT_EPS = 0.1;

    /**
     * Applies the guard: c_i with |c_i| < eps becomes -eps if c_i < 0, else +eps. Why: a coordinate
     * near zero can be matched trivially by the zero weights that weight decay pushes toward, which
     * helps the network collapse phi(x) onto c without learning anything (the "trivial solution"
     * Ruff et al. 2018 warn about).
     *
     * @return a new array
     * @throws IllegalArgumentException when c is all zero or holds NaN/inf
     */
    public static float[] guard(float[] c, double eps) {
        validate(c);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("eps must be >= 0, found " + eps + "; the reference uses 0.1");
        }
        float[] out = c.clone();
        for (int i = 0; i < out.length; i++) {
            if (Math.abs(out[i]) < eps) {
                out[i] = (float) (out[i] < 0 ? -eps : eps);
            }
        }
        return out;
    }

    /** Rejects a center that would make Deep SVDD meaningless. */
    public static void validate(float[] c) {
        boolean allZero = true;
        for (int i = 0; i < c.length; i++) {
            if (!Float.isFinite(c[i])) {
                throw new IllegalArgumentException("center c must be finite, found c[" + i + "] = " + c[i]
                        + "; the encoder produced NaN/inf: check the preprocessing and the pretrained weights");
            }
            allZero &= c[i] == 0f;
        }
        if (allZero) {
            throw new IllegalArgumentException("center c must not be all zero, found " + Arrays.toString(c)
                    + "; with c = 0 a bias-free network maps every input to c by setting its weights to zero,"
                    + " so the hypersphere collapses and every score is 0. Compute c from a pretrained encoder"
                    + " on the training normals, and keep the eps guard on");
        }
    }
}
