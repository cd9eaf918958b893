package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFactsFileTest {

    @TempDir
    Path dir;

    private static final String NODE = """
            {"apiVersion": "palisade.dev/v1", "kind": "NodeFacts", "node": "%s", "collectedAt": "2026-01-01T00:00:00Z",
             "controlPlane": false, "processes": [], "kubeletConfig": null, "files": [], "problems": []}
            """;

    @Test
    void invalidJsonNamesTheFileAndLine() {
        assertThatThrownBy(() -> NodeFactsFile.parse("n.json", "{\n\"node\": \"a\",\n oops}"))
                .hasMessageStartingWith("n.json: line 3: invalid JSON");
    }

    @Test
    void jsonThatIsNotNodeFactsNamesTheField() {
        assertThatThrownBy(() -> NodeFactsFile.parse("n.json", "{\"kind\": \"Pod\"}"))
                .hasMessage("n.json: field kind: expected NodeFacts (written by palisade node-facts)");
        assertThatThrownBy(() -> NodeFactsFile.parse("n.json", NODE.formatted("")))
                .hasMessage("n.json: field node: missing (a non-empty string is required)");
        assertThatThrownBy(() -> NodeFactsFile.parse("n.json", NODE.formatted("a").replace("\"processes\": []",
                "\"processes\": [{\"component\": \"dockerd\", \"args\": []}]")))
                .hasMessageStartingWith("n.json: field processes[0].component: unknown component 'dockerd'");
        assertThatThrownBy(() -> NodeFactsFile.parse("n.json", NODE.formatted("a").replace("\"files\": []",
                "\"files\": [{\"role\": \"pki\", \"path\": \"/p\", \"exists\": true, \"type\": \"file\","
                        + " \"permissions\": \"rw\", \"owner\": \"root\", \"group\": \"root\"}]")))
                .hasMessage("n.json: field files[0].permissions: expected octal permissions such as 600");
    }

    @Test
    void aDirectoryHoldsOneFilePerNode() throws IOException {
        Files.writeString(dir.resolve("b.json"), NODE.formatted("worker-1"));
        Files.writeString(dir.resolve("a.json"), NODE.formatted("cp-1"));
        Files.writeString(dir.resolve("notes.txt"), "not facts");

        assertThat(NodeFactsFile.readAll(dir)).extracting(f -> f.node() + " " + Path.of(f.origin()).getFileName())
                .containsExactly("cp-1 a.json", "worker-1 b.json");

        Files.writeString(dir.resolve("c.json"), NODE.formatted("cp-1"));
        assertThatThrownBy(() -> NodeFactsFile.readAll(dir)).hasMessageEndingWith("node cp-1 is also described by "
                + dir.resolve("a.json"));
        assertThatThrownBy(() -> NodeFactsFile.readAll(dir.resolve("missing")))
                .hasMessageStartingWith(dir.resolve("missing").toString());
    }
}
