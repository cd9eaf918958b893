package dev.palisade.network;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * An immutable set of ports 1–65535, kept as sorted, disjoint, non-adjacent closed ranges
 * ({@code bounds[2i]..bounds[2i+1]}).
 */
public final class PortSet {

    public static final int MIN = 1;
    public static final int MAX = 65535;
    public static final PortSet NONE = new PortSet(new int[0]);
    public static final PortSet ALL = new PortSet(new int[] {MIN, MAX});

    private final int[] bounds;

    private PortSet(int[] bounds) {
        this.bounds = bounds;
    }

    /** The ports {@code from..to}, clipped to 1–65535. */
    public static PortSet range(int from, int to) {
        int lo = Math.max(MIN, from);
        int hi = Math.min(MAX, to);
        return lo > hi ? NONE : lo == MIN && hi == MAX ? ALL : new PortSet(new int[] {lo, hi});
    }

    public static PortSet of(int port) {
        return range(port, port);
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public boolean isAll() {
        return bounds.length == 2 && bounds[0] == MIN && bounds[1] == MAX;
    }

    public boolean contains(int port) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (port >= bounds[i] && port <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    public PortSet union(PortSet other) {
        if (other.isEmpty() || this.isAll()) {
            return this;
        }
        if (this.isEmpty() || other.isAll()) {
            return other;
        }
        int[] merged = new int[bounds.length + other.bounds.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < bounds.length || j < other.bounds.length) {
            int lo;
            int hi;
            if (j >= other.bounds.length || (i < bounds.length && bounds[i] <= other.bounds[j])) {
                lo = bounds[i];
                hi = bounds[i + 1];
                i += 2;
            } else {
                lo = other.bounds[j];
                hi = other.bounds[j + 1];
                j += 2;
            }
            if (n > 0 && lo <= merged[n - 1] + 1) {
                merged[n - 1] = Math.max(merged[n - 1], hi);
            } else {
                merged[n++] = lo;
                merged[n++] = hi;
            }
        }
        return create(Arrays.copyOf(merged, n));
    }

    public PortSet intersect(PortSet other) {
        if (this.isAll() || other.isEmpty()) {
            return other;
        }
        if (other.isAll() || this.isEmpty()) {
            return this;
        }
        int[] result = new int[bounds.length + other.bounds.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < bounds.length && j < other.bounds.length) {
            int lo = Math.max(bounds[i], other.bounds[j]);
            int hi = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (lo <= hi) {
                result[n++] = lo;
                result[n++] = hi;
            }
            if (bounds[i + 1] < other.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return create(Arrays.copyOf(result, n));
    }

    public PortSet minus(PortSet other) {
        return intersect(other.complement());
    }

    public PortSet complement() {
        int[] result = new int[bounds.length + 2];
        int n = 0;
        int next = MIN;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] > next) {
                result[n++] = next;
                result[n++] = bounds[i] - 1;
            }
            next = bounds[i + 1] + 1;
        }
        if (next <= MAX) {
            result[n++] = next;
            result[n++] = MAX;
        }
        return create(Arrays.copyOf(result, n));
    }

    /** Ranges as {@code [from, to]} pairs, for renderers and policy generation. */
    public int[][] ranges() {
        int[][] ranges = new int[bounds.length / 2][];
        for (int i = 0; i < bounds.length; i += 2) {
            ranges[i / 2] = new int[] {bounds[i], bounds[i + 1]};
        }
        return ranges;
    }

    private static PortSet create(int[] bounds) {
        if (bounds.length == 0) {
            return NONE;
        }
        return bounds.length == 2 && bounds[0] == MIN && bounds[1] == MAX ? ALL : new PortSet(bounds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** {@code 80,443,8000-8080}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(",");
        for (int i = 0; i < bounds.length; i += 2) {
            joiner.add(bounds[i] == bounds[i + 1] ? Integer.toString(bounds[i]) : bounds[i] + "-" + bounds[i + 1]);
        }
        return joiner.toString();
    }
}
