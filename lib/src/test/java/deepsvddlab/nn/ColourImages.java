package deepsvddlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.data.ImageSet;
import deepsvddlab.data.SyntheticColour;

/** Test images for the colour networks: classes of the synthetic colour set, scaled to [0, 1]. */
public final class ColourImages {
    private ColourImages() {}

    /** {@code perClass} images of each of classes {@code from..to}, generated with {@code seed}, as (N, 3, 32, 32). */
    public static NDArray of(NDManager m, int perClass, long seed, int from, int to) {
        ImageSet s = SyntheticColour.generate(perClass, seed, "t");
        int[] idx = java.util.stream.IntStream.range(from * perClass, (to + 1) * perClass)
                .toArray();
        float[] px = s.subset(idx).pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] /= 255f;
        }
        return m.create(px, NetworkSpec.CIFAR_LENET.inputShape(idx.length));
    }
}
