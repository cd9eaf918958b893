package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.compliance.SettingTest.Operator;
import dev.palisade.compliance.SettingTest.Setting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SettingsEvaluatorTest {

    private static SettingsEvaluator.Outcome run(SettingTest test, List<String> args, Map<String, String> env,
                                                 String configJson) {
        NodeFacts.KubeletConfig config = configJson == null ? null
                : new NodeFacts.KubeletConfig("/var/lib/kubelet/config.yaml", JsonMapper.builder().build().readTree(configJson));
        return SettingsEvaluator.evaluate(test, new SettingsEvaluator.Settings(Flags.parse(args), env, config));
    }

    private static SettingTest.Compare flag(String flag, Operator operator, String expected) {
        return new SettingTest.Compare(new Setting(flag, null, null), operator, expected, false);
    }

    @Test
    void admissionPluginsCountKubeApiserverDefaultsAndTheDisableList() {
        SettingTest serviceAccount = new SettingTest.AdmissionPlugin("ServiceAccount", true);
        SettingTest alwaysAdmit = new SettingTest.AdmissionPlugin("AlwaysAdmit", false);

        assertThat(run(serviceAccount, List.of(), Map.of(), null).pass()).as("on by default").isTrue();
        assertThat(run(serviceAccount, List.of("--disable-admission-plugins=PodSecurity,ServiceAccount"), Map.of(),
                null)).satisfies(o -> {
                    assertThat(o.pass()).isFalse();
                    assertThat(o.detail()).contains("named in --disable-admission-plugins");
                });
        assertThat(run(alwaysAdmit, List.of("--enable-admission-plugins=NodeRestriction"), Map.of(), null).pass())
                .isTrue();
        assertThat(run(alwaysAdmit, List.of("--enable-admission-plugins=NodeRestriction,AlwaysAdmit"), Map.of(), null)
                .pass()).isFalse();
        assertThat(run(new SettingTest.AdmissionPlugin("NodeRestriction", true), List.of(), Map.of(), null).detail())
                .isEqualTo("admission plugin NodeRestriction not in force (not named in --enable-admission-plugins),"
                        + " expected enabled");
    }

    @Test
    void comparesAsKubeBenchCompares() {
        assertThat(run(flag("--profiling", Operator.EQ, "false"), List.of("--profiling=FALSE"), Map.of(), null).pass())
                .as("booleans in any case").isTrue();
        assertThat(run(flag("--audit-log-maxage", Operator.GTE, "30"), List.of("--audit-log-maxage=30"), Map.of(),
                null).pass()).isTrue();
        assertThat(run(flag("--audit-log-maxage", Operator.GTE, "30"), List.of("--audit-log-maxage=thirty"), Map.of(),
                null).pass()).as("not a number").isFalse();
        assertThat(run(flag("--authorization-mode", Operator.HAS, "Node"), List.of("--authorization-mode=NodeX,RBAC"),
                Map.of(), null).pass()).as("whole items, not substrings").isFalse();
        assertThat(run(flag("--tls-cipher-suites", Operator.WITHIN, "A,B,C"), List.of("--tls-cipher-suites=B,A"),
                Map.of(), null).pass()).isTrue();
        assertThat(run(flag("--tls-cipher-suites", Operator.WITHIN, "A,B,C"), List.of("--tls-cipher-suites=B,D"),
                Map.of(), null).detail()).isEqualTo("--tls-cipher-suites=B,D, expected only A,B,C");
        assertThat(run(flag("--token-auth-file", Operator.UNSET, null), List.of(), Map.of(), null).pass()).isTrue();
        assertThat(run(flag("--profiling", Operator.EQ, "false"), List.of(), Map.of(), null).detail())
                .isEqualTo("--profiling not set, expected false");
        SettingTest.Compare orUnset = new SettingTest.Compare(new Setting("--bind-address", null, null), Operator.EQ,
                "127.0.0.1", true);
        assertThat(run(orUnset, List.of(), Map.of(), null).pass()).isTrue();
        assertThat(run(orUnset, List.of("--bind-address=0.0.0.0"), Map.of(), null).detail())
                .isEqualTo("--bind-address=0.0.0.0, expected 127.0.0.1 or not set");
    }

    @Test
    void theFlagWinsOverTheConfigurationFileAndTheEnvironmentFillsIn() {
        SettingTest.Compare anonymous = new SettingTest.Compare(new Setting("--anonymous-auth",
                "authentication.anonymous.enabled", null), Operator.EQ, "false", false);
        String config = "{\"authentication\": {\"anonymous\": {\"enabled\": false}},"
                + " \"featureGates\": {\"RotateKubeletServerCertificate\": false}, \"tlsCipherSuites\": [\"A\", \"B\"]}";

        assertThat(run(anonymous, List.of(), Map.of(), config).detail())
                .isEqualTo("authentication.anonymous.enabled: false (/var/lib/kubelet/config.yaml)");
        assertThat(run(anonymous, List.of("--anonymous-auth=true"), Map.of(), config).pass()).isFalse();
        SettingTest.Compare gates = new SettingTest.Compare(new Setting("--feature-gates", "featureGates", null),
                Operator.LACKS, "RotateKubeletServerCertificate=false", true);
        assertThat(run(gates, List.of(), Map.of(), config).pass()).as("a map's items are key=value").isFalse();
        SettingTest.Compare ciphers = new SettingTest.Compare(new Setting(null, "tlsCipherSuites", null),
                Operator.WITHIN, "A,B", false);
        assertThat(run(ciphers, List.of(), Map.of(), config).pass()).isTrue();
        SettingTest.Compare certFile = new SettingTest.Compare(new Setting("--cert-file", null, "ETCD_CERT_FILE"),
                Operator.SET, null, false);
        assertThat(run(certFile, List.of(), Map.of("ETCD_CERT_FILE", "/pki/server.crt"), null).detail())
                .isEqualTo("ETCD_CERT_FILE=/pki/server.crt");
    }
}
