package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Secret's value given as input appears in no snapshot: only metadata, type and key names survive. */
class SecretValuesTest {

    private static final String VALUE = "hunter2-do-not-leak-9f3a";
    private static final String ENCODED = Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));

    static final String SECRETS = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: shop
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: |
                  {"apiVersion":"v1","data":{"password":"%1$s"},"kind":"Secret","metadata":{"name":"db"}}
            type: Opaque
            data:
              password: %1$s
            stringData:
              username: %2$s
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: tls, namespace: shop}
            type: kubernetes.io/tls
            data: {tls.crt: %1$s, tls.key: %1$s}
            """.formatted(ENCODED, VALUE);

    @Test
    void onlyKeyNamesSurvive() {
        Snapshot snapshot = TestSupport.snapshot("secrets.yaml", SECRETS);

        assertThat(snapshot.problems()).isEmpty();
        io.fabric8.kubernetes.api.model.Secret db = snapshot.ofKind("Secret", io.fabric8.kubernetes.api.model.Secret.class).get(0);
        assertThat(db.getType()).isEqualTo("Opaque");
        assertThat(db.getData()).containsOnlyKeys("password", "username").containsValues("", "");
        assertThat(db.getStringData()).isNullOrEmpty();
        assertThat(db.getMetadata().getAnnotations()).doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        SnapshotFile.write(snapshot, saved);
        String text = saved.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"password\"", "\"tls.key\"").doesNotContain(VALUE).doesNotContain(ENCODED);
        assertThat(snapshot.objects().toString()).doesNotContain(VALUE).doesNotContain(ENCODED);
    }

    @Test
    void lastAppliedConfigurationIsDroppedFromEveryKind() {
        Snapshot snapshot = TestSupport.snapshot("cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}", keep: "yes"}
                """);

        assertThat(snapshot.objects().get(0).annotations()).isEqualTo(Map.of("keep", "yes"));
    }
}
