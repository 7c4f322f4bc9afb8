package deepsvddlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an experiment's images come from: a standard data set under the data folder
 * ({@link DatasetId}), a user's image folder (one sub-folder per class), or a user's CSV of feature
 * vectors with a label column. Written on the command line as {@code fashion-mnist},
 * {@code folder:PATH}, {@code folder-rgb:PATH} or {@code csv:PATH} (with {@code --label-column}).
 *
 * <p>A folder or CSV has no standard test part: a stratified {@link #TEST_FRACTION} of each class
 * is held out with the fixed seed {@link #SPLIT_SEED}, so the test set does not move with the run's
 * seed. The images of {@code folder:} are converted to grey (ITU-R 601 luma) and resized to 28x28,
 * the MNIST LeNet's input; those of {@code folder-rgb:} keep their red, green and blue channels and
 * are resized to 32x32, the CIFAR-10 networks' input (bilinear in both, whatever the aspect ratio:
 * crop first to keep it; see {@link ImageFolderReader}). CSV rows are (1, 1, D) feature vectors for
 * the MLP network.
 *
 * @param id the standard data set, or null for a folder or CSV
 * @param path the folder or CSV file, or null for a standard data set
 * @param labelColumn the CSV's label column, or null
 * @param rgb true for a {@code folder-rgb:} folder (3x32x32 images)
 */
public record DataSource(DatasetId id, Path path, String labelColumn, boolean rgb) {
    /** The share of each class a folder or CSV holds out for testing. */
    public static final double TEST_FRACTION = 0.2;

    /** The seed of that hold-out split. */
    public static final long SPLIT_SEED = 0;

    public DataSource {
        if ((id == null) == (path == null)) {
            throw new IllegalArgumentException(
                    "data source must be a data set id or a path, found id=" + id + ", path=" + path);
        }
        if (path != null && labelColumn != null && labelColumn.isBlank()) {
            throw new IllegalArgumentException("labelColumn must be a column name, found a blank one");
        }
        if (rgb && (path == null || labelColumn != null)) {
            throw new IllegalArgumentException(
                    "rgb applies to an image folder only, found id=" + id + ", labelColumn=" + labelColumn);
        }
    }

    /** A standard data set, an image folder (grey) or a CSV ({@code labelColumn} set). */
    public DataSource(DatasetId id, Path path, String labelColumn) {
        this(id, path, labelColumn, false);
    }

    /** A standard data set. */
    public static DataSource of(DatasetId id) {
        return new DataSource(id, null, null);
    }

    /**
     * Parses {@code fashion-mnist} (any {@link DatasetId}), {@code folder:PATH} or {@code csv:PATH}.
     *
     * @param labelColumn required with {@code csv:}, ignored otherwise
     */
    public static DataSource parse(String s, String labelColumn) {
        for (String kind : new String[] {"folder:", "folder-rgb:"}) {
            if (s != null && s.startsWith(kind)) {
                Path p = Path.of(s.substring(kind.length()));
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(kind + "PATH must name a folder with one sub-folder per class,"
                            + " found " + (Files.exists(p) ? "a file" : "nothing") + " at " + p + "; check the path");
                }
                return new DataSource(null, p, null, kind.equals("folder-rgb:"));
            }
        }
        if (s != null && s.startsWith("csv:")) {
            Path p = Path.of(s.substring(4));
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(
                        "csv:PATH must name a CSV file, found nothing at " + p + "; check the path");
            }
            if (labelColumn == null) {
                throw new IllegalArgumentException("--label-column must be given with csv:PATH, found none;"
                        + " name the column that holds each row's class");
            }
            return new DataSource(null, p, labelColumn);
        }
        return of(DatasetId.parse(s));
    }

    /** True for a CSV of feature vectors. */
    public boolean isCsv() {
        return labelColumn != null;
    }

    /** True for colour images (3x32x32): CIFAR-10, the synthetic colour set or a {@code folder-rgb:}. */
    public boolean colour() {
        return id != null ? id.colour() : rgb;
    }

    /** A short name for folder names and tables: the id, or {@code folder-NAME} / {@code csv-NAME}. */
    public String name() {
        if (id != null) {
            return id.id();
        }
        String base = path.getFileName() == null
                ? "data"
                : path.getFileName().toString().replaceAll("\\.csv$", "");
        return (isCsv() ? "csv-" : rgb ? "folder-rgb-" : "folder-") + base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** What the run record stores: the id, or the kind, the absolute path and the label column. */
    public String describe() {
        return id != null
                ? id.id()
                : (isCsv() ? "csv:" : rgb ? "folder-rgb:" : "folder:")
                        + path.toAbsolutePath()
                        + (isCsv() ? " (label column " + labelColumn + ")" : "");
    }

    /** Reads the train and test parts ({@code dataDir} is used for standard data sets only). */
    public TrainTest load(Path dataDir) {
        if (id != null) {
            return Datasets.load(id, dataDir);
        }
        ImageSet all = isCsv()
                ? CsvFeatureReader.read(path, labelColumn)
                : rgb
                        ? ImageFolderReader.readAll(path, 32, 32, ImageFolderReader.ColorMode.RGB)
                        : ImageFolderReader.readAll(path, 28, 28, ImageFolderReader.ColorMode.GRAYSCALE);
        if (all.classNames().size() < 2) {
            throw new IllegalArgumentException((isCsv()
                            ? "CSV file " + path + " must hold at least two classes in column " + labelColumn
                            : "image folder " + path + " must hold at least two class sub-folders")
                    + " for the one-class"
                    + " protocol (normal and anomalies to test on), found "
                    + all.classNames().size() + " " + all.classNames()
                    + "; add the anomalies as another " + (isCsv() ? "label" : "sub-folder"));
        }
        int[][] split = Splits.stratifiedSplit(all.labels(), all.classNames().size(), TEST_FRACTION, SPLIT_SEED);
        String base = name();
        return new TrainTest(
                all.subset(split[0]).withName(base + " train"),
                all.subset(split[1]).withName(base + " test"),
                describe() + " (" + all.size() + " items; a stratified " + TEST_FRACTION
                        + " of each class held out, seed " + SPLIT_SEED
                        + (isCsv() ? ")" : rgb ? "; RGB, resized to 32x32)" : "; grey, resized to 28x28)"));
    }

    /** The feature count of a CSV source (its header's columns but the label), without reading the rows. */
    public int csvFeatureCount() {
        try (java.io.BufferedReader in = Files.newBufferedReader(path)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    return line.split(",", -1).length - 1;
                }
            }
            throw new IllegalArgumentException("CSV file " + path + " must have a header line, found an empty file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
