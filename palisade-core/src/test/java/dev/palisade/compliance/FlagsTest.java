package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {

    @Test
    void readsFlagsAsKubeBenchDoes() {
        Flags flags = Flags.parse(List.of("--profiling=false", "--bind-address", "0.0.0.0", "--leader-elect",
                "--v", "2", "-v=4", "positional", "--empty="));

        assertThat(flags.value("--profiling")).contains("false");
        assertThat(flags.value("--bind-address")).contains("0.0.0.0");
        assertThat(flags.value("--leader-elect")).as("a bare flag is true").contains("true");
        assertThat(flags.value("--v")).as("-v and --v are one flag; the last wins").contains("4");
        assertThat(flags.value("--empty")).contains("");
        assertThat(flags.isSet("positional")).isFalse();
        assertThat(flags.value("--missing")).isEmpty();
    }

    @Test
    void listFlagsAccumulateEveryOccurrenceAndScalarsTakeTheLast() {
        Flags flags = Flags.parse(List.of("--enable-admission-plugins=NodeRestriction, EventRateLimit",
                "--enable-admission-plugins=AlwaysPullImages,", "--audit-log-maxage=7", "--audit-log-maxage=30"));

        assertThat(flags.items("--enable-admission-plugins"))
                .containsExactly("NodeRestriction", "EventRateLimit", "AlwaysPullImages");
        assertThat(flags.value("--audit-log-maxage")).contains("30");
        assertThat(flags.shown("--audit-log-maxage")).contains("7,30");
    }

    @Test
    void recognisesComponentsHoweverTheyAreStarted() {
        assertThat(Component.identify(List.of("/usr/local/bin/kube-apiserver", "--secure-port=6443")))
                .hasValueSatisfying(i -> {
                    assertThat(i.component()).isEqualTo(Component.KUBE_APISERVER);
                    assertThat(i.args()).containsExactly("--secure-port=6443");
                });
        assertThat(Component.identify(List.of("hyperkube", "kubelet", "--config=/c"))).hasValueSatisfying(i ->
                assertThat(i.args()).containsExactly("--config=/c"));
        assertThat(Component.identify(List.of("hyperkube", "proxy"))).map(Component.Invocation::component)
                .contains(Component.KUBE_PROXY);
        assertThat(Component.identify(List.of("/bin/sh", "-c", "exec etcd --data-dir=/var/lib/etcd", "--name=x")))
                .hasValueSatisfying(i -> {
                    assertThat(i.component()).isEqualTo(Component.ETCD);
                    assertThat(i.args()).containsExactly("--data-dir=/var/lib/etcd", "--name=x");
                });
        assertThat(Component.identify(List.of("nginx", "-g", "daemon off;"))).isEmpty();
        assertThat(Component.identify(List.of("kube-apiserver-proxy"))).as("whole names only").isEmpty();
    }
}
