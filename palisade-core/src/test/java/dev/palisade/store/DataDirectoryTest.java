package dev.palisade.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void explicitThenEnvironmentThenHome() {
        Path home = Path.of("/home/dev");
        assertThat(DataDirectory.resolve(Path.of("/srv/palisade"), Map.of("PALISADE_HOME", "/env"), home).root())
                .isEqualTo(Path.of("/srv/palisade"));
        assertThat(DataDirectory.resolve(null, Map.of("PALISADE_HOME", "/env"), home).root())
                .isEqualTo(Path.of("/env"));
        DataDirectory fallback = DataDirectory.resolve(null, Map.of("PALISADE_HOME", " "), home);
        assertThat(fallback.root()).isEqualTo(Path.of("/home/dev/.palisade"));
        assertThat(fallback.images()).isEqualTo(Path.of("/home/dev/.palisade/images"));
        assertThat(fallback.db()).isEqualTo(Path.of("/home/dev/.palisade/db"));
        assertThat(fallback.scratch()).isEqualTo(Path.of("/home/dev/.palisade/tmp"));
    }
}
