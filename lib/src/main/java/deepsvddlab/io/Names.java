package deepsvddlab.io;

import java.util.List;

/** Closest-name suggestions for error messages (Levenshtein distance). */
public final class Names {
    private Names() {}

    /** {@code "; did you mean 'x'?"} for the closest of {@code valid} within distance 3, else "". */
    public static String didYouMean(String found, List<String> valid) {
        if (found == null) {
            return "";
        }
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(found.toLowerCase(java.util.Locale.ROOT), v.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = v;
            }
        }
        return best != null && bestD <= 3 ? "; did you mean '" + best + "'?" : "";
    }

    /** The edit distance between two strings. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * The value of {@code values} whose id is {@code s} (trimmed, case-insensitive), else an
     * IllegalArgumentException "<what> must be one of <ids>, found '<s>'; did you mean ...".
     */
    public static <E> E byId(E[] values, java.util.function.Function<E, String> id, String s, String what) {
        String t = s == null ? null : s.trim().toLowerCase(java.util.Locale.ROOT);
        List<String> ids = new java.util.ArrayList<>();
        for (E v : values) {
            if (id.apply(v).equals(t)) {
                return v;
            }
            ids.add(id.apply(v));
        }
        throw new IllegalArgumentException(
                what + " must be one of " + String.join(", ", ids) + ", found '" + s + "'" + didYouMean(s, ids));
    }
}
