package dev.palisade.scan;

import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.source.Loaded;
import dev.palisade.source.ManifestSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Builds snapshots from manifest text the way the CLI does: ManifestSource.parse, then InventoryBuilder.build. */
public final class TestInventory {

    /** A fixed load time, so rendered output does not depend on the clock. */
    public static final Instant LOADED_AT = Instant.parse("2025-01-15T10:00:00Z");

    private TestInventory() {
    }

    public static Snapshot snapshot(String origin, String yaml) {
        Loaded loaded = new ManifestSource().parse(origin, yaml);
        return InventoryBuilder.build(new SnapshotInfo(List.of(origin), "", LOADED_AT), loaded.documents(),
                loaded.problems());
    }

    /** Reads a test resource (path relative to the classpath root) as UTF-8 text. */
    public static String resource(String path) {
        try (InputStream in = TestInventory.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snapshot of a test resource, with the resource path as origin. */
    public static Snapshot fromResource(String path) {
        return snapshot(path, resource(path));
    }
}
