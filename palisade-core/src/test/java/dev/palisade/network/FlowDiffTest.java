package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowDiffTest {

    /** db accepts only api on 5432; pay may only reach 198.51.100.0/24 on 443; the rest is open. */
    private static final Snapshot SHOP = TestSupport.snapshot("shop.yaml", TestSupport.resource("network/shop.yaml")
            + "---\n" + TestSupport.resource("network/shop-policies.yaml"));

    private static FlowDiff.Result diff(Snapshot snapshot, String csv) {
        ObservedFlows observed = ObservedFlows.parse("flows.csv", csv, snapshot);
        assertThat(observed.problems()).isEmpty();
        return FlowDiff.of(Reachability.of(NetworkModel.of(snapshot)), observed.flows());
    }

    private static List<String> denied(FlowDiff.Result result) {
        return result.denied().stream().map(d -> d.flow().line() + " by " + d.deniedBy().stream()
                .map(s -> s.sideName() + " " + s.policies().stream().map(p -> p.namespace() + "/" + p.name()).toList())
                .toList()).toList();
    }

    private static List<String> unused(FlowDiff.Result result) {
        return result.unused().stream().map(u -> u.source().label() + " => " + u.destination().label() + " : "
                + (u.neverUsed() ? "never used" : "unused " + u.unused() + "; used " + u.used())).toList();
    }

    @Test
    void deniedFlowsNameTheSideAndThePoliciesThatDenyThem() {
        FlowDiff.Result result = diff(SHOP, """
                source,destination,port,protocol,lastSeen
                shop/web,shop/db,5432,TCP,2026-11-20T09:00:00Z
                shop/web,shop/db,5432,TCP,2026-11-20T11:00:00Z
                shop/web,shop/db,5432,TCP,2026-11-20T10:00:00Z
                shop/api,shop/db,5432,TCP,
                shop/api,shop/db,5433,TCP,
                payments/pay,198.51.100.10,443,TCP,
                payments/pay,203.0.113.9,443,TCP,
                payments/pay,shop/db,5432,TCP,
                203.0.113.9,shop/db,5432,TCP,
                """);

        assertThat(denied(result)).containsExactly(
                "203.0.113.9[External] => shop/db[StatefulSet] : TCP 5432 by [destination ingress [shop/db-ingress]]",
                "payments/pay[Deployment] => 203.0.113.9[External] : TCP 443 by [source egress [payments/pay-egress]]",
                "payments/pay[Deployment] => shop/db[StatefulSet] : TCP 5432 by [source egress [payments/pay-egress],"
                        + " destination ingress [shop/db-ingress]]",
                "shop/api[Deployment] => shop/db[StatefulSet] : TCP 5433 by [destination ingress [shop/db-ingress]]",
                "shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432 by [destination ingress [shop/db-ingress]]");
        assertThat(result.denied().get(4).flow().lastSeen()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(result.observedFlows()).isEqualTo(7);
    }

    @Test
    void allowedPathsAreUnusedWhollyOrPartly() {
        FlowDiff.Result result = diff(SHOP, """
                source,destination,port,protocol
                shop/api,shop/db,5432,TCP
                payments/pay,198.51.100.10,443,TCP
                shop/web,shop/api,8080,TCP
                shop/web,shop/api,8081,TCP
                shop/web,203.0.113.9,443,TCP
                """);

        List<String> unused = unused(result);
        // Taken in full: api -> db (only 5432 is allowed), pay -> 198.51.100.0/24 (only 443).
        assertThat(unused).noneMatch(line -> line.startsWith("shop/api[Deployment] => shop/db[StatefulSet]"))
                .noneMatch(line -> line.startsWith("payments/pay[Deployment] => 198.51.100.0-198.51.100.255"));
        assertThat(unused).contains(
                "shop/web[Deployment] => shop/api[Deployment] : unused SCTP,TCP 1-8079,8082-65535,UDP; used TCP 8080-8081",
                // The map splits the address space at pay-egress's block: 203.0.113.9 is in the upper range.
                "shop/web[Deployment] => 198.51.101.0-255.255.255.255[External] : unused SCTP,TCP 1-442,444-65535,UDP;"
                        + " used TCP 443",
                "shop/web[Deployment] => 0.0.0.0-198.51.99.255[External] : never used",
                "shop/idle[Deployment] => shop/web[Deployment] : never used",
                "0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : never used");
        assertThat(result.denied()).isEmpty();
        assertThat(result.allowedPaths()).isEqualTo(ConnectivityMap.of(Reachability.of(NetworkModel.of(SHOP))).size());
        assertThat(result.neverUsed()).isEqualTo(unused.stream().filter(l -> l.endsWith("never used")).count())
                .isEqualTo(result.unused().size() - 2);
    }

    @Test
    void anAddressFamilyNoPolicyMentionsIsJudgedLikeAnyAddressOutsideTheBlocks() {
        String inventory = TestSupport.resource("network/shop.yaml") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-egress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress:
                    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
                      ports: [{port: 443}]
                    - ports: [{port: 8443}]
                """;
        FlowDiff.Result result = diff(TestSupport.snapshot("shop.yaml", inventory), """
                source,destination,port
                shop/web,203.0.113.9,443
                shop/web,2001:db8::5,443
                shop/web,2001:db8::5,8443
                """);

        // 0.0.0.0/0 holds no IPv6 address; the rule without peers allows 8443 to every address.
        assertThat(denied(result)).containsExactly(
                "shop/web[Deployment] => 2001:db8:0:0:0:0:0:5[External] : TCP 443 by [source egress [shop/web-egress]]");
    }
}
