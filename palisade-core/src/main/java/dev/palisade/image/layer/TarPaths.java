package dev.palisade.image.layer;

/** Layer entry names as image paths: relative, {@code /}-separated, no {@code .} or {@code ..}, no trailing slash. */
public final class TarPaths {

    private TarPaths() {
    }

    /**
     * The image path of a tar entry name ({@code ./usr/bin/} → {@code usr/bin}); "" for the root.
     *
     * @throws IllegalArgumentException for absolute names and names with {@code ..}: a layer that carries them is
     *                                  malformed or hostile, and Palisade refuses to guess what they mean
     */
    public static String normalize(String name) {
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("absolute path '" + name + "' in a layer");
        }
        StringBuilder out = new StringBuilder(name.length());
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("path '" + name + "' climbs out with '..'");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    /** The parent directory of an image path; "" for top-level entries. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment of an image path. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code a/b} joined with {@code c} → {@code a/b/c}. */
    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
