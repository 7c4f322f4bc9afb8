package deepsvddlab.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.stream.DoubleStream;

/** Number formatting for tick labels, cell text and progress lines, and the ranges they need. */
final class Fmt {
    private Fmt() {}

    /**
     * A short decimal: {@code sig} significant digits, trailing zeros dropped; scientific
     * ({@code 1e-4}, {@code 2.5e6}) below 1e-3 and from 1e5 in magnitude.
     */
    static String compact(double v, int sig) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(sig));
        double a = Math.abs(d.doubleValue());
        if (a < 1e-3 || a >= 1e5) {
            int exp = d.precision() - d.scale() - 1;
            BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + exp;
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** Seconds as m:ss, or h:mm:ss from one hour. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** True when every value is a whole number, printed without decimals. */
    static boolean integers(double[][] z) {
        return Arrays.stream(z).flatMapToDouble(Arrays::stream).allMatch(v -> v == Math.rint(v) && Math.abs(v) < 1e15);
    }

    /** {min, max} of the finite values; min &gt; max when there is none. */
    static double[] finiteRange(DoubleStream values) {
        DoubleSummaryStatistics s = values.filter(Double::isFinite).summaryStatistics();
        return new double[] {s.getMin(), s.getMax()};
    }
}
