package dev.palisade;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared conformance data ({@code ../shared} beside the checkout). */
public final class SharedData {

    private SharedData() {
    }

    /** A path inside the shared data; fails the test with a clear message when the data is missing. */
    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.exists(candidate.resolve(relative))) {
                return candidate.resolve(relative);
            }
        }
        throw new AssertionError("shared conformance data not found: expected ../shared/" + relative
                + " beside the checkout");
    }
}
