package dev.palisade.network;

import dev.palisade.inventory.ObjectRef;

/** One end of a connection: a workload, or a range of addresses outside the cluster. */
public sealed interface Endpoint extends Comparable<Endpoint> permits Endpoint.WorkloadEndpoint, Endpoint.External {

    /** How connectivity maps print the endpoint: {@code ns/name[Kind]} or {@code first-last[External]}. */
    String label();

    @Override
    default int compareTo(Endpoint other) {
        return label().compareTo(other.label());
    }

    record WorkloadEndpoint(ObjectRef ref) implements Endpoint {
        @Override
        public String label() {
            return ref.namespace() + "/" + ref.name() + "[" + ref.kind() + "]";
        }
    }

    /** A contiguous address range. */
    record External(IpSet range) implements Endpoint {
        @Override
        public String label() {
            return range.ranges().get(0) + "[External]";
        }
    }
}
