package deepsvddlab.train;

import deepsvddlab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The per-epoch records of one or more training phases, in order; exported as CSV. */
public final class History {
    private final List<EpochRecord> records = new ArrayList<>();
    private boolean stoppedEarly;

    /** Adds a record. */
    public synchronized void add(EpochRecord r) {
        records.add(r);
    }

    /** Appends all records of another history. */
    public synchronized History addAll(History other) {
        records.addAll(other.records());
        stoppedEarly |= other.stoppedEarly();
        return this;
    }

    synchronized void markStopped() {
        stoppedEarly = true;
    }

    /** True when training was interrupted before its last epoch. */
    public synchronized boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** An unmodifiable copy of the records. */
    public synchronized List<EpochRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    /** The records of one phase. */
    public List<EpochRecord> phase(String phase) {
        return records().stream().filter(r -> r.phase().equals(phase)).toList();
    }

    /** One metric of one phase, epoch by epoch. */
    public double[] series(String phase, String metric) {
        return phase(phase).stream().mapToDouble(r -> r.metric(metric)).toArray();
    }

    /** Total seconds spent in the recorded epochs. */
    public double totalSeconds() {
        return records().stream().mapToDouble(EpochRecord::seconds).sum();
    }

    /** CSV text: phase, epoch, seconds, then one column per metric seen in any record. */
    public String toCsv() {
        List<EpochRecord> rs = records();
        Set<String> names = new LinkedHashSet<>();
        rs.forEach(r -> names.addAll(new java.util.TreeMap<>(r.metrics()).keySet()));
        StringBuilder sb = new StringBuilder("phase,epoch,epochs,seconds");
        names.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (EpochRecord r : rs) {
            sb.append(r.phase())
                    .append(',')
                    .append(r.epoch())
                    .append(',')
                    .append(r.epochs())
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", r.seconds()));
            for (String n : names) {
                Double v = r.metrics().get(n);
                sb.append(',').append(v == null ? "" : Double.toString(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The history written by {@link #toCsv()} (the estimated time left is not kept, and reads as 0).
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not such a CSV
     */
    public static History fromCsv(String csv, String what) {
        String[] lines = csv.split("\n");
        String[] head = lines[0].split(",", -1);
        if (head.length < 4 || !lines[0].startsWith("phase,epoch,epochs,seconds")) {
            throw new IllegalArgumentException(what + " must start with the header phase,epoch,epochs,seconds, found \""
                    + lines[0] + "\"; delete it to train again");
        }
        History h = new History();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            try {
                if (f.length != head.length) {
                    throw new NumberFormatException(f.length + " fields where the header has " + head.length);
                }
                Map<String, Double> metrics = new java.util.LinkedHashMap<>();
                for (int k = 4; k < f.length; k++) {
                    if (!f[k].isEmpty()) {
                        metrics.put(head[k], Double.parseDouble(f[k]));
                    }
                }
                h.add(new EpochRecord(
                        f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), metrics, Double.parseDouble(f[3]), 0));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        what + " line " + (i + 1) + " must hold phase, epoch, epochs, seconds "
                                + "and numbers, found \"" + lines[i] + "\" (" + e.getMessage()
                                + "); delete it to train again",
                        e);
            }
        }
        return h;
    }

    /** Writes {@link #toCsv()} atomically. */
    public Path writeCsv(Path file) {
        return AtomicFiles.writeString(file, toCsv());
    }
}
