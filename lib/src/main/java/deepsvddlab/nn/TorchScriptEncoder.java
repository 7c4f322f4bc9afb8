package deepsvddlab.nn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A frozen feature extractor from a user's TorchScript file (for example an ImageNet-pretrained
 * ResNet-18 with its last layer removed, exported with the three Python lines in the README), run
 * by DJL's PyTorch engine offline: nothing is downloaded. Its features feed Deep SVDD (a small
 * trainable head: {@link NetworkSpec#mlp} on the feature vectors), Isolation Forest, One-Class SVM and
 * the Mahalanobis detector.
 *
 * <p>On load the model is checked on a probe batch of the expected image shape: a file that is not
 * TorchScript, a truncated one, a model of another input shape, or one whose output is not one
 * feature vector per image is refused with a message naming the file, what was expected and what was
 * found. Holds native memory: close it.
 */
public final class TorchScriptEncoder implements AutoCloseable {
    private final Path file;
    private final Model model;
    private final int channels;
    private final int height;
    private final int width;
    private final int featureDim;

    private TorchScriptEncoder(Path file, Model model, int channels, int height, int width, int featureDim) {
        this.file = file;
        this.model = model;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.featureDim = featureDim;
    }

    /**
     * Loads {@code file} as a frozen encoder of (N, channels, height, width) images.
     *
     * @throws IllegalArgumentException for a missing, damaged or non-TorchScript file, or a model that
     *     does not map such images to feature vectors
     */
    public static TorchScriptEncoder load(Path file, int channels, int height, int width) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TorchScript file " + file + " must exist, found nothing there;"
                    + " export one with torch.jit.trace(model, example).save(path) (see the README)");
        }
        Model model = Model.newInstance("torchscript", deepsvddlab.nn.Devices.current(), "PyTorch");
        try (InputStream in = Files.newInputStream(file)) {
            model.load(in, Map.of());
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(
                    "file " + file + " must be a TorchScript model (torch.jit.trace or"
                            + " torch.jit.script, then .save), found a file libtorch cannot read (" + firstLine(e)
                            + "); export it again, or check that it was copied completely",
                    e);
        }
        Shape expected = new Shape(1, channels, height, width);
        try (NDManager m = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            NDList out;
            try {
                out = model.getBlock().forward(new ParameterStore(m, false), new NDList(m.zeros(expected)), false);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "TorchScript model " + file + " must take images of shape (N, "
                                + channels + ", " + height + ", " + width + "), found it fails on them (" + firstLine(e)
                                + "); export a model for " + channels + "x" + height + "x" + width + " images",
                        e);
            }
            Shape s = out.isEmpty() ? null : out.get(0).getShape();
            boolean vector = s != null
                    && s.get(0) == 1
                    && (s.dimension() == 2 || (s.dimension() == 4 && s.get(2) == 1 && s.get(3) == 1));
            if (!vector || out.size() != 1) {
                throw new IllegalArgumentException("TorchScript model " + file
                        + " must output one feature vector per image, (N, D) or (N, D, 1, 1), found "
                        + (out.isEmpty() ? "no output" : out.size() + " output(s), the first of shape " + s)
                        + "; remove the classifier (model.fc = torch.nn.Identity()) before exporting");
            }
            return new TorchScriptEncoder(file, model, channels, height, width, (int) s.get(1));
        } catch (IllegalArgumentException e) {
            model.close();
            throw e;
        }
    }

    private static String firstLine(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? msg : msg.substring(0, nl));
    }

    /** The features of {@code images} (N, C, H, W), one row of {@link #featureDim()} values per image. */
    public float[][] features(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != channels || s.get(2) != height || s.get(3) != width) {
            throw new IllegalArgumentException("images must have shape (N, " + channels + ", " + height + ", " + width
                    + ") for " + file + ", found " + s + "; use ImageSet.toNDArray(manager) of matching images");
        }
        Block block = model.getBlock();
        float[] flat =
                Networks.map(block, images, b -> b.output().singletonOrThrow().reshape(-1, featureDim));
        return Networks.rows(flat, (int) s.get(0));
    }

    /** The feature dimension D. */
    public int featureDim() {
        return featureDim;
    }

    /** The file the model came from. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        model.close();
    }
}
