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

    /** A workload; the label is computed once, as maps sort and compare it often. */
    record WorkloadEndpoint(ObjectRef ref, String label) implements Endpoint {
        public WorkloadEndpoint(ObjectRef ref) {
            this(ref, ref.namespace() + "/" + ref.name() + "[" + ref.kind() + "]");
        }
    }

    /** A contiguous address range. */
    record External(IpSet range, String label) implements Endpoint {
        public External(IpSet range) {
            this(range, range.ranges().get(0) + "[External]");
        }
    }
}
