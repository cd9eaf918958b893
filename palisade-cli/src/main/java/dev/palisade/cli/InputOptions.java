package dev.palisade.cli;

import dev.palisade.source.InventoryLoader;
import dev.palisade.source.LiveClusterOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the inventory comes from besides manifest paths: a live cluster, a snapshot, and the file-size limit.
 * Commands whose positional parameters are not paths (rbac) use it directly; the others through SourceOptions.
 */
final class InputOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Read a live cluster with this kubeconfig.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Read a live cluster through this kubeconfig context.")
    String context;

    @Option(names = "--cluster", description = "Read the live cluster of the current context ($KUBECONFIG,"
            + " ~/.kube/config, or the in-cluster service account).")
    boolean cluster;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "Read a snapshot saved by 'palisade snapshot save'.")
    Path snapshot;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "32MB",
            description = "Refuse manifest files larger than this (default: ${DEFAULT-VALUE}).")
    String maxFileSize;

    InventoryLoader.Request request(List<String> paths) {
        boolean live = cluster || kubeconfig != null || context != null;
        LiveClusterOptions liveOptions = live ? new LiveClusterOptions(kubeconfig, context) : null;
        return new InventoryLoader.Request(paths, System.in, liveOptions, snapshot, parseSize(maxFileSize));
    }

    /** {@code 32MB}, {@code 512k}, {@code 1G} or a number of bytes. */
    static long parseSize(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        long unit = 1;
        if (!value.isEmpty() && "KMG".indexOf(value.charAt(value.length() - 1)) >= 0) {
            unit = switch (value.charAt(value.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            value = value.substring(0, value.length() - 1);
        }
        try {
            long size = Long.parseLong(value.trim()) * unit;
            if (size <= 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --max-file-size '" + text + "' (e.g. 32MB, 512KB, 1GB)");
        }
    }

}
