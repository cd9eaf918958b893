package dev.palisade.ownership;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    /**
     * Each Deployment carries an owner at several places; the most specific one wins: workload label, workload
     * annotation, pod template (labels before annotations), namespace (labels before annotations).
     */
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: payments
              labels:
                team: ns-label-team
              annotations:
                team: ns-annotation-team
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: search
              annotations:
                owner: search-team
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: a-workload-label
              namespace: payments
              labels:
                team: workload-label-team
              annotations:
                team: workload-annotation-team
            spec:
              selector:
                matchLabels: {app: a}
              template:
                metadata:
                  labels: {app: a, team: pod-label-team}
                  annotations: {team: pod-annotation-team}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/a:1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: b-workload-annotation
              namespace: payments
              annotations:
                team: workload-annotation-team
            spec:
              selector:
                matchLabels: {app: b}
              template:
                metadata:
                  labels: {app: b, team: pod-label-team}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/b:1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: c-pod-template
              namespace: payments
            spec:
              selector:
                matchLabels: {app: c}
              template:
                metadata:
                  labels: {app: c}
                  annotations: {team: pod-annotation-team}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/c:1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d-namespace
              namespace: payments
            spec:
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/d:1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: e-namespace-annotation
              namespace: search
            spec:
              selector:
                matchLabels: {app: e}
              template:
                metadata:
                  labels: {app: e}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/e:1.0
            ---
            # the preferred key wins at the same place: palisade.dev/owner before owner before team
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: f-key-order
              namespace: search
              labels:
                team: fallback-team
                owner: preferred-team
            spec:
              selector:
                matchLabels: {app: f}
              template:
                metadata:
                  labels: {app: f}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/f:1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: g-unowned
              namespace: sandbox
              labels:
                cost-center: cc-42
            spec:
              selector:
                matchLabels: {app: g}
              template:
                metadata:
                  labels: {app: g}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/g:1.0
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: h-unowned
              namespace: sandbox
            spec:
              containers:
                - name: app
                  image: registry.corp.example/h:1.0
            """;

    private static Snapshot snapshot() {
        Snapshot snapshot = TestSupport.snapshot("owners.yaml", MANIFESTS);
        assertThat(snapshot.problems()).isEmpty();
        return snapshot;
    }

    private static Workload workload(Snapshot snapshot, String name) {
        return snapshot.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void precedenceWorkloadLabelThenAnnotationThenPodTemplateThenNamespace() {
        Snapshot snapshot = snapshot();
        OwnerResolver resolver = new OwnerResolver(snapshot, ScanConfig.DEFAULT_OWNER_KEYS);

        assertThat(resolver.owner(workload(snapshot, "a-workload-label")))
                .contains(new OwnerResolver.Owner("workload-label-team", "Deployment label team"));
        assertThat(resolver.owner(workload(snapshot, "b-workload-annotation")))
                .contains(new OwnerResolver.Owner("workload-annotation-team", "Deployment annotation team"));
        assertThat(resolver.owner(workload(snapshot, "c-pod-template")))
                .contains(new OwnerResolver.Owner("pod-annotation-team", "pod template annotation team"));
        assertThat(resolver.owner(workload(snapshot, "d-namespace")))
                .contains(new OwnerResolver.Owner("ns-label-team", "namespace label team"));
        assertThat(resolver.owner(workload(snapshot, "e-namespace-annotation")))
                .contains(new OwnerResolver.Owner("search-team", "namespace annotation owner"));
        assertThat(resolver.owner(workload(snapshot, "f-key-order")))
                .contains(new OwnerResolver.Owner("preferred-team", "Deployment label owner"));
        assertThat(resolver.owner(workload(snapshot, "g-unowned"))).isEmpty();
        assertThat(resolver.owner(workload(snapshot, "h-unowned"))).isEmpty();
    }

    @Test
    void teamRulesMapWhatNoOwnerKeyNamesFirstMatchWins() {
        Snapshot snapshot = snapshot();
        List<ScanConfig.TeamRule> rules = List.of(
                new ScanConfig.TeamRule("payments", List.of("pay*"), Map.of()),
                new ScanConfig.TeamRule("platform", List.of(), Map.of("app", "g-*")),
                new ScanConfig.TeamRule("catch-all", List.of("*"), Map.of()));
        OwnerResolver resolver = new OwnerResolver(snapshot, ScanConfig.DEFAULT_OWNER_KEYS, rules);
        assertThat(resolver.owner(workload(snapshot, "a-workload-label")).map(OwnerResolver.Owner::team))
                .contains("workload-label-team"); // owner keys first
        assertThat(resolver.owner(workload(snapshot, "g-unowned")).map(OwnerResolver.Owner::from))
                .contains("team rule 3");
        assertThat(new ScanConfig.TeamRule("x", List.of("shop-?"), Map.of()).matches("shop-1", Map.of())).isTrue();
        assertThat(new ScanConfig.TeamRule("x", List.of("shop-?"), Map.of()).matches("shop-10", Map.of())).isFalse();
        assertThat(new ScanConfig.TeamRule("x", List.of(), Map.of("tier", "web*"))
                .matches("any", Map.of("tier", "web-frontend"))).isTrue();
        assertThat(new ScanConfig.TeamRule("x", List.of(), Map.of()).matches("any", Map.of())).isFalse();
        ScanConfig config = new ScanConfig(List.of(), List.of(), java.util.Set.of(), null, rules, List.of(), null);
        Analysis.Result result = TestSupport.analyze(new Ownership(), snapshot, config, "workload-without-owner");
        assertThat(result.answers().get(0).summary()).doesNotContain("without an owner");
    }

    @Test
    void podTemplateLabelBeatsPodTemplateAnnotation() {
        Snapshot snapshot = TestSupport.snapshot("pod-template.yaml", """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: report
                  namespace: analytics
                spec:
                  schedule: "0 6 * * 1"
                  jobTemplate:
                    spec:
                      template:
                        metadata:
                          labels: {app.kubernetes.io/team: label-team}
                          annotations: {palisade.dev/owner: annotation-team}
                        spec:
                          restartPolicy: OnFailure
                          containers:
                            - name: report
                              image: registry.corp.example/report:1.0
                """);
        Optional<OwnerResolver.Owner> owner = new OwnerResolver(snapshot, ScanConfig.DEFAULT_OWNER_KEYS)
                .owner(snapshot.workloads().get(0));
        assertThat(owner).contains(new OwnerResolver.Owner("label-team",
                "pod template label app.kubernetes.io/team"));
    }

    @Test
    void answerElevenCountsTeamsAndUnownedWorkloads() {
        Analysis.Result result = TestSupport.analyze(new Ownership(), snapshot(), ScanConfig.defaults(), "workload-without-owner");

        Answer answer = result.answers().get(0);
        assertThat(answer.number()).isEqualTo(11);
        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.table().columns()).containsExactly("team", "workloads", "namespaces");
        assertThat(answer.table().rows()).containsExactly(
                List.of("ns-label-team", "1", "payments"),
                List.of("pod-annotation-team", "1", "payments"),
                List.of("preferred-team", "1", "search"),
                List.of("search-team", "1", "search"),
                List.of("workload-annotation-team", "1", "payments"),
                List.of("workload-label-team", "1", "payments"),
                List.of("(no owner)", "2", "sandbox"));
        assertThat(answer.summary()).isEqualTo("6 teams own 6 of 8 workloads; 2 without an owner (findings"
                + " workload-without-owner).");

        assertThat(result.findings()).extracting(Finding::policy, Finding::severity, f -> f.resource().toString())
                .containsExactlyInAnyOrder(
                        tuple("workload-without-owner", Severity.LOW, "Deployment sandbox/g-unowned"),
                        tuple("workload-without-owner", Severity.LOW, "Pod sandbox/h-unowned"));
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.message()).contains("palisade.dev/owner, owner, team, app.kubernetes.io/owner,"
                    + " app.kubernetes.io/team");
            assertThat(f.location().line()).isPositive();
        });
    }

    @Test
    void oneTeamAcrossNamespacesIsOneRow() {
        Snapshot snapshot = TestSupport.snapshot("one-team.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: shop, labels: {team: web}}
                spec:
                  containers: [{name: a, image: "registry.corp.example/a:1"}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: b, namespace: cart, labels: {team: web}}
                spec:
                  containers: [{name: b, image: "registry.corp.example/b:1"}]
                """);
        Answer answer = TestSupport.analyze(new Ownership(), snapshot, ScanConfig.defaults(), "workload-without-owner").answers().get(0);
        assertThat(answer.table().rows()).containsExactly(List.of("web", "2", "cart, shop"));
        assertThat(answer.summary()).isEqualTo("1 team owns 2 of 2 workloads.");
    }

    @Test
    void customOwnerKeysReplaceTheDefaults() {
        ScanConfig config = new ScanConfig(List.of(), List.of("cost-center", "example.com/squad"));
        Analysis.Result result = TestSupport.analyze(new Ownership(), snapshot(), config, "workload-without-owner");

        Answer answer = result.answers().get(0);
        // only g-unowned carries cost-center; the default keys (team, owner) no longer count
        assertThat(answer.table().rows()).containsExactly(
                List.of("cc-42", "1", "sandbox"),
                List.of("(no owner)", "7", "payments, sandbox, search"));
        assertThat(answer.summary()).isEqualTo("1 team owns 1 of 8 workloads; 7 without an owner (findings"
                + " workload-without-owner).");
        assertThat(result.findings()).hasSize(7)
                .allSatisfy(f -> assertThat(f.message()).contains("cost-center, example.com/squad"));
    }

    @Test
    void emptyOwnerKeysMeanTheDefaults() {
        assertThat(new ScanConfig(List.of(), List.of()).ownerKeys()).isEqualTo(ScanConfig.DEFAULT_OWNER_KEYS);
    }
}
