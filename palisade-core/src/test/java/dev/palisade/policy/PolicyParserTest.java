package dev.palisade.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.InputProblem;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.Severity;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    private final PolicyParser parser = new PolicyParser();

    @Test
    void readsEveryPartOfAPolicy() {
        PolicyParser.Result result = parser.parse("p.yaml", """
                id: no-latest
                name: No latest
                description: d
                rationale: r
                remediation: fix
                severity: high
                categories: [Supply Chain]
                lifecycle: [DEPLOY]
                enforcement: ENFORCE
                target: container
                scope: {namespace: "prod-.*", labels: {tier: web}}
                exclusions:
                  - namespace: prod-legacy
                    reason: migrating
                    expires: 2027-01-31
                equivalents: {trivy: KSV-0013}
                message: "{container} uses {values}"
                criteria:
                  - section: latest
                    match:
                      - field: image tag
                        values: [latest]
                      - field: Image Pinned By Digest
                        values: [false]
                  - match:
                      - cel: "container.image.endsWith(':dev')"
                """);

        assertThat(result.problems()).isEmpty();
        Policy policy = result.policies().get(0);
        assertThat(policy.id()).isEqualTo("no-latest");
        assertThat(policy.severity()).isEqualTo(Severity.HIGH);
        assertThat(policy.enforcement()).isEqualTo(Enforcement.ENFORCE);
        assertThat(policy.lifecycle()).containsExactly(Policy.Lifecycle.DEPLOY);
        assertThat(policy.target()).isEqualTo(Target.WORKLOAD);
        assertThat(policy.perContainer()).isTrue();
        assertThat(policy.sections()).hasSize(2);
        assertThat(policy.sections().get(0).criteria()).hasSize(2);
        assertThat(policy.sections().get(1).criteria().get(0)).isInstanceOf(Criterion.Cel.class);
        assertThat(policy.exclusions()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("migrating");
            assertThat(e.activeOn(java.time.LocalDate.of(2027, 1, 30))).isTrue();
            assertThat(e.activeOn(java.time.LocalDate.of(2027, 1, 31))).isFalse();
        });
        assertThat(policy.scope().covers("", "prod-eu", "x", java.util.Map.of("tier", "web"))).isTrue();
        assertThat(policy.scope().covers("", "dev", "x", java.util.Map.of("tier", "web"))).isFalse();
        assertThat(policy.source().line()).isEqualTo(1);
    }

    private static final String MISTAKES = """
            id: Bad_Id
            severity: urgent
            criteria:
              - match:
                  - field: Privileged Contaner
                    values: [true]
                  - field: Image Tag
                    values: ["(unclosed"]
                  - field: Replicas
                    values: [many]
                  - field: Host Network
                    values: [yes]
                  - cel: "container.image ==="
            """;

    @Test
    void anUnknownKeyStopsThePolicy() {
        PolicyParser.Result result = parser.parse("bad.yaml", MISTAKES.replace("severity: urgent\n",
                "severity: urgent\ncolour: blue\n"));

        assertThat(result.policies()).isEmpty();
        assertThat(result.problems()).extracting(InputProblem::toString).containsExactly(
                "error: bad.yaml: document 1, line 3: unknown key 'colour' in a policy (expected one of categories,"
                        + " criteria, description, enabled, enforcement, equivalents, exclusions, id, lifecycle, message,"
                        + " name, rationale, remediation, scope, severity, target)");
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        PolicyParser.Result result = parser.parse("bad.yaml", MISTAKES);

        assertThat(result.policies()).isEmpty();
        assertThat(result.problems()).extracting(p -> p.location().line() + ": " + p.message()).containsExactly(
                "1: id 'Bad_Id' is not kebab-case (lowercase letters, digits, dashes)",
                "2: unknown severity 'urgent' (expected low, medium, high or critical)",
                "5: unknown field 'Privileged Contaner' for target workload (palisade policy fields lists them)",
                "8: Image Tag: invalid regular expression '(unclosed': Unclosed group",
                "10: Replicas: 'many' is not a number with an optional comparator (<, <=, >, >=, =)",
                "12: Host Network: 'yes' is not a boolean (true or false)",
                "13: " + result.problems().get(6).message());
        assertThat(result.problems().get(6).message()).startsWith("invalid CEL expression: ");
    }

    @Test
    void fieldsBelongToTheirTarget() {
        PolicyParser.Result result = parser.parse("t.yaml", """
                id: svc
                severity: low
                target: service
                criteria:
                  - match:
                      - field: Privileged Container
                        values: [true]
                """);

        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("unknown field 'Privileged Container' for target service"
                        + " (palisade policy fields lists them)"));
    }

    @Test
    void invalidYamlIsOneProblem() {
        PolicyParser.Result result = parser.parse("y.yaml", "id: x\n  severity: [low\n");

        assertThat(result.policies()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("invalid YAML"));
    }

    @Test
    void theDefaultPackIsValid() {
        assertThat(PolicyPack.defaults().problems()).isEmpty();
        assertThat(PolicyPack.defaults().policies()).extracting(Policy::id).doesNotHaveDuplicates().isNotEmpty();
        assertThat(PolicyPack.defaults().policies()).allSatisfy(p -> {
            assertThat(p.source().origin()).isEqualTo("policies/" + p.id() + ".yaml");
            assertThat(p.remediation()).isNotBlank();
            assertThat(p.description()).isNotBlank();
            assertThat(p.categories()).isNotEmpty();
        });
    }
}
