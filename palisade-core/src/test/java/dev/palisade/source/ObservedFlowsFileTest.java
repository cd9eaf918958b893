package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ObservedFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservedFlowsFileTest {

    private static final Snapshot SHOP = TestSupport.snapshotOf("network/shop.yaml");

    @TempDir
    Path dir;

    @Test
    void readsAFileWithItsNameInProblems() throws IOException {
        Path file = Files.writeString(dir.resolve("flows.csv"), "\uFEFFsource,destination,port\nshop/web,shop/api,80\n"
                + "shop/web,shop/nope,80\n");

        ObservedFlows flows = ObservedFlowsFile.read(file, SHOP, ManifestSource.DEFAULT_MAX_FILE_BYTES);

        assertThat(flows.flows()).hasSize(1);
        assertThat(flows.problems()).extracting(Object::toString)
                .containsExactly(file + ": line 3: destination 'shop/nope' is not a workload of the inventory");
    }

    @Test
    void aFileThatCannotBeReadIsOneClearError() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> ObservedFlowsFile.read(missing, SHOP, 1024)).isInstanceOf(SourceException.class)
                .hasMessage(missing + ": no such file or directory");

        Path large = Files.writeString(dir.resolve("large.csv"), "source,destination,port\n".repeat(100));
        assertThatThrownBy(() -> ObservedFlowsFile.read(large, SHOP, 1024)).isInstanceOf(SourceException.class)
                .hasMessageContaining("larger than the limit");

        Path binary = Files.write(dir.resolve("flows.bin"), new byte[] {(byte) 0xC3, (byte) 0x28, 'a'});
        assertThatThrownBy(() -> ObservedFlowsFile.read(binary, SHOP, 1024)).isInstanceOf(SourceException.class)
                .hasMessage(binary + ": not a text file: the content is not UTF-8");
    }
}
