package dev.palisade.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of IP addresses as sorted, disjoint, non-adjacent closed intervals. IPv4 and IPv6 share one
 * number line: IPv4 addresses are 0 to 2^32-1, IPv6 addresses follow from 2^32, so no interval mixes families.
 */
public final class IpSet {

    private static final BigInteger V4_SIZE = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger V6_SIZE = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger V4_LAST = V4_SIZE.subtract(BigInteger.ONE);
    private static final BigInteger V6_FIRST = V4_SIZE;
    private static final BigInteger V6_LAST = V4_SIZE.add(V6_SIZE).subtract(BigInteger.ONE);

    public static final IpSet NONE = new IpSet(List.of());
    public static final IpSet ALL_V4 = new IpSet(interval(BigInteger.ZERO, V4_LAST));
    public static final IpSet ALL_V6 = new IpSet(interval(V6_FIRST, V6_LAST));

    private final List<BigInteger[]> intervals;

    private IpSet(List<BigInteger[]> intervals) {
        this.intervals = intervals;
    }

    /**
     * Parses a CIDR ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single literal address. Host bits are
     * ignored, as Kubernetes does for ipBlock. Empty when the text is not a literal CIDR or address.
     */
    public static Optional<IpSet> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        Optional<BigInteger> base = toNumber(address);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        boolean v4 = base.get().compareTo(V4_SIZE) < 0;
        int bits = v4 ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (prefix < 0 || prefix > bits) {
            return Optional.empty();
        }
        BigInteger offset = v4 ? BigInteger.ZERO : V6_FIRST;
        BigInteger raw = base.get().subtract(offset);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = raw.andNot(hostMask).add(offset);
        BigInteger last = raw.or(hostMask).add(offset);
        return Optional.of(new IpSet(interval(first, last)));
    }

    /** A literal address as a point on the shared number line; empty when not a literal address. */
    static Optional<BigInteger> toNumber(String address) {
        String value = address.trim();
        if (value.isEmpty() || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return Optional.empty(); // literal addresses only: InetAddress would otherwise look names up
        }
        if (value.indexOf(':') < 0 && value.split("\\.", -1).length != 4) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(value).getAddress();
            BigInteger number = new BigInteger(1, bytes);
            return Optional.of(bytes.length == 4 ? number : number.add(V6_FIRST));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static IpSet ofAddress(String address) {
        return toNumber(address).map(n -> new IpSet(interval(n, n))).orElse(NONE);
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public boolean contains(BigInteger address) {
        for (BigInteger[] interval : intervals) {
            if (address.compareTo(interval[0]) >= 0 && address.compareTo(interval[1]) <= 0) {
                return true;
            }
        }
        return false;
    }

    public boolean containsAll(IpSet other) {
        return other.minus(this).isEmpty();
    }

    public boolean overlaps(IpSet other) {
        return !intersect(other).isEmpty();
    }

    public IpSet union(IpSet other) {
        List<BigInteger[]> all = new ArrayList<>(intervals);
        all.addAll(other.intervals);
        all.sort((a, b) -> a[0].compareTo(b[0]));
        List<BigInteger[]> merged = new ArrayList<>();
        for (BigInteger[] interval : all) {
            BigInteger[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && interval[0].compareTo(last[1].add(BigInteger.ONE)) <= 0
                    && sameFamily(last[1], interval[0])) {
                if (interval[1].compareTo(last[1]) > 0) {
                    merged.set(merged.size() - 1, new BigInteger[] {last[0], interval[1]});
                }
            } else {
                merged.add(interval);
            }
        }
        return new IpSet(List.copyOf(merged));
    }

    public IpSet intersect(IpSet other) {
        List<BigInteger[]> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < intervals.size() && j < other.intervals.size()) {
            BigInteger[] a = intervals.get(i);
            BigInteger[] b = other.intervals.get(j);
            BigInteger lo = a[0].max(b[0]);
            BigInteger hi = a[1].min(b[1]);
            if (lo.compareTo(hi) <= 0) {
                result.add(new BigInteger[] {lo, hi});
            }
            if (a[1].compareTo(b[1]) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return new IpSet(List.copyOf(result));
    }

    public IpSet minus(IpSet other) {
        List<BigInteger[]> result = new ArrayList<>();
        for (BigInteger[] interval : intervals) {
            BigInteger start = interval[0];
            for (BigInteger[] cut : other.intervals) {
                if (cut[1].compareTo(start) < 0 || cut[0].compareTo(interval[1]) > 0) {
                    continue;
                }
                if (cut[0].compareTo(start) > 0) {
                    result.add(new BigInteger[] {start, cut[0].subtract(BigInteger.ONE)});
                }
                start = cut[1].add(BigInteger.ONE);
                if (start.compareTo(interval[1]) > 0) {
                    break;
                }
            }
            if (start.compareTo(interval[1]) <= 0) {
                result.add(new BigInteger[] {start, interval[1]});
            }
        }
        return new IpSet(List.copyOf(result));
    }

    private static List<BigInteger[]> interval(BigInteger first, BigInteger last) {
        return java.util.Collections.singletonList(new BigInteger[] {first, last});
    }

    private static boolean sameFamily(BigInteger a, BigInteger b) {
        return (a.compareTo(V4_SIZE) < 0) == (b.compareTo(V4_SIZE) < 0);
    }

    /** Each interval as {@code first-last} ({@code 10.0.0.0-10.255.255.255}), in address order. */
    public List<String> ranges() {
        List<String> ranges = new ArrayList<>(intervals.size());
        for (BigInteger[] interval : intervals) {
            ranges.add(format(interval[0]) + "-" + format(interval[1]));
        }
        return ranges;
    }

    /** The intervals as their own sets, in address order. */
    public List<IpSet> split() {
        return intervals.stream().map(i -> new IpSet(java.util.Collections.singletonList(i))).toList();
    }

    /** The smallest CIDR blocks that exactly cover this set, for writing ipBlocks. */
    public List<String> cidrs() {
        List<String> cidrs = new ArrayList<>();
        for (BigInteger[] interval : intervals) {
            boolean v4 = interval[0].compareTo(V4_SIZE) < 0;
            BigInteger offset = v4 ? BigInteger.ZERO : V6_FIRST;
            int bits = v4 ? 32 : 128;
            BigInteger start = interval[0].subtract(offset);
            BigInteger end = interval[1].subtract(offset);
            while (start.compareTo(end) <= 0) {
                int size = start.signum() == 0 ? bits : Math.min(bits, start.getLowestSetBit());
                while (size > 0 && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end) > 0) {
                    size--;
                }
                cidrs.add(format(start.add(offset)) + "/" + (bits - size));
                start = start.add(BigInteger.ONE.shiftLeft(size));
            }
        }
        return cidrs;
    }

    static String format(BigInteger number) {
        try {
            if (number.compareTo(V4_SIZE) < 0) {
                return InetAddress.getByAddress(toBytes(number, 4)).getHostAddress();
            }
            return InetAddress.getByAddress(toBytes(number.subtract(V6_FIRST), 16)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // lengths are always 4 or 16
        }
    }

    private static byte[] toBytes(BigInteger number, int length) {
        byte[] raw = number.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IpSet other) || other.intervals.size() != intervals.size()) {
            return false;
        }
        for (int i = 0; i < intervals.size(); i++) {
            if (!intervals.get(i)[0].equals(other.intervals.get(i)[0])
                    || !intervals.get(i)[1].equals(other.intervals.get(i)[1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (BigInteger[] interval : intervals) {
            hash = 31 * hash + interval[0].hashCode();
            hash = 31 * hash + interval[1].hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return String.join(",", ranges());
    }
}
