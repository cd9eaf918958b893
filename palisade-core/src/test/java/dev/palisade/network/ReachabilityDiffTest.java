package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.Endpoint.External;
import dev.palisade.network.Endpoint.WorkloadEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReachabilityDiffTest {

    private static final Endpoint A = new WorkloadEndpoint(new ObjectRef("apps/v1", "Deployment", "ns", "a"));
    private static final Endpoint B = new WorkloadEndpoint(new ObjectRef("apps/v1", "Deployment", "ns", "b"));
    private static final Endpoint C = new WorkloadEndpoint(new ObjectRef("apps/v1", "Deployment", "ns", "c"));
    private static final Connections HTTP = Connections.of(Protocol.TCP, 80);
    private static final Connections HTTPS = Connections.of(Protocol.TCP, 443);

    private static Endpoint range(String cidr) {
        return new External(IpSet.parse(cidr).orElseThrow());
    }

    private static List<String> lines(List<ReachabilityDiff.Change> changes) {
        return changes.stream().map(c -> c.kind() + " " + c.source().label() + " => " + c.destination().label() + " : "
                + c.before() + " -> " + c.after() + " (+" + c.added() + " -" + c.removed() + ")").toList();
    }

    @Test
    void pathsAddedRemovedAndChanged() {
        List<Flow> before = List.of(new Flow(A, B, HTTP.union(HTTPS)), new Flow(A, C, HTTP), new Flow(B, C, HTTP));
        List<Flow> after = List.of(new Flow(A, B, HTTPS), new Flow(B, C, HTTP), new Flow(C, A, Connections.ALL));

        assertThat(lines(ReachabilityDiff.of(before, after))).containsExactly(
                "changed ns/a[Deployment] => ns/b[Deployment] : TCP 80,443 -> TCP 443 (+No Connections -TCP 80)",
                "removed ns/a[Deployment] => ns/c[Deployment] : TCP 80 -> No Connections (+No Connections -TCP 80)",
                "added ns/c[Deployment] => ns/a[Deployment] : No Connections -> All Connections (+All Connections"
                        + " -No Connections)");
        assertThat(ReachabilityDiff.of(before, before)).isEmpty();
    }

    @Test
    void externalRangesAreComparedAddressByAddressWhateverTheirSplit() {
        List<Flow> before = List.of(
                new Flow(A, range("0.0.0.0/5"), Connections.ALL),
                new Flow(A, range("8.0.0.0/5"), Connections.ALL),
                new Flow(A, range("16.0.0.0/4"), Connections.ALL),
                new Flow(A, range("32.0.0.0/3"), Connections.ALL),
                new Flow(A, range("64.0.0.0/2"), Connections.ALL),
                new Flow(A, range("128.0.0.0/1"), Connections.ALL),
                new Flow(range("0.0.0.0/0"), A, HTTP));
        List<Flow> after = List.of(
                new Flow(A, range("0.0.0.0/0"), Connections.ALL),
                new Flow(range("0.0.0.0/0"), A, HTTP));
        assertThat(ReachabilityDiff.of(before, after)).isEmpty();

        List<Flow> narrowed = List.of(
                new Flow(A, range("10.0.0.0/8"), HTTPS),
                new Flow(range("0.0.0.0/1"), A, HTTP),
                new Flow(range("128.0.0.0/1"), A, HTTP.union(HTTPS)));
        assertThat(lines(ReachabilityDiff.of(before, narrowed))).containsExactly(
                "changed 128.0.0.0-255.255.255.255[External] => ns/a[Deployment] : TCP 80 -> TCP 80,443 (+TCP 443"
                        + " -No Connections)",
                "removed ns/a[Deployment] => 0.0.0.0-9.255.255.255[External] : All Connections -> No Connections"
                        + " (+No Connections -All Connections)",
                "changed ns/a[Deployment] => 10.0.0.0-10.255.255.255[External] : All Connections -> TCP 443"
                        + " (+No Connections -SCTP,TCP 1-442,444-65535,UDP)",
                "removed ns/a[Deployment] => 11.0.0.0-255.255.255.255[External] : All Connections -> No Connections"
                        + " (+No Connections -All Connections)");
    }

    @Test
    void simulationAppliesProposedPoliciesOnTopReplacingByName() {
        Snapshot shop = TestSupport.snapshot("shop.yaml", TestSupport.resource("network/shop.yaml") + "---\n"
                + TestSupport.resource("network/shop-policies.yaml"));
        Snapshot proposed = TestSupport.snapshotOf("network/shop-proposed.yaml");

        PolicySimulation simulation = PolicySimulation.of(shop, Reachability.of(NetworkModel.of(shop)),
                proposed.ofKind("NetworkPolicy").stream().map(ParsedPolicy::of).toList());

        assertThat(simulation.added()).extracting(ObjectRef::name).containsExactly("pay-ingress");
        assertThat(simulation.replaced()).extracting(ObjectRef::name).containsExactly("db-ingress");
        assertThat(simulation.changes()).extracting(c -> c.kind() + " " + c.source().label() + " => "
                + c.destination().label() + " : " + c.after()).containsExactly(
                "removed 0.0.0.0-255.255.255.255[External] => payments/pay[Deployment] : No Connections",
                "removed kube-system/coredns[Deployment] => payments/pay[Deployment] : No Connections",
                "changed shop/api[Deployment] => payments/pay[Deployment] : TCP 9000",
                "removed shop/db[StatefulSet] => payments/pay[Deployment] : No Connections",
                "removed shop/idle[Deployment] => payments/pay[Deployment] : No Connections",
                "removed shop/web[Deployment] => payments/pay[Deployment] : No Connections",
                "added shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432");
    }
}
