package dev.palisade.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void optionThenEnvironmentThenHome() {
        assertThat(DataDirectory.resolve(Path.of("/opt/p"), Map.of("PALISADE_HOME", "/srv/p")).db())
                .isEqualTo(Path.of("/opt/p/db"));
        assertThat(DataDirectory.resolve(null, Map.of("PALISADE_HOME", "/srv/p")).root()).isEqualTo(Path.of("/srv/p"));
        assertThat(DataDirectory.resolve(null, Map.of("PALISADE_HOME", " ")).root())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".palisade"));
        assertThat(DataDirectory.resolve(null, Map.of()).db())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".palisade", "db"));
    }
}
