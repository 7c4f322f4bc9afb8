package deepsvddlab.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The library's one SHA-256 helper: hex digests of strings, files and incremental inputs. */
public final class Hashing {
    private Hashing() {}

    /** A new SHA-256 digest (present in every Java runtime). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Lower-case hex of a finished digest. */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 (hex) of the UTF-8 bytes of {@code s}. */
    public static String sha256(String s) {
        MessageDigest md = newSha256();
        md.update(s.getBytes(StandardCharsets.UTF_8));
        return hex(md);
    }

    /** SHA-256 (hex) of a file's bytes. */
    public static String sha256(java.nio.file.Path file) throws java.io.IOException {
        return digest(file, "SHA-256");
    }

    /** The hex digest of a file's bytes with {@code algorithm} ("SHA-256", "MD5" for published checksums). */
    public static String digest(java.nio.file.Path file, String algorithm) throws java.io.IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return hex(md);
    }
}
