package deepsvddlab.detect;

/** Validation of detector inputs (rows = samples, columns = features), shared by all detectors. */
public final class Inputs {
    private Inputs() {}

    /**
     * Checks that {@code x} is a non-empty rectangular matrix of finite values with at least one
     * column and returns its number of columns.
     *
     * @param name the argument's name for the error message, e.g. "trainNormals"
     */
    public static int checkMatrix(String name, float[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row, found "
                    + (x == null ? "null" : "0 rows") + "; pass one row per sample");
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(name + " must have at least one feature, found "
                    + (x[0] == null ? "a null row" : "0 columns") + " in row 0; flatten images to one row each");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException(name + " must be rectangular (" + d + " features per row), found "
                        + (row == null ? "a null row" : row.length + " features") + " at row " + i
                        + "; every row needs the same features");
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + " must be finite, found " + row[j] + " at row " + i
                            + ", column " + j + "; clean or impute the data first");
                }
            }
        }
        return d;
    }

    /** As {@link #checkMatrix}, and the number of columns must equal the training data's. */
    public static void checkMatrix(String name, float[][] x, int expectedFeatures) {
        int d = checkMatrix(name, x);
        if (d != expectedFeatures) {
            throw new IllegalArgumentException(name + " must have " + expectedFeatures
                    + " features like the training data, found " + d + "; apply the same preprocessing as for fitting");
        }
    }
}
