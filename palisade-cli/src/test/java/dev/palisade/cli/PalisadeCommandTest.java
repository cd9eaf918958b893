package dev.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PalisadeCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PalisadeCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String fixture(String name) {
        try {
            return Path.of(PalisadeCommandTest.class.getResource("/cli/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void demoAnswersTheTwelveQuestionsOnTheBundledCluster() {
        Run run = run("demo");

        assertThat(run.exitCode()).isZero();
        for (int question = 1; question <= 12; question++) {
            assertThat(run.out()).containsPattern("(?m)^ ?" + question + "\\. ");
        }
        assertThat(run.out()).contains("DaemonSet logging/fluent-bit", "Service admin-tools/admin-console",
                "registry.example-vendor.io").doesNotContain("\u001b[");
        assertThat(run.out()).doesNotContain("Input problems");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void demoJsonIsTheDocumentedSchema() {
        Run run = run("demo", "-o", "json");

        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.path("schemaVersion").asString()).isEqualTo("2");
        assertThat(report.path("inventory").path("workloads").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(report.path("answers")).hasSize(12);
        assertThat(report.path("problems")).isEmpty();
        assertThat(report.path("findings").size()).isPositive();
    }

    @Test
    void failOnSetsTheExitCode() {
        assertThat(run("scan", fixture("privileged.yaml")).exitCode()).isZero();
        assertThat(run("scan", fixture("privileged.yaml"), "--fail-on", "high").exitCode()).isEqualTo(1);
        assertThat(run("scan", fixture("privileged.yaml"), "--fail-on", "critical").exitCode()).isZero();
    }

    @Test
    void usageErrorsExitTwoWithAMessage() {
        Run unknownOption = run("scan", "--no-such-option");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--no-such-option'");

        Run badFormat = run("scan", fixture("privileged.yaml"), "-o", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("unknown output format 'xml'");

        Run badSeverity = run("scan", fixture("privileged.yaml"), "--fail-on", "urgent");
        assertThat(badSeverity.exitCode()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("unknown severity 'urgent'");

        Run noInput = run("scan");
        assertThat(noInput.exitCode()).isEqualTo(2);
        assertThat(noInput.err()).contains("no input");
        assertThat(noInput.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void inputErrorsAreReportedAndStrictTurnsThemIntoExitTwo() {
        Run lenient = run("scan", fixture("broken.yaml"));
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("Input problems (1)").contains("broken.yaml: document 2, line 9")
                .contains("1 objects");

        Run strict = run("scan", fixture("broken.yaml"), "--strict");
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.out()).contains("Palisade").contains("Input problems (1)");
        assertThat(strict.err()).contains("--strict");
    }

    @Test
    void machineFormatsRepeatInputProblemsOnStderr() {
        Run json = run("scan", fixture("broken.yaml"), "-o", "json");

        assertThat(JsonMapper.builder().build().readTree(json.out()).path("problems")).hasSize(1);
        assertThat(json.err()).contains("broken.yaml: document 2, line 9: invalid YAML");
    }

    @Test
    void outputFileReceivesTheReport() throws IOException {
        Path html = dir.resolve("report.html");
        Run run = run("demo", "-o", "html", "--output-file", html.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("fluent-bit");
        assertThat(run.err()).contains("report written to " + html);

        for (String format : new String[] {"json", "sarif"}) {
            Path file = dir.resolve("report." + format);
            assertThat(run("demo", "-o", format, "--output-file", file.toString()).exitCode()).as(format).isZero();
            assertThat(Files.readString(file)).as(format).startsWith("{").endsWith("}\n");
        }
    }

    @Test
    void snapshotSaveThenScanOffline() throws IOException {
        Path snapshot = dir.resolve("cluster.json.gz");
        Run save = run("snapshot", "save", "-o", snapshot.toString(), fixture("privileged.yaml"));
        assertThat(save.exitCode()).isZero();
        assertThat(save.err()).contains("saved 1 objects (1 workloads)");

        Run scan = run("scan", "--snapshot", snapshot.toString(), "--fail-on", "high", "-o", "sarif");
        assertThat(scan.exitCode()).isEqualTo(1);
        assertThat(scan.out()).contains("\"ruleId\" : \"privileged-container\"").contains("privileged.yaml");

        Run mixed = run("scan", "--snapshot", snapshot.toString(), fixture("privileged.yaml"));
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("--snapshot cannot be combined");
    }

    @Test
    void trustedRegistriesAndOwnerKeysAreConfigurable() {
        Run run = run("scan", fixture("privileged.yaml"), "-o", "json", "--trusted-registry", "quay.io",
                "--owner-key", "owner");

        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.path("findings").findValuesAsString("policy"))
                .contains("image-untrusted-registry", "workload-without-owner");
        assertThat(report.path("answers").get(0).path("status").asString()).isEqualTo("ANSWERED");
    }

    @Test
    void maxFileSizeIsParsedWithUnits() {
        assertThat(InputOptions.parseSize("32MB")).isEqualTo(32L * 1024 * 1024);
        assertThat(InputOptions.parseSize("512k")).isEqualTo(512L * 1024);
        assertThat(InputOptions.parseSize("1GiB")).isEqualTo(1024L * 1024 * 1024);
        assertThat(InputOptions.parseSize("100")).isEqualTo(100L);
        Run bad = run("scan", fixture("privileged.yaml"), "--max-file-size", "lots");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("invalid --max-file-size 'lots'");
    }

    @Test
    void aKubeconfigThatPointsNowhereIsOneClearError() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: me, user: {token: t}}]
                contexts: [{name: nowhere, context: {cluster: nowhere, user: me}}]
                current-context: nowhere
                """);

        Run alone = run("scan", "--kubeconfig", kubeconfig.toString());
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("cannot reach the Kubernetes API server at https://127.0.0.1:1")
                .doesNotContain("\tat ");

        Run withManifests = run("scan", fixture("privileged.yaml"), "--kubeconfig", kubeconfig.toString());
        assertThat(withManifests.exitCode()).isZero();
        assertThat(withManifests.out()).contains("cannot reach the Kubernetes API server at https://127.0.0.1:1")
                .contains("DaemonSet logging/log-agent");
    }

    @Test
    void checkIsACiGateOnEnforcedPolicies() throws IOException {
        Run failing = run("check", fixture("privileged.yaml"));
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).contains("BLOCK  HIGH     privileged-container  DaemonSet logging/log-agent [agent]")
                .contains("FAILED: 1 blocking");

        Path exempted = Files.writeString(dir.resolve("exempted.yaml"), Files.readString(Path.of(fixture("privileged.yaml")))
                .replace("labels: {team: platform}", "labels: {team: platform}\n  annotations:\n"
                        + "    palisade.dev/exempt: privileged-container\n    palisade.dev/exempt-reason: log agent, SEC-1"));
        Run passing = run("check", exempted.toString());
        assertThat(passing.exitCode()).isZero();
        assertThat(passing.out()).contains("EXEMPT").contains("exempted: annotation palisade.dev/exempt: log agent, SEC-1")
                .contains("PASSED: 0 blocking");

        Run junit = run("check", fixture("privileged.yaml"), "-o", "junit");
        assertThat(junit.out()).startsWith("<?xml").contains("<testcase classname=\"palisade.policy\" name=\"privileged-container\">")
                .contains("<failure message=\"1 violations of privileged-container\"");
        Run csv = run("check", fixture("privileged.yaml"), "-o", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("policy,severity,enforcement,blocking");
        assertThat(csv.out()).contains("privileged-container,HIGH,ENFORCE,true,false,logging,DaemonSet,log-agent,agent,"
                + "spec.template.spec.containers[0].securityContext.privileged");
        JsonNode json = JsonMapper.builder().build().readTree(run("check", fixture("privileged.yaml"), "-o", "json").out());
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("findings").get(0).path("blocking").asBoolean()).isTrue();
    }

    @Test
    void configurationFileSelectsAndAdjustsPolicies() throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("no-fluent-bit.yaml"), """
                id: no-fluent-bit
                name: No Fluent Bit
                severity: critical
                enforcement: ENFORCE
                remediation: Use the platform's log agent.
                categories: [Custom]
                target: container
                criteria:
                  - match:
                      - field: Image Remote
                        values: [".*fluent-bit"]
                """);
        Path config = Files.writeString(dir.resolve("palisade.yaml"), """
                trustedRegistries: [cr.fluentbit.io]
                policies:
                  directories: [policies]
                  disable: [privileged-container]
                  severity: {workload-without-owner: medium}
                """);

        Run run = run("check", fixture("privileged.yaml"), "--config", config.toString(), "-o", "json");

        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.path("findings").findValuesAsString("policy")).contains("no-fluent-bit")
                .doesNotContain("privileged-container", "image-untrusted-registry");
        assertThat(run.exitCode()).isEqualTo(1);

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "policies:\n  disabled: [x]\n");
        Run invalid = run("scan", fixture("privileged.yaml"), "--config", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("unknown key 'policies.disabled'");
    }

    @Test
    void policyListShowLintAndFields() throws IOException {
        JsonNode list = JsonMapper.builder().build().readTree(run("policy", "list", "-o", "json").out());
        assertThat(list.size()).isGreaterThanOrEqualTo(14);
        JsonNode privileged = null;
        for (JsonNode policy : list) {
            assertThat(policy.has("id") && policy.has("severity") && policy.has("lifecycle") && policy.has("categories")
                    && policy.has("equivalents")).isTrue();
            if (policy.path("id").asString().equals("privileged-container")) {
                privileged = policy;
            }
        }
        assertThat(privileged).isNotNull();
        assertThat(privileged.path("equivalents").path("kubescape").asString()).isEqualTo("C-0057");

        assertThat(run("policy", "show", "privileged-container").out()).contains("Privileged Container: true");
        assertThat(run("policy", "show", "nope").err()).contains("no policy has the id 'nope'");

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "id: x\nseverity: low\ncriteria:\n  - match:\n"
                + "      - field: Privilegd\n        values: [true]\n");
        Run lint = run("policy", "lint", broken.toString());
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains(broken + ": document 1, line 5: unknown field 'Privilegd'");
        assertThat(run("policy", "fields", "--target", "service").out()).contains("Service Type");
        assertThat(run("policy", "fields", "--target", "workload").out())
                .containsPattern("workload/c +Unscanned Image +boolean +the image has no scan result")
                .containsPattern("workload/v +Severity +severity +the vulnerability's severity");
    }

    @Test
    void podSecurityJudgesWorkloadsAndNamespaces() throws IOException {
        Path manifests = Files.writeString(dir.resolve("pss.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.33}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: shop}
                spec:
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers: [{name: app, image: "registry.corp.example/app:1"}]
                """);

        Run json = run("pss", manifests.toString(), "--level", "restricted", "--version", "v1.33", "-o", "json");

        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode root = JsonMapper.builder().build().readTree(json.out());
        assertThat(root.path("level").asString()).isEqualTo("restricted");
        assertThat(root.path("version").asString()).isEqualTo("v1.33");
        JsonNode result = root.path("results").get(0);
        assertThat(result.path("resource").path("name").asString()).isEqualTo("app");
        assertThat(result.path("source").path("line").asInt()).isPositive();
        assertThat(result.path("allowed").asBoolean()).isFalse();
        assertThat(result.path("violations").findValuesAsString("message")).contains(
                "allowPrivilegeEscalation != false (container \"app\" must set securityContext.allowPrivilegeEscalation=false)");
        JsonNode shop = root.path("namespaces").get(0);
        assertThat(shop.path("enforce").path("level").asString()).isEqualTo("restricted");
        assertThat(shop.path("violatingWorkloads").get(0).path("workload").asString()).isEqualTo("Deployment shop/app");
        assertThat(shop.path("strictestLevel").asString()).isEqualTo("baseline");
        assertThat(shop.path("command").asString()).isEqualTo("kubectl label --overwrite namespace shop"
                + " pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/enforce-version=v1.33");

        Run baseline = run("pss", manifests.toString(), "--level", "baseline");
        assertThat(baseline.exitCode()).isZero();
        assertThat(baseline.out()).contains("ALLOWED  Deployment shop/app");
        assertThat(run("pss", manifests.toString(), "--version", "1.x").err()).contains("invalid Pod Security version '1.x'");
    }

    @Test
    void rbacCanIWhoCanAndExplain() throws IOException {
        Path rbac = Files.writeString(dir.resolve("rbac.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: secret-reader, namespace: shop}
                rules:
                  - {apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [db]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: api-secrets, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
                subjects: [{kind: ServiceAccount, name: api}]
                """);
        String sa = "system:serviceaccount:shop:api";

        Run allowed = run("rbac", "can-i", "get", "secrets", rbac.toString(), "-n", "shop", "--name", "db", "--as", sa,
                "-o", "json");
        assertThat(allowed.exitCode()).isZero();
        JsonNode grant = JsonMapper.builder().build().readTree(allowed.out()).path("grants").get(0);
        assertThat(grant.path("binding").asString()).isEqualTo("RoleBinding shop/api-secrets");
        assertThat(grant.path("role").asString()).isEqualTo("Role shop/secret-reader");
        assertThat(grant.path("scope").asString()).isEqualTo("shop");

        Run listing = run("rbac", "can-i", "list", "secrets", rbac.toString(), "-n", "shop", "--as", sa);
        assertThat(listing.exitCode()).as("resourceNames never allow list").isEqualTo(1);
        assertThat(listing.out()).startsWith("no");

        JsonNode whoCan = JsonMapper.builder().build().readTree(run("rbac", "who-can", "get", "secrets", rbac.toString(),
                "-n", "shop", "--name", "db", "-o", "json").out());
        assertThat(whoCan.path("subjects").findValuesAsString("name")).containsExactly("system:masters", "api");
        assertThat(whoCan.path("subjects").get(1).path("namespace").asString()).isEqualTo("shop");

        Path withWorkload = Files.writeString(dir.resolve("rbac-workload.yaml"), Files.readString(rbac) + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop}
                spec:
                  serviceAccountName: api
                  containers: [{name: api, image: "registry.corp.example/api:1"}]
                """);
        JsonNode scan = JsonMapper.builder().build().readTree(run("scan", withWorkload.toString(), "-o", "json").out());
        assertThat(scan.path("workloads").get(0).path("serviceAccountPermissions").path("shop").get(0).asString())
                .isEqualTo("verbs=[get] apiGroups=[\"\"] resources=[secrets] resourceNames=[db]");

        assertThat(run("rbac", "explain", sa, rbac.toString()).out()).contains("namespace shop:")
                .contains("verbs=[get] apiGroups=[\"\"] resources=[secrets] resourceNames=[db]");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("palisade ");
        Run help = run("scan", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--fail-on", "--snapshot", "--kubeconfig", "--output-file");
    }
}
