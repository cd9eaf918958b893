package dev.palisade.source;

/** Reads a live cluster through the Kubernetes API (read-only). */
public final class LiveClusterSource {

    private LiveClusterSource() {
    }

    public static Loaded load(LiveClusterOptions options) {
        throw new SourceException("live cluster reading is not available yet");
    }
}
