package dev.palisade.image.layer;

import dev.palisade.image.ImageException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file tree an image's layers add up to, as overlay filesystems build it: a later layer's entry replaces the
 * earlier one, whiteouts ({@code .wh.NAME}) delete, opaque markers ({@code .wh..wh..opq}) hide a directory's lower
 * content. Only metadata is kept per path, plus a payload of the caller's (what was read from the file).
 *
 * @param <T> what the caller attaches to a file
 */
public final class LayeredFileSystem<T> {

    /** Symlink hops before a lookup is declared a loop (Linux's limit). */
    private static final int MAX_LINKS = 40;

    public enum Kind { FILE, DIRECTORY, SYMLINK }

    /**
     * One visible path.
     *
     * @param kind       file, directory or symbolic link
     * @param layer      index of the layer that wrote it, lowest 0
     * @param size       file size in bytes
     * @param mode       permission bits
     * @param linkTarget a symbolic link's target as written
     * @param payload    what the caller read from the file, or null
     */
    public record Node<T>(Kind kind, int layer, long size, int mode, String linkTarget, T payload) {
    }

    private final TreeMap<String, Node<T>> nodes = new TreeMap<>();

    /** Adds or replaces {@code path}; anything but a directory also hides what was below it. */
    public void put(String path, Node<T> node) {
        Node<T> previous = nodes.put(path, node);
        if (previous != null && previous.kind() == Kind.DIRECTORY && node.kind() != Kind.DIRECTORY) {
            descendants(path).clear();
        }
    }

    /** Applies {@code .wh.NAME}: deletes the path and everything under it from lower layers. */
    public void whiteout(String path, int layer) {
        Node<T> existing = nodes.get(path);
        if (existing != null && existing.layer() < layer) {
            nodes.remove(path);
        }
        hideLower(path, layer);
    }

    /** Applies {@code .wh..wh..opq}: the directory keeps only what {@code layer} itself puts in it. */
    public void opaque(String dir, int layer) {
        hideLower(dir, layer);
    }

    private void hideLower(String dir, int layer) {
        descendants(dir).values().removeIf(n -> n.layer() < layer);
    }

    private Map<String, Node<T>> descendants(String dir) {
        // '0' is the character after '/': the range holds exactly the paths under dir/.
        return dir.isEmpty() ? nodes : nodes.subMap(dir + "/", dir + "0");
    }

    public Optional<Node<T>> get(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    public Collection<Map.Entry<String, Node<T>>> entries() {
        return nodes.entrySet();
    }

    /**
     * Follows symbolic links in every segment of {@code path}, as the kernel would inside the image's root.
     *
     * @return the final path and node; empty when some segment does not exist
     * @throws ImageException on a symbolic link loop, or a link that climbs above the image's root
     */
    public Optional<Map.Entry<String, Node<T>>> resolve(String path) {
        int hops = 0;
        String resolved = "";
        String remaining = path;
        while (!remaining.isEmpty()) {
            int slash = remaining.indexOf('/');
            String segment = slash < 0 ? remaining : remaining.substring(0, slash);
            remaining = slash < 0 ? "" : remaining.substring(slash + 1);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    throw new ImageException("/" + path + ": a symbolic link points outside the image");
                }
                resolved = TarPaths.parent(resolved);
                continue;
            }
            String candidate = TarPaths.join(resolved, segment);
            Node<T> node = nodes.get(candidate);
            if (node == null) {
                if (remaining.isEmpty()) {
                    return Optional.empty();
                }
                resolved = candidate;  // layers need not list parent directories
                continue;
            }
            if (node.kind() == Kind.SYMLINK) {
                if (++hops > MAX_LINKS) {
                    throw new ImageException("/" + path + ": symbolic link loop (more than " + MAX_LINKS
                            + " links followed)");
                }
                String target = node.linkTarget();
                if (target.startsWith("/")) {
                    resolved = "";
                    target = target.substring(1);
                }
                remaining = remaining.isEmpty() ? target : target + "/" + remaining;
                continue;
            }
            resolved = candidate;
        }
        Node<T> node = nodes.get(resolved);
        return node == null ? Optional.empty() : Optional.of(Map.entry(resolved, node));
    }
}
