package dev.palisade.network;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An immutable set of connections: ports per protocol. Printed the way {@code roxctl netpol connectivity map}
 * prints them: {@code All Connections}, {@code No Connections}, or {@code SCTP 7070,TCP 8080-8081,UDP 9090}
 * (protocols in alphabetical order; a protocol with every port is printed alone).
 */
public final class Connections {

    public static final Connections NONE = new Connections(new EnumMap<>(Protocol.class));
    public static final Connections ALL;

    static {
        EnumMap<Protocol, PortSet> all = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            all.put(protocol, PortSet.ALL);
        }
        ALL = new Connections(all);
    }

    private final EnumMap<Protocol, PortSet> ports;
    private final int hash;

    private Connections(EnumMap<Protocol, PortSet> ports) {
        this.ports = ports;
        this.hash = ports.hashCode();
    }

    public static Connections of(Protocol protocol, PortSet set) {
        if (set.isEmpty()) {
            return NONE;
        }
        EnumMap<Protocol, PortSet> map = new EnumMap<>(Protocol.class);
        map.put(protocol, set);
        return new Connections(map);
    }

    public static Connections of(Protocol protocol, int port) {
        return of(protocol, PortSet.of(port));
    }

    public PortSet ports(Protocol protocol) {
        return ports.getOrDefault(protocol, PortSet.NONE);
    }

    public boolean isEmpty() {
        return ports.isEmpty();
    }

    public boolean isAll() {
        return this == ALL || ports.size() == Protocol.values().length
                && ports.values().stream().allMatch(PortSet::isAll);
    }

    public boolean allows(Protocol protocol, int port) {
        return ports(protocol).contains(port);
    }

    /** Whether every connection of {@code other} is in this set. */
    public boolean containsAll(Connections other) {
        return other.minus(this).isEmpty();
    }

    public Connections union(Connections other) {
        if (other.isEmpty() || this == ALL) {
            return this;
        }
        if (this.isEmpty() || other == ALL) {
            return other;
        }
        return combine(other, PortSet::union);
    }

    public Connections intersect(Connections other) {
        if (this == ALL || other.isEmpty()) {
            return other;
        }
        if (other == ALL || this.isEmpty()) {
            return this;
        }
        return combine(other, PortSet::intersect);
    }

    public Connections minus(Connections other) {
        if (other.isEmpty() || this.isEmpty()) {
            return this;
        }
        return combine(other, PortSet::minus);
    }

    private Connections combine(Connections other, java.util.function.BinaryOperator<PortSet> operator) {
        EnumMap<Protocol, PortSet> result = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            PortSet set = operator.apply(ports(protocol), other.ports(protocol));
            if (!set.isEmpty()) {
                result.put(protocol, set);
            }
        }
        Connections combined = new Connections(result);
        return combined.isEmpty() ? NONE : combined.isAll() ? ALL : combined;
    }

    /** Per protocol, the allowed ports (only protocols with some port). */
    public Map<Protocol, PortSet> byProtocol() {
        return java.util.Collections.unmodifiableMap(ports);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connections other && hash == other.hash && ports.equals(other.ports);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "No Connections";
        }
        if (isAll()) {
            return "All Connections";
        }
        StringJoiner joiner = new StringJoiner(",");
        ports.forEach((protocol, set) -> joiner.add(set.isAll() ? protocol.name() : protocol.name() + " " + set));
        return joiner.toString();
    }
}
