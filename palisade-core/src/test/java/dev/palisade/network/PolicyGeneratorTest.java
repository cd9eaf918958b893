package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.NetworkModel.NetPod;
import dev.palisade.report.NetpolRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Round trips: policies generated from observed flows, written as YAML, read back as manifests and evaluated by the
 * engine on the same inventory in place of its own policies, allow exactly the observed flows plus DNS.
 */
class PolicyGeneratorTest {

    /** The shop with an existing allow-all policy, which the generated policies replace. */
    private static final Snapshot SHOP = TestSupport.snapshot("shop.yaml", TestSupport.resource("network/shop.yaml") + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: shop}
            spec:
              podSelector: {}
              ingress: [{}]
            """);
    private static final Snapshot LIVE = TestSupport.snapshotOf("network/live.yaml");
    private static final String DNS = " => kube-system/coredns[Deployment] : TCP 53,UDP 53";

    private static List<ObservedFlow> flows(Snapshot inventory, String csv) {
        ObservedFlows observed = ObservedFlows.parse("flows.csv", csv, inventory);
        assertThat(observed.problems()).isEmpty();
        return observed.flows();
    }

    private static String yaml(PolicyGenerator.Result result) {
        StringWriter yaml = new StringWriter();
        try {
            NetpolRenderer.yaml(result.policies(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return yaml.toString();
    }

    /** The generated YAML read back as manifests and evaluated with the engine, replacing the existing policies. */
    private static Reachability roundTrip(Snapshot inventory, PolicyGenerator.Result result) {
        Snapshot generated = TestSupport.snapshot("generated.yaml", yaml(result));
        assertThat(generated.problems()).isEmpty();
        assertThat(generated.objects()).allSatisfy(o -> assertThat(o.ref().apiVersion()).isEqualTo("networking.k8s.io/v1"))
                .hasSize(result.policies().size());
        List<ParsedPolicy> policies = generated.ofKind("NetworkPolicy").stream().map(ParsedPolicy::of).toList();
        policies.forEach(p -> assertThat(p.problems()).as(p.ref().toString()).isEmpty());
        return Reachability.of(NetworkModel.of(inventory, policies, true));
    }

    private static List<String> map(Reachability reachability) {
        return ConnectivityMap.of(reachability).stream().map(Flow::line).toList();
    }

    private static Reachability.PodClass classOf(Reachability reachability, String workload) {
        NetPod pod = reachability.model().pods().stream().filter(p -> p.workload().name().equals(workload))
                .findFirst().orElseThrow();
        return reachability.classOf(pod);
    }

    private static List<String> sorted(String... lines) {
        List<String> list = new ArrayList<>(List.of(lines));
        Collections.sort(list);
        return list;
    }

    @Test
    void sameAndCrossNamespaceExternalInAndOutManyPortsAndAnIdleWorkload() {
        List<ObservedFlow> observed = flows(SHOP, TestSupport.resource("network/shop-flows.csv"));

        PolicyGenerator.Result result = PolicyGenerator.generate(SHOP, observed);
        Reachability reachability = roundTrip(SHOP, result);

        assertThat(result.warnings()).isEmpty();
        assertThat(result.deviations()).isEmpty();
        assertThat(map(reachability)).isEqualTo(sorted(
                "203.0.113.7-203.0.113.7[External] => shop/web[Deployment] : TCP 80,443",
                "payments/pay[Deployment] => 198.51.100.10-198.51.100.10[External] : TCP 443",
                "payments/pay[Deployment]" + DNS,
                "shop/api[Deployment]" + DNS,
                "shop/api[Deployment] => payments/pay[Deployment] : TCP 9000,UDP 9001",
                "shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432",
                "shop/db[StatefulSet]" + DNS,
                "shop/idle[Deployment]" + DNS,
                "shop/web[Deployment] => 2001:db8:0:0:0:0:0:5-2001:db8:0:0:0:0:0:5[External] : TCP 443",
                "shop/web[Deployment]" + DNS,
                "shop/web[Deployment] => shop/api[Deployment] : TCP 8080"));
        // Between replicas of one workload (not a path of the map): only the observed port.
        Reachability.PodClass api = classOf(reachability, "api");
        assertThat(reachability.between(api, api)).isEqualTo(Connections.of(Protocol.TCP, 7000));
        Reachability.PodClass web = classOf(reachability, "web");
        assertThat(reachability.between(web, web)).isEqualTo(Connections.NONE);
    }

    @Test
    void livePodsAreSelectedWithoutRolloutLabelsAndLookAlikesAreAnOverApproximation() {
        List<ObservedFlow> observed = flows(LIVE, """
                source,destination,port,protocol
                team/web-canary,10.0.0.11,80,TCP
                team/twin-a,team/web,80,TCP
                10.0.0.30,team/web-canary,8080,TCP
                10.0.0.12,10.0.0.30,9090,UDP
                """);

        PolicyGenerator.Result result = PolicyGenerator.generate(LIVE, observed);
        Reachability reachability = roundTrip(LIVE, result);

        String yaml = yaml(result);
        assertThat(yaml).doesNotContain("pod-template-hash");
        // web: app=web and no track label (the canary has app=web too); bare: no app label (everyone else has one).
        assertThat(yaml).contains("""
                  podSelector:
                    matchLabels:
                      app: web
                    matchExpressions:
                      - key: track
                        operator: DoesNotExist
                """, """
                  podSelector:
                    matchExpressions:
                      - key: app
                        operator: DoesNotExist
                """);
        // twin-a and twin-b have the same labels: twin-a's selector covers twin-b, which gains twin-a's flow.
        assertThat(result.warnings()).containsExactly("Deployment team/twin-a: no label selector leaves out the pods of"
                + " Deployment team/twin-b (their labels include all of its labels); its policies and the peers naming it"
                + " cover them too, an over-approximation");
        assertThat(result.deviations()).extracting(c -> c.kind() + " " + c.source().label() + " => "
                + c.destination().label() + " : " + c.after()).containsExactly(
                "added team/twin-b[Deployment] => team/web[Deployment] : TCP 80");
        // No kube-dns in this inventory: the DNS egress selects nothing here.
        assertThat(map(reachability)).isEqualTo(sorted(
                "team/bare[Pod] => team/web-canary[Deployment] : TCP 8080",
                "team/twin-a[Deployment] => team/web[Deployment] : TCP 80",
                "team/twin-b[Deployment] => team/web[Deployment] : TCP 80",
                "team/web-canary[Deployment] => team/web[Deployment] : TCP 80",
                "team/web[Deployment] => team/bare[Pod] : UDP 9090"));
    }

    @Test
    void deterministicWhateverTheOrderOfTheFlows() {
        List<ObservedFlow> observed = flows(SHOP, TestSupport.resource("network/shop-flows.csv"));
        List<ObservedFlow> reversed = new ArrayList<>(observed);
        Collections.reverse(reversed);

        assertThat(yaml(PolicyGenerator.generate(SHOP, reversed))).isEqualTo(yaml(PolicyGenerator.generate(SHOP, observed)));
    }

    @Test
    void namesAreDns1123SafeUniqueAndShortEnough() {
        String longName = "a".repeat(240) + ".b";
        Snapshot inventory = TestSupport.snapshotOf("network/names.yaml");
        List<ObservedFlow> observed = flows(inventory, """
                source,destination,port
                ns/Deployment/app,ns/StatefulSet/app,80
                ns/StatefulSet/app,ns/%s,81
                """.formatted(longName));

        PolicyGenerator.Result result = PolicyGenerator.generate(inventory, observed);

        List<String> names = result.policies().stream().map(p -> p.path("metadata").path("name").asString()).toList();
        assertThat(names).hasSize(6).startsWith("palisade-default-deny", "palisade-dns")
                .endsWith("palisade-app-deployment-egress", "palisade-app-statefulset-ingress", "palisade-app-statefulset-egress");
        assertThat(names.get(2)).hasSize(253).startsWith("palisade-aaaa").endsWith("-ingress").doesNotContain(".-");
        assertThat(names).allMatch(n -> n.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"))
                .doesNotHaveDuplicates();
        // Label values that look like numbers or booleans are quoted, so they read back as strings.
        assertThat(yaml(result)).contains("app: \"3\"");
        assertThat(result.deviations()).isEmpty();
        assertThat(map(roundTrip(inventory, result))).containsExactly(
                "ns/app[Deployment] => ns/app[StatefulSet] : TCP 80",
                "ns/app[StatefulSet] => ns/%s[Pod] : TCP 81".formatted(longName));
    }
}
