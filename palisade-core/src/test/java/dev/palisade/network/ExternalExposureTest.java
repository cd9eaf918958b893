package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import dev.palisade.TestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalExposureTest {

    private static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web, tier: frontend}
                spec:
                  containers:
                    - name: web
                      image: registry.corp.example/shop/web:5.0.0
                      ports:
                        - containerPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web-canary
              namespace: shop
            spec:
              selector:
                matchLabels: {app: web-canary}
              template:
                metadata:
                  labels: {app: web-canary, tier: frontend}
                spec:
                  containers:
                    - name: web
                      image: registry.corp.example/shop/web:5.1.0-rc1
            ---
            # same labels, other namespace: never selected by a Service of shop
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: staging
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web, tier: frontend}
                spec:
                  containers:
                    - name: web
                      image: registry.corp.example/shop/web:5.1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: shop
              labels: {tier: frontend}
            spec:
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  # the workload's own labels do not count, only the pod template's
                  labels: {app: api}
                spec:
                  containers:
                    - name: api
                      image: registry.corp.example/shop/api:2.0.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: proxy
              namespace: shop
            spec:
              selector:
                matchLabels: {app: proxy}
              template:
                metadata:
                  labels: {app: proxy}
                spec:
                  containers:
                    - name: envoy
                      image: envoyproxy/envoy:v1.30.2
                      ports:
                        - containerPort: 8443
                          hostPort: 8443
                        - containerPort: 9901
                        - containerPort: 5353
                          hostPort: 5353
                          protocol: UDP
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
              namespace: monitoring
            spec:
              selector:
                matchLabels: {app: node-exporter}
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  hostNetwork: true
                  containers:
                    - name: exporter
                      image: quay.io/prometheus/node-exporter:v1.8.1
                      ports:
                        - containerPort: 9100
                          hostPort: 9100
            """;

    private static final String EXPOSURES = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web-lb
              namespace: shop
            spec:
              type: LoadBalancer
              selector: {tier: frontend}
              ports:
                - port: 443
                  targetPort: 8443
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: api-np
              namespace: shop
            spec:
              type: NodePort
              selector: {app: api}
              ports:
                - name: http
                  port: 80
                  nodePort: 30080
                - name: dns
                  port: 53
                  protocol: UDP
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: legacy
              namespace: shop
            spec:
              selector: {app: legacy-gateway}
              externalIPs: ["192.0.2.10", "192.0.2.11"]
              ports:
                - port: 8080
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: external-db
              namespace: shop
            spec:
              type: LoadBalancer
              loadBalancerSourceRanges: ["10.0.0.0/8", "192.168.0.0/16"]
              ports:
                - port: 5432
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              selector: {app: web}
              ports:
                - port: 80
                  targetPort: 8080
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: default-only
              namespace: shop
            spec:
              defaultBackend:
                service:
                  name: web
                  port:
                    number: 80
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: storefront
              namespace: shop
            spec:
              ingressClassName: nginx
              tls:
                - hosts: ["shop.example.com"]
                  secretName: shop-tls
              rules:
                - host: shop.example.com
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              number: 80
                      - path: /api
                        pathType: Prefix
                        backend:
                          service:
                            name: missing
                            port:
                              number: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: public
              namespace: infra
            spec:
              gatewayClassName: eg
              listeners:
                - name: http
                  protocol: HTTP
                  port: 80
                - name: https
                  protocol: HTTPS
                  port: 443
                  tls:
                    certificateRefs:
                      - name: public-tls
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: storefront
              namespace: shop
            spec:
              parentRefs:
                - name: public
                  namespace: infra
              hostnames: ["shop.example.com", "www.shop.example.com"]
              rules:
                - backendRefs:
                    - name: web
                      port: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: orphan
              namespace: shop
            spec:
              parentRefs:
                - name: internal
              rules:
                - backendRefs:
                    - name: api-np
                      port: 80
            ---
            # a mesh route (GAMMA): its parent is a Service, nothing is exposed outside
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: mesh
              namespace: shop
            spec:
              parentRefs:
                - group: ""
                  kind: Service
                  name: web
              rules:
                - backendRefs:
                    - name: web
                      port: 80
            """;

    private static Snapshot snapshot() {
        Snapshot snapshot = TestSupport.snapshot("exposure.yaml", WORKLOADS + "---\n" + EXPOSURES);
        assertThat(snapshot.problems()).isEmpty();
        return snapshot;
    }

    private static Analysis.Result analyze() {
        return TestSupport.analyze(new ExternalExposure(), snapshot(), ScanConfig.defaults(), "service-load-balancer-open", "service-node-port", "ingress-without-tls");
    }

    @Test
    void answerSevenListsEveryWayIn() {
        Answer answer = analyze().answers().get(0);

        assertThat(answer.number()).isEqualTo(7);
        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.table().columns()).containsExactly("exposure", "object", "details", "network policy", "findings");
        assertThat(answer.table().rows()).extracting(row -> row.get(0) + " | " + row.get(1)).containsExactly(
                "hostNetwork, hostPort | DaemonSet monitoring/node-exporter",
                "hostPort | Deployment shop/proxy",
                "HTTPRoute | HTTPRoute shop/orphan",
                "HTTPRoute | HTTPRoute shop/storefront",
                "Ingress | Ingress shop/default-only",
                "Ingress | Ingress shop/storefront",
                "NodePort | Service shop/api-np",
                "LoadBalancer | Service shop/external-db",
                "externalIPs | Service shop/legacy",
                "LoadBalancer | Service shop/web-lb");
        assertThat(answer.table().rows()).filteredOn(row -> row.get(1).equals("Service shop/web-lb")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(2)).contains("443/TCP", "any source", "Deployment web, Deployment web-canary");
                    assertThat(row.get(3)).isEqualTo("admitted: Deployment web 8443/TCP, Deployment web-canary 8443/TCP");
                    assertThat(row.get(4)).contains("service-load-balancer-open (medium)", "service-load-balancer (low)");
                });
        assertThat(answer.table().rows()).filteredOn(row -> row.get(1).equals("Service shop/external-db")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(2)).contains("(no selector: endpoints managed elsewhere)");
                    assertThat(row.get(4)).doesNotContain("service-load-balancer-open");
                });
        assertThat(answer.table().rows()).filteredOn(row -> row.get(1).equals("Service shop/api-np")).singleElement()
                .satisfies(row -> assertThat(row.get(2)).contains("30080/TCP, auto/UDP on every node", "Deployment api"));
        assertThat(answer.summary()).isEqualTo("10 objects expose workloads outside the cluster.");
        // a mesh route (parent is a Service, not a Gateway) is not a way in
        assertThat(answer.table().rows()).noneMatch(row -> row.get(1).equals("HTTPRoute shop/mesh"));
    }

    @Test
    void findingsForOpenLoadBalancersNodePortsAndPlainHttpIngresses() {
        List<Finding> findings = analyze().findings();

        assertThat(findings).extracting(Finding::policy, Finding::severity, f -> f.resource().toString(),
                Finding::message).containsExactlyInAnyOrder(
                tuple("service-load-balancer-open", Severity.MEDIUM, "Service shop/web-lb",
                        "LoadBalancer Service exposes 443/TCP to any source; it reaches Deployment web,"
                                + " Deployment web-canary"),
                tuple("service-node-port", Severity.LOW, "Service shop/api-np",
                        "NodePort Service opens 30080/TCP, auto/UDP on every node; it reaches Deployment api"),
                tuple("ingress-without-tls", Severity.MEDIUM, "Ingress shop/default-only",
                        "Ingress serves * over plain HTTP"));
        assertThat(findings).allSatisfy(f -> assertThat(f.location().line()).isPositive());
    }

    @Test
    void serviceSelectorMapsToTheWorkloadsOfItsNamespaceByPodLabels() {
        Snapshot snapshot = snapshot();

        assertThat(new dev.palisade.policy.PolicyContext(snapshot, ScanConfig.defaults(), java.time.LocalDate.now()).workloadsSelected("shop", Map.of("tier", "frontend")))
                .extracting(Workload::name).containsExactly("web", "web-canary");
        assertThat(new dev.palisade.policy.PolicyContext(snapshot, ScanConfig.defaults(), java.time.LocalDate.now()).workloadsSelected("staging", Map.of("tier", "frontend")))
                .extracting(w -> w.ref().toString()).containsExactly("Deployment staging/web");
        assertThat(new dev.palisade.policy.PolicyContext(snapshot, ScanConfig.defaults(), java.time.LocalDate.now()).workloadsSelected("shop", Map.of("app", "web", "tier", "frontend")))
                .extracting(Workload::name).containsExactly("web");
        assertThat(new dev.palisade.policy.PolicyContext(snapshot, ScanConfig.defaults(), java.time.LocalDate.now()).workloadsSelected("shop", Map.of("app", "web", "tier", "backend")))
                .isEmpty();
        assertThat(new dev.palisade.policy.PolicyContext(snapshot, ScanConfig.defaults(), java.time.LocalDate.now()).workloadsSelected("shop", Map.of())).isEmpty();
        assertThat(new dev.palisade.policy.PolicyContext(snapshot, ScanConfig.defaults(), java.time.LocalDate.now()).workloadsSelected("shop", null)).isEmpty();
    }

    @Test
    void networkPoliciesDecideWhetherOutsideTrafficGetsThrough() {
        String exposed = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: registry.example/web:1.0
                          ports: [{name: https, containerPort: 8443}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  type: LoadBalancer
                  selector: {app: web}
                  ports: [{port: 443, targetPort: https}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny, namespace: shop}
                spec:
                  podSelector: {}
                """;
        String allowInternet = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: https-from-internet, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress:
                    - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
                      ports: [{port: 8443}]
                """;
        Answer blocked = TestSupport.analyze(new ExternalExposure(), TestSupport.snapshot("blocked.yaml", exposed),
                ScanConfig.defaults()).answers().get(0);
        assertThat(blocked.table().rows()).singleElement().satisfies(row ->
                assertThat(row.get(3)).isEqualTo("blocked by NetworkPolicy: Deployment web 8443/TCP"));
        assertThat(blocked.summary()).isEqualTo(
                "1 object exposes workloads outside the cluster; NetworkPolicies block outside traffic for 1 of them.");

        Answer admitted = TestSupport.analyze(new ExternalExposure(),
                TestSupport.snapshot("admitted.yaml", exposed + allowInternet), ScanConfig.defaults()).answers().get(0);
        assertThat(admitted.table().rows()).singleElement().satisfies(row ->
                assertThat(row.get(3)).isEqualTo("admitted: Deployment web 8443/TCP"));
    }

    @Test
    void nothingExposed() {
        Analysis.Result result = TestSupport.analyze(new ExternalExposure(), TestSupport.snapshot("internal.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: db
                  namespace: data
                spec:
                  clusterIP: None
                  selector: {app: db}
                  ports:
                    - port: 5432
                """), ScanConfig.defaults(), "service-load-balancer-open", "service-node-port", "ingress-without-tls");
        assertThat(result.findings()).isEmpty();
        assertThat(result.answers().get(0).table().isEmpty()).isTrue();
        assertThat(result.answers().get(0).summary()).isEqualTo("Nothing is exposed outside the cluster.");
    }

    @Test
    void loadBalancerOpenToTheWholeInternetThroughSourceRanges() {
        Analysis.Result result = TestSupport.analyze(new ExternalExposure(), TestSupport.snapshot("lb.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: storefront
                  namespace: shop
                spec:
                  type: LoadBalancer
                  loadBalancerSourceRanges: ["0.0.0.0/0"]
                  selector: {app: storefront}
                  ports:
                    - port: 443
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: storefront-v6
                  namespace: shop
                spec:
                  type: LoadBalancer
                  ipFamilies: [IPv6]
                  loadBalancerSourceRanges: ["2001:db8::/32", "::/0"]
                  selector: {app: storefront}
                  ports:
                    - port: 443
                """), ScanConfig.defaults(), "service-load-balancer-open", "service-node-port", "ingress-without-tls");

        assertThat(result.findings()).extracting(Finding::policy, f -> f.resource().name()).containsExactly(
                tuple("service-load-balancer-open", "storefront"),
                tuple("service-load-balancer-open", "storefront-v6"));
    }

    @Test
    void wildcardTlsHostCoversItsSubdomains() {
        Analysis.Result result = TestSupport.analyze(new ExternalExposure(), TestSupport.snapshot("ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: storefront
                  namespace: shop
                spec:
                  ingressClassName: nginx
                  tls:
                    - hosts: ["*.shop.example.com"]
                      secretName: wildcard-shop-tls
                  rules:
                    - host: www.shop.example.com
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: storefront
                                port:
                                  number: 80
                    - host: "*.shop.example.com"
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: storefront
                                port:
                                  number: 80
                """), ScanConfig.defaults(), "service-load-balancer-open", "service-node-port", "ingress-without-tls");

        assertThat(result.findings()).isEmpty();
        assertThat(result.answers().get(0).table().rows()).singleElement()
                .satisfies(row -> assertThat(row.get(4)).isEqualTo("ingress-exposure (low)"));
    }
}
