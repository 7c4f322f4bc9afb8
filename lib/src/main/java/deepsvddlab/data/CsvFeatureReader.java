package deepsvddlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reader of feature vectors from a CSV file: a header row with column names, then one row per
 * sample, comma separated, numbers in Java/Python notation ({@code 1.5}, {@code -2e-3}, {@code NaN} is
 * refused). One named column holds the label; all other columns are features, in file order.
 *
 * <p>The result is an {@link ImageSet} with {@code channels = 1, height = 1, width = D} (D = number of
 * feature columns). Label values are mapped to class indices in sorted order of their distinct
 * values: numerically if all labels are numbers ({@code 2 < 10}), else as strings. The class names
 * are the label values as written. Blank lines are skipped; fields may be enclosed in double quotes
 * (no commas or quotes inside them).
 */
public final class CsvFeatureReader {
    private CsvFeatureReader() {}

    /**
     * Reads {@code csv}, taking the column named {@code labelColumn} as the label.
     *
     * @throws IllegalArgumentException for a missing file or column, a ragged row or a non-numeric feature
     */
    public static ImageSet read(Path csv, String labelColumn) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("CSV file " + csv + " must exist, found nothing there; check the path");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] header;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            int lineNo = 1;
            while (line != null && line.isBlank()) {
                line = in.readLine();
                lineNo++;
            }
            if (line == null) {
                throw new IllegalArgumentException(
                        "CSV file " + csv + " must start with a header row, found an empty file"
                                + "; write the column names on the first line");
            }
            header = split(line.startsWith("\uFEFF") ? line.substring(1) : line);
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(split(line));
                    lineNumbers.add(lineNo);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV file " + csv + ": " + e.getMessage(), e);
        }
        int labelCol = -1;
        for (int k = 0; k < header.length; k++) {
            if (header[k].equals(labelColumn)) {
                labelCol = k;
            }
        }
        if (labelCol < 0) {
            throw new IllegalArgumentException(
                    "label column of " + csv + " must be one of the header's columns " + List.of(header) + ", found '"
                            + labelColumn + "'; give the name of the column that holds the class");
        }
        int d = header.length - 1;
        if (d < 1) {
            throw new IllegalArgumentException("CSV file " + csv + " must have at least one feature column besides '"
                    + labelColumn + "', found none; add feature columns");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("CSV file " + csv + " must have at least one data row after the header, "
                    + "found none; add the samples");
        }
        float[] pixels = new float[rows.size() * d];
        String[] labelValues = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r.length != header.length) {
                throw new IllegalArgumentException("row on line " + lineNumbers.get(i) + " of " + csv + " must have "
                        + header.length + " fields like the header, found " + r.length + "; fix that row");
            }
            int j = 0;
            for (int k = 0; k < r.length; k++) {
                if (k == labelCol) {
                    labelValues[i] = r[k];
                    continue;
                }
                float v;
                try {
                    v = Float.parseFloat(r[k]);
                } catch (NumberFormatException e) {
                    v = Float.NaN;
                }
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("feature '" + header[k] + "' on line " + lineNumbers.get(i)
                            + " of " + csv + " must be a finite number, found '" + r[k] + "'; fix or impute the value");
                }
                pixels[i * d + j++] = v;
            }
        }
        Map<String, Integer> classIndex = classIndex(labelValues);
        int[] labels = new int[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classIndex.get(labelValues[i]);
        }
        List<String> classNames = new ArrayList<>(classIndex.keySet());
        return new ImageSet(csv.getFileName().toString(), pixels, labels, 1, 1, d, classNames);
    }

    /** Distinct label values in sorted order (numeric if all parse as numbers), mapped to 0, 1, 2, ... */
    private static Map<String, Integer> classIndex(String[] values) {
        boolean numeric = true;
        for (String v : values) {
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                numeric = false;
                break;
            }
        }
        Comparator<String> order = numeric
                ? Comparator.<String>comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeMap<String, Integer> map = new TreeMap<>(order);
        for (String v : values) {
            map.put(v, 0);
        }
        int k = 0;
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            e.setValue(k++);
        }
        return map;
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int k = 0; k < f.length; k++) {
            String t = f[k].trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).trim();
            }
            f[k] = t;
        }
        return f;
    }
}
