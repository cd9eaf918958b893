package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.TestSupport;
import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cluster.json", "cluster.json.gz"})
    void roundTripKeepsObjectsSourcesWorkloadsAndProblems(String name) throws IOException {
        Snapshot original = TestSupport.snapshot("live.yaml",
                TestSupport.resource("manifests/live-pods/cluster-list.yaml") + "---\nnot: an object\n");
        Path file = dir.resolve(name);

        SnapshotFile.save(original, file);
        Snapshot loaded = SnapshotFile.load(file);

        assertThat(loaded.objects()).extracting(KubeObject::ref).containsExactlyElementsOf(
                original.objects().stream().map(KubeObject::ref).toList());
        assertThat(loaded.objects()).extracting(KubeObject::source).containsExactlyElementsOf(
                original.objects().stream().map(KubeObject::source).toList());
        assertThat(loaded.workloads()).extracting(Workload::ref, w -> w.pods().size()).containsExactlyElementsOf(
                original.workloads().stream().map(w -> org.assertj.core.groups.Tuple.tuple(w.ref(), w.pods().size())).toList());
        assertThat(loaded.problems()).isEqualTo(original.problems()).isNotEmpty();
        assertThat(loaded.info().loadedAt()).isEqualTo(TestSupport.FIXED_TIME);
        assertThat(Files.list(dir)).as("no temporary file left behind").containsExactly(file);
    }

    @Test
    void aFileThatIsNotASnapshotIsAClearError() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "apiVersion: v1\n");
        Path otherJson = Files.writeString(dir.resolve("b.json"), "{\"kind\":\"List\"}");
        Path future = Files.writeString(dir.resolve("c.json"), "{\"format\":\"palisade-snapshot\",\"version\":99}");

        assertThatThrownBy(() -> SnapshotFile.load(notJson)).isInstanceOf(SourceException.class)
                .hasMessage(notJson + ": not a Palisade snapshot (invalid JSON at line 1)");
        assertThatThrownBy(() -> SnapshotFile.load(otherJson))
                .hasMessage(otherJson + ": not a Palisade snapshot (no \"format\": \"palisade-snapshot\")");
        assertThatThrownBy(() -> SnapshotFile.load(future))
                .hasMessage(future + ": snapshot version 99 is not supported (this Palisade reads version 1)");
        assertThatThrownBy(() -> SnapshotFile.load(dir.resolve("missing.json")))
                .hasMessage(dir.resolve("missing.json") + ": no such file or directory");
    }
}
