package dev.palisade.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // reference, registry, repository, tag, digest, tag implied
            "nginx,                              docker.io, library/nginx,          latest, -, true",
            "nginx:1.27,                         docker.io, library/nginx,          1.27,   -, false",
            "bitnami/kubectl:latest,             docker.io, bitnami/kubectl,        latest, -, false",
            "docker.io/nginx,                    docker.io, library/nginx,          latest, -, true",
            "index.docker.io/library/nginx:1,    docker.io, library/nginx,          1,      -, false",
            "quay.io/prometheus/prometheus:v2.53.0, quay.io, prometheus/prometheus, v2.53.0, -, false",
            "localhost/app,                      localhost, app,                    latest, -, true",
            "localhost:5000/app:2,               localhost:5000, app,               2,      -, false",
            "registry.shop.internal:5000/shop/web:1.42.0, registry.shop.internal:5000, shop/web, 1.42.0, -, false",
            "my-registry:5000/team/app,          my-registry:5000, team/app,        latest, -, true",
            "ghcr.io/org/sub/group/app:1.0-rc.1, ghcr.io,   org/sub/group/app,      1.0-rc.1, -, false",
    })
    void parsesLikeAContainerRuntime(String reference, String registry, String repository, String tag, String digest,
                                     boolean implied) {
        ImageRef image = ImageRef.parse(reference);
        assertThat(image.registry()).isEqualTo(registry);
        assertThat(image.repository()).isEqualTo(repository);
        assertThat(image.tag()).isEqualTo(tag);
        assertThat(image.digest()).isEqualTo(digest);
        assertThat(image.tagImplied()).isEqualTo(implied);
        assertThat(image.original()).isEqualTo(reference);
    }

    @org.junit.jupiter.api.Test
    void digestWithAndWithoutTag() {
        ImageRef pinned = ImageRef.parse("postgres@" + DIGEST);
        assertThat(pinned.tag()).isNull();
        assertThat(pinned.digest()).isEqualTo(DIGEST);
        assertThat(pinned.mutableLatest()).isFalse();
        assertThat(pinned.fullReference()).isEqualTo("docker.io/library/postgres@" + DIGEST);

        ImageRef both = ImageRef.parse("docker.io/library/postgres:16.4@" + DIGEST);
        assertThat(both.tag()).isEqualTo("16.4");
        assertThat(both.pinnedByDigest()).isTrue();

        ImageRef latestPinned = ImageRef.parse("nginx:latest@" + DIGEST);
        assertThat(latestPinned.mutableLatest()).as("a digest pins even :latest").isFalse();
        assertThat(ImageRef.parse("nginx").mutableLatest()).isTrue();
        assertThat(ImageRef.parse("nginx:latest-1.2").mutableLatest()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Nginx:1", "nginx:", "nginx@sha256:short", "registry.io/", "a//b", "nginx:tag with space"})
    void rejectsWhatNoRuntimeWouldPull(String reference) {
        assertThatThrownBy(() -> ImageRef.parse(reference)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ImageRef.tryParse(reference)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void uppercaseRepositoryGetsAHint() {
        assertThatThrownBy(() -> ImageRef.parse("MyApp:1")).hasMessageContaining("lowercase");
    }
}
