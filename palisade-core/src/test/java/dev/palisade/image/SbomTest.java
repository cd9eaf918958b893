package dev.palisade.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.SharedData;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.PackageType;
import dev.palisade.image.sbom.SbomFormat;
import dev.palisade.image.sbom.SbomReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SBOM input and output. */
class SbomTest {

    @TempDir
    Path tmp;

    private static final String FIXTURES = "conformance/scanner/trivy/integration/testdata/fixtures/sbom/";

    /** Trivy's SBOM equivalence fixtures: the CentOS 7 CycloneDX and SPDX documents list the same packages. */
    @Test
    void cycloneDxAndSpdxOfTheSameImageGiveTheSamePackages() throws IOException {
        ImageResult cdx = SbomReader.read(SharedData.path(FIXTURES + "centos-7-cyclonedx.json"), Instant.EPOCH);
        ImageResult spdx = SbomReader.read(SharedData.path(FIXTURES + "centos-7-spdx.json"), Instant.EPOCH);
        assertThat(cdx.catalogue().packages()).isNotEmpty();
        assertThat(view(cdx)).isEqualTo(view(spdx));
        assertThat(cdx.catalogue().os().id()).isEqualTo("centos");
        assertThat(cdx.catalogue().packages()).allMatch(p -> p.type() == PackageType.RPM);
        ImagePackage bash = cdx.catalogue().packages().stream().filter(p -> p.name().equals("bash")).findFirst()
                .orElseThrow();
        assertThat(bash.version()).isEqualTo("4.2.46-31.el7");
        assertThat(bash.arch()).isEqualTo("x86_64");
    }

    @Test
    void whatPalisadeWritesReadsBack() throws IOException {
        TestImages.writeLayout(tmp.resolve("layout"), ImageReadingTest.sample());
        ImageResult result = new ImageReadingTest() {
            {
                tmp = SbomTest.this.tmp;
            }
        }.read(new ImageSource.Layout(tmp.resolve("layout"), null));
        for (SbomFormat format : List.of(SbomFormat.CYCLONEDX, SbomFormat.SPDX)) {
            StringWriter out = new StringWriter();
            format.write(result.catalogue(), out);
            Path file = tmp.resolve(format + ".json");
            Files.writeString(file, out.toString());
            ImageResult back = SbomReader.read(file, Instant.EPOCH);
            assertThat(back.problems()).as(format.name()).isEmpty();
            assertThat(view(back)).as(format.name()).isEqualTo(view(result));
            assertThat(back.catalogue().os().id()).isEqualTo("debian");
        }
    }

    @Test
    void notAnSbomIsRefusedWithItsName() throws IOException {
        Path file = tmp.resolve("other.json");
        Files.writeString(file, "{\"kind\":\"Pod\"}");
        assertThatThrownBy(() -> SbomReader.read(file, Instant.EPOCH))
                .hasMessageContaining(file + ": neither a CycloneDX JSON nor an SPDX JSON document");
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> SbomReader.read(file, Instant.EPOCH)).hasMessageContaining(file + ": not a JSON SBOM");
    }

    private static List<String> view(ImageResult result) {
        return result.catalogue().packages().stream().map(p -> p.type() + " " + p.name() + " " + p.version() + " "
                + p.arch()).sorted().toList();
    }
}
