package dev.palisade.bench;

import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.network.ConnectivityMap;
import dev.palisade.network.Flow;
import dev.palisade.network.NetworkModel;
import dev.palisade.network.Reachability;
import dev.palisade.source.Loaded;
import dev.palisade.source.ManifestSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full workload reachability: from a loaded snapshot, parse every NetworkPolicy, group pods into classes and
 * signatures, and list every allowed connection between workloads and external ranges
 * ({@link ConnectivityMap#of}). One invocation is one complete map. Clusters from {@link NetworkClusterGenerator}:
 * 10,000 pods in 500 namespaces with 2,000 policies, and 100,000 pods in 5,000 namespaces with 20,000 policies.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class NetworkBenchmark {

    @Param({"10000:500", "100000:5000"})
    public String podsAndNamespaces;

    private Snapshot snapshot;
    private int flows;

    @Setup(Level.Trial)
    public void generate() {
        String[] parts = podsAndNamespaces.split(":");
        int pods = Integer.parseInt(parts[0]);
        int namespaces = Integer.parseInt(parts[1]);
        String yaml = NetworkClusterGenerator.generate(namespaces, pods);
        Loaded loaded = new ManifestSource().parse("generated.yaml", yaml);
        snapshot = InventoryBuilder.build(new SnapshotInfo(List.of("generated"), "", Instant.now()),
                loaded.documents(), loaded.problems());
        long podCount = snapshot.ofKind("Pod").size();
        long policies = snapshot.ofKind("NetworkPolicy").size();
        if (podCount != pods + 1 || policies != (long) namespaces * NetworkClusterGenerator.POLICIES_PER_NAMESPACE
                || !snapshot.problems().isEmpty()) {
            throw new IllegalStateException("generated cluster has " + podCount + " pods, " + policies
                    + " policies, " + snapshot.problems().size() + " problems");
        }
        System.out.printf("%n%d pods, %d workloads, %d namespaces, %d NetworkPolicies%n", podCount,
                snapshot.workloads().size(), snapshot.ofKind("Namespace").size(), policies);
    }

    @Benchmark
    public List<Flow> fullReachability() {
        Reachability reachability = Reachability.of(NetworkModel.of(snapshot));
        List<Flow> result = ConnectivityMap.of(reachability);
        flows = result.size();
        return result;
    }

    @TearDown(Level.Trial)
    public void report() {
        Reachability reachability = Reachability.of(NetworkModel.of(snapshot));
        System.out.printf("%n%d allowed workload connections; %d pod classes, %d source and %d destination signatures%n",
                flows, reachability.classes().size(), reachability.sourceSignatureCount(),
                reachability.destinationSignatureCount());
    }
}
