package deepsvddlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * An immutable set of labelled images, or of feature vectors (then {@code channels = 1, height = 1,
 * width = D}).
 *
 * <p>Pixels are stored row-major as {@code N x C x H x W} floats (image {@code i}, channel {@code c},
 * row {@code y}, column {@code x} sits at {@code ((i*C + c)*H + y)*W + x}), the layout of a PyTorch
 * or DJL {@code (N, C, H, W)} tensor. Readers store the values as read (bytes 0..255 for images);
 * scaling belongs to {@link Preprocessing}. Labels are class indices into {@link #classNames()}.
 *
 * <p>Every accessor that returns an array returns a copy, so an {@code ImageSet} cannot be changed
 * after construction.
 */
public final class ImageSet {
    private final String name;
    private final float[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    /**
     * Creates a set. The arrays are NOT copied: the caller hands them over and must not change them
     * afterwards.
     *
     * @param name       a short name for messages and provenance, e.g. {@code "fashion-mnist train"}
     * @param pixels     {@code N*C*H*W} values, row-major N x C x H x W
     * @param labels     {@code N} class indices, each in {@code [0, classNames.size())}
     * @param channels   C, at least 1
     * @param height     H, at least 1
     * @param width      W, at least 1
     * @param classNames the class names, index = label
     * @throws IllegalArgumentException if the lengths, shape or labels do not fit together
     */
    public ImageSet(
            String name, float[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(classNames, "classNames");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("channels, height and width must be >= 1, found " + channels + "x"
                    + height + "x" + width + " for '" + name + "'; give the image shape");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(
                    "classNames must not be empty, found [] for '" + name + "'; give one name per class");
        }
        long featureCount = (long) channels * height * width;
        if ((long) labels.length * featureCount != pixels.length) {
            throw new IllegalArgumentException("pixels.length must be labels.length * channels * height * width = "
                    + labels.length + " * " + featureCount + " = " + (long) labels.length * featureCount + ", found "
                    + pixels.length + " for '" + name + "'; check the shape and the number of labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + i + " must be a class index in [0, " + classNames.size()
                        + "), found " + labels[i] + " for '" + name + "'; give one class name per label value");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
    }

    public String name() {
        return name;
    }

    /** Number of images N. */
    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Values per image: C*H*W. */
    public int featureCount() {
        return channels * height * width;
    }

    /** Class names, index = label (unmodifiable). */
    public List<String> classNames() {
        return classNames;
    }

    /** The class index of image {@code i}. */
    public int label(int i) {
        Objects.checkIndex(i, labels.length);
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of image {@code i}, length {@link #featureCount()}, layout C x H x W. */
    public float[] image(int i) {
        Objects.checkIndex(i, labels.length);
        int d = featureCount();
        float[] out = new float[d];
        System.arraycopy(pixels, i * d, out, 0, d);
        return out;
    }

    /** A copy of all pixels, row-major N x C x H x W. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** An {@code N x featureCount} copy, one flattened image per row (the input format of the baselines). */
    public float[][] toMatrix() {
        float[][] m = new float[size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = image(i);
        }
        return m;
    }

    /**
     * A new set of the images at {@code indices}, in that order (an index may repeat).
     *
     * @throws IllegalArgumentException if an index is out of range
     */
    public ImageSet subset(int[] indices) {
        int d = featureCount();
        float[] p = new float[indices.length * d];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("indices[" + k + "] must be in [0, " + size() + "), found " + i
                        + " for '" + name + "'; pass indices of existing images");
            }
            System.arraycopy(pixels, i * d, p, k * d, d);
            l[k] = labels[i];
        }
        return new ImageSet(name, p, l, channels, height, width, classNames);
    }

    /**
     * The same labels, shape and name with new pixel values (used by preprocessing). The array is
     * handed over, not copied.
     */
    public ImageSet withPixels(float[] newPixels) {
        if (newPixels.length != pixels.length) {
            throw new IllegalArgumentException("newPixels.length must be " + pixels.length + ", found "
                    + newPixels.length + " for '" + name + "'; keep the shape of the set");
        }
        return new ImageSet(name, newPixels, labels, channels, height, width, classNames);
    }

    /** The same images and labels under another name. */
    public ImageSet withName(String newName) {
        return new ImageSet(newName, pixels, labels, channels, height, width, classNames);
    }

    /**
     * All images as ONE native float32 array of shape {@code (N, C, H, W)}, made in one call from a
     * {@link FloatBuffer} (no per-image copies). The array belongs to {@code manager}; close the
     * manager (or the array) when done.
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(FloatBuffer.wrap(pixels), new Shape(size(), channels, height, width), DataType.FLOAT32);
    }

    /** Number of images per class index. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /**
     * SHA-256 (hex) of the shape {@code (N, C, H, W)}, the pixel values (IEEE float bits, little
     * endian) and the labels, for provenance: equal hashes mean equal data. Names do not enter.
     */
    public String sha256() {
        MessageDigest md = deepsvddlab.io.Hashing.newSha256();
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(size()).putInt(channels).putInt(height).putInt(width);
        md.update(head.array());
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int chunk = buf.capacity() / 4;
        for (int off = 0; off < pixels.length; off += chunk) {
            int len = Math.min(chunk, pixels.length - off);
            buf.clear();
            buf.asFloatBuffer().put(pixels, off, len);
            md.update(buf.array(), 0, 4 * len);
        }
        for (int off = 0; off < labels.length; off += chunk) {
            int len = Math.min(chunk, labels.length - off);
            buf.clear();
            buf.asIntBuffer().put(labels, off, len);
            md.update(buf.array(), 0, 4 * len);
        }
        return deepsvddlab.io.Hashing.hex(md);
    }

    @Override
    public String toString() {
        return "ImageSet[" + name + ": " + size() + " x " + channels + "x" + height + "x" + width + ", "
                + classNames.size() + " classes]";
    }
}
