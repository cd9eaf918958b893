package dev.palisade.network;

import java.time.Instant;
import java.util.List;

/**
 * A connection seen on the wire (from flow logs, Hubble, VPC flow logs...), resolved against the inventory: at
 * least one end is a workload; the other is a workload or a single external address ({@link Endpoint.External}
 * of one address).
 *
 * @param lastSeen when the flow was last seen, or null when the input did not say
 */
public record ObservedFlow(Endpoint source, Endpoint destination, Protocol protocol, int port, Instant lastSeen) {

    public Connections connections() {
        return Connections.of(protocol, port);
    }

    /** {@code src => dst : TCP 8080}, with a single external address printed as {@code 203.0.113.7[External]}. */
    public String line() {
        return label(source) + " => " + label(destination) + " : " + protocol + " " + port;
    }

    /** The endpoint's label; an observed external end is one address, printed without a range. */
    public static String label(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.External external) {
            List<String> cidrs = external.range().cidrs();
            String cidr = cidrs.get(0);
            boolean oneAddress = cidrs.size() == 1 && (cidr.endsWith("/32") && cidr.indexOf(':') < 0 || cidr.endsWith("/128"));
            if (oneAddress) {
                return cidr.substring(0, cidr.indexOf('/')) + "[External]";
            }
        }
        return endpoint.label();
    }
}
