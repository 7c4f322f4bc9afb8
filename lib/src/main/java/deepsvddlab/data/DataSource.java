package deepsvddlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an experiment's images come from: a standard data set under the data folder
 * ({@link DatasetId}), a user's image folder (one sub-folder per class), or a user's CSV of feature
 * vectors with a label column. Written on the command line as {@code fashion-mnist},
 * {@code folder:PATH} or {@code csv:PATH} (with {@code --label-column}).
 *
 * <p>A folder or CSV has no standard test part: a stratified {@link #TEST_FRACTION} of each class
 * is held out with the fixed seed {@link #SPLIT_SEED}, so the test set does not move with the run's
 * seed. Folder images are converted to grey and resized to 28x28 (the LeNet's input; bilinear, see
 * {@link ImageFolderReader}); CSV rows are (1, 1, D) feature vectors for the MLP network.
 *
 * @param id the standard data set, or null for a folder or CSV
 * @param path the folder or CSV file, or null for a standard data set
 * @param labelColumn the CSV's label column, or null
 */
public record DataSource(DatasetId id, Path path, String labelColumn) {
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
        if (s != null && s.startsWith("folder:")) {
            Path p = Path.of(s.substring(7));
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(
                        "folder:PATH must name a folder with one sub-folder per class, found "
                                + (Files.exists(p) ? "a file" : "nothing") + " at " + p + "; check the path");
            }
            return new DataSource(null, p, null);
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

    /** A short name for folder names and tables: the id, or {@code folder-NAME} / {@code csv-NAME}. */
    public String name() {
        if (id != null) {
            return id.id();
        }
        String base = path.getFileName() == null
                ? "data"
                : path.getFileName().toString().replaceAll("\\.csv$", "");
        return (isCsv() ? "csv-" : "folder-") + base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** What the run record stores: the id, or the kind, the absolute path and the label column. */
    public String describe() {
        return id != null
                ? id.id()
                : (isCsv() ? "csv:" : "folder:")
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
                        + (isCsv() ? ")" : "; grey, resized to 28x28)"));
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
