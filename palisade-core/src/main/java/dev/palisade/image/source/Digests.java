package dev.palisade.image.source;

import dev.palisade.image.ImageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests ({@code sha256:<64 hex>}): validation, computation and display. */
public final class Digests {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    /** Rejects anything but a sha256 digest: digests become file names in layouts and the cache. */
    public static String requireValid(String digest, String where) {
        if (digest == null || !SHA256.matcher(digest).matches()) {
            throw new ImageException(where + ": '" + digest + "' is not a sha256 digest");
        }
        return digest;
    }

    public static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    public static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    public static String sha256(byte[] content) {
        MessageDigest md = newSha256();
        return "sha256:" + HexFormat.of().formatHex(md.digest(content));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code sha256:0123456789ab}, for messages. */
    public static String shorten(String digest) {
        return digest != null && digest.length() > 19 ? digest.substring(0, 19) : String.valueOf(digest);
    }
}
