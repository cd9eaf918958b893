package dev.palisade.scan;

/** Small helpers for the sentences answers are written in. */
public final class Text {

    private Text() {
    }

    /** {@code 1 workload}, {@code 3 workloads}; nouns here all take a plain -s. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
