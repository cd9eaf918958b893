package dev.palisade.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.ImageRef;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistryMatcherTest {

    private static boolean trusts(String entry, String image) {
        return new RegistryMatcher(List.of(entry)).matches(ImageRef.parse(image));
    }

    @ParameterizedTest(name = "{0} trusts {1}: {2}")
    @CsvSource({
            // a registry host trusts every image of that host, and nothing else
            "quay.io,                   quay.io/prometheus/prometheus:v2.53.0,        true",
            "quay.io,                   quay.io/a/b/c@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31, true",
            "quay.io,                   ghcr.io/prometheus/prometheus:v2.53.0,        false",
            "quay.io,                   quay.io.attacker.example/prometheus:v2,       false",
            "quay.io,                   myquay.io/prometheus:v2,                      false",
            "quay.io,                   docker.io/quay.io/prometheus:v2,              false",
            "localhost:5000,            localhost:5000/tools/debug:1.0,               true",
            "localhost:5000,            localhost:5001/tools/debug:1.0,               false",
            // host/path prefix: trusts the repositories under the prefix
            "docker.io/library,         nginx:1.27,                                   true",
            "docker.io/library,         docker.io/library/nginx:1.27,                 true",
            "docker.io/library,         library/nginx,                                true",
            "docker.io/library,         bitnami/redis:7.2,                            false",
            "docker.io/library,         quay.io/library/nginx:1.27,                   false",
            "ghcr.io/acme,              ghcr.io/acme/api:1.0,                         true",
            "ghcr.io/acme,              ghcr.io/acme/team/worker:1.0,                 true",
            "ghcr.io/acme,              ghcr.io/acme-evil/api:1.0,                    false",
            "ghcr.io/acme/api,          ghcr.io/acme/api:1.0,                         true",
            "ghcr.io/acme/api,          ghcr.io/acme/api-internal:1.0,                false",
            // a prefix must end at a path boundary
            "docker.io/lib,             docker.io/library/nginx:1.27,                 false",
            "docker.io/lib,             nginx:1.27,                                   false",
            // *.domain: any subdomain, not the domain itself, not a look-alike
            "*.corp.example,            registry.corp.example/shop/web:1.0,           true",
            "*.corp.example,            eu.registry.corp.example/shop/web:1.0,        true",
            "*.corp.example,            corp.example/shop/web:1.0,                    false",
            "*.corp.example,            evilcorp.example/shop/web:1.0,                false",
            "*.corp.example,            registry.corp.example.attacker.io/web:1.0,    false",
            // Docker Hub's aliases are one registry, on either side
            "docker.io,                 nginx,                                        true",
            "docker.io,                 index.docker.io/library/nginx:1.27,           true",
            "docker.io,                 registry-1.docker.io/bitnami/redis:7.2,       true",
            "index.docker.io,           nginx:1.27,                                   true",
            "index.docker.io,           bitnami/redis:7.2,                            true",
            "registry-1.docker.io,      nginx:1.27,                                   true",
            "index.docker.io/library,   nginx:1.27,                                   true",
            "index.docker.io/library,   bitnami/redis:7.2,                            false",
            "index.docker.io,           quay.io/nginx:1.27,                           false",
            // case-insensitive hosts and entries
            "Quay.IO,                   quay.io/prometheus/prometheus:v2.53.0,        true",
            "quay.io,                   QUAY.io/prometheus/prometheus:v2.53.0,        true",
            "Docker.IO/Library,         nginx:1.27,                                   true",
            "*.Corp.Example,            Registry.CORP.example/shop/web:1.0,           true",
            // written as a URL or with a trailing slash
            "https://quay.io/,          quay.io/prometheus/prometheus:v2.53.0,        true",
            "docker.io/library/,        nginx:1.27,                                   true",
            "docker.io/library/,        bitnami/redis:7.2,                            false",
    })
    void matches(String entry, String image, boolean trusted) {
        assertThat(trusts(entry, image)).isEqualTo(trusted);
    }

    @Test
    void anyEntryOfTheListIsEnough() {
        RegistryMatcher matcher = new RegistryMatcher(List.of("registry.corp.example", "docker.io/library"));
        assertThat(matcher.matches(ImageRef.parse("registry.corp.example/shop/web:1.0"))).isTrue();
        assertThat(matcher.matches(ImageRef.parse("nginx:1.27"))).isTrue();
        assertThat(matcher.matches(ImageRef.parse("quay.io/prometheus/prometheus:v2.53.0"))).isFalse();
    }

    @Test
    void configuredOnlyWithANonBlankEntry() {
        assertThat(new RegistryMatcher(List.of()).configured()).isFalse();
        assertThat(new RegistryMatcher(List.of("", "  ", "/")).configured()).isFalse();
        assertThat(new RegistryMatcher(List.of(" quay.io ")).configured()).isTrue();
        assertThat(new RegistryMatcher(List.of(" quay.io ")).matches(ImageRef.parse("quay.io/a/b:1"))).isTrue();
    }

    @Test
    void wholeRegistryOrSomeRepositories() {
        RegistryMatcher matcher = new RegistryMatcher(List.of("quay.io", "docker.io/library", "*.corp.example",
                "ghcr.io/acme"));
        assertThat(matcher.matches(ImageRef.parse("QUAY.IO/any/thing:1"))).isTrue();
        assertThat(matcher.matches(ImageRef.parse("registry.corp.example/x:1"))).isTrue();
        assertThat(matcher.matches(ImageRef.parse("nginx:1"))).isTrue();
        assertThat(matcher.matches(ImageRef.parse("bitnami/redis:7"))).isFalse();
        assertThat(matcher.matches(ImageRef.parse("ghcr.io/acme/app:1"))).isTrue();
        assertThat(matcher.matches(ImageRef.parse("ghcr.io/other/app:1"))).isFalse();
        // ghcr.io/acme is a path of ghcr.io, not of ghcr.io.mirror.example
        assertThat(matcher.matches(ImageRef.parse("ghcr.io.mirror.example/acme/app:1"))).isFalse();
    }
}
