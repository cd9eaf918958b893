package dev.palisade.image.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Language package files of the shared scanner fixtures (Trivy, osv-scalibr) give the name/version lists their
 * upstream tests state. Cases that cannot apply, and deliberate differences, are named with the reason.
 */
class LanguagePackageConformanceTest {

    // ---- Java ----

    /** Trivy's jar parser in offline mode (Palisade never asks a network service). */
    @Test
    void trivyJar() throws IOException {
        String dir = "trivy/pkg/dependency/parser/java/jar/";
        Map<String, String> notApplicable = Map.of(
                "sha1 search", "needs Maven Central's SHA-1 search; Palisade reads offline and gives the 'offline'"
                        + " case's answer for the same jar",
                "artifactId search", "needs Maven Central's artifactId search to find the group of a jar whose"
                        + " manifest and pom.properties say nothing; offline, Palisade finds no package");
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.parse_test.json")) {
            if (notApplicable.containsKey(c.name())) {
                continue;
            }
            List<ImagePackage> found = jar(Expectations.path(dir + c.files().get(0)));
            assertThat(Expectations.nameVersionsOf(found)).as("trivy jar case %s", c.name())
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(8);
        assertThat(jar(Expectations.path(dir + "testdata/heuristic-1.0.0-SNAPSHOT.jar"))).isEmpty();
    }

    /**
     * osv-scalibr's archive cases. Palisade applies Trivy's rules (pom.properties, else the manifest); the cases
     * that depend on osv-scalibr's own options are named below.
     */
    @Test
    void scalibrJar() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/language/java/archive/";
        int checked = 0;
        List<String> skipped = new ArrayList<>();
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.archive_test.json")) {
            String first = c.files().get(0);
            boolean injectsManifest = first.endsWith("MANIFEST.MF") || !first.contains(".jar") && !first.contains("jar");
            if (c.name().contains("IdentifyByFilename") || c.name().contains("max opened bytes") || injectsManifest
                    || c.name().startsWith("Test ") || c.name().equals("Test_MANIFEST.MF_with_no_valid_ArtifactID")) {
                // Deliberate differences: IdentifyByFilename guesses group and artifact from a file name (an
                // upstream option Palisade does not have: it invents group ids); "max opened bytes" is an upstream
                // read budget; the manifest cases feed a MANIFEST.MF from a directory through osv-scalibr's own
                // group/artifact heuristics (known-group tables, Extension-Name fallbacks) that Palisade does not
                // copy: it reads Implementation-Vendor-Id / Bundle-SymbolicName, titles and versions as Trivy does.
                // For the same reason the yolo jar's manifest gives com.google.src:src-yolo (foobar) 0.1.2, where
                // osv-scalibr rejects the title as an artifact id (Trivy keeps titles with spaces, as its offline
                // case "org.springframework:Spring Framework" shows).
                skipped.add(c.name());
                continue;
            }
            Path file = Expectations.path(dir + first);
            List<ImagePackage> found;
            try {
                found = jar(file);
            } catch (RuntimeException e) {
                found = List.of();  // not a jar, or a broken one: upstream yields no package either
            }
            assertThat(Expectations.nameVersionsOf(found)).as("osv-scalibr archive case %s", c.name())
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(10);
        assertThat(skipped).hasSize(15);
    }

    @Test
    void notAJarIsAnErrorNamingTheFile() {
        Path file = Expectations.path("osv-scalibr/extractor/filesystem/language/java/archive/testdata/not_jar");
        assertThatThrownBy(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                JavaArchiveCataloguer.parse(in, "/app/not_jar.jar");
            }
        }).hasMessageContaining("/app/not_jar.jar");
    }

    // ---- npm ----

    @Test
    void trivyNpmLockfiles() throws IOException {
        String dir = "trivy/pkg/dependency/parser/nodejs/npm/";
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.parse_test.json")) {
            List<ImagePackage> found = NpmCataloguer.lockfile(Files.readAllBytes(Expectations.path(dir
                    + c.files().get(0))), "/app/package-lock.json");
            assertThat(Expectations.nameVersionsOf(found)).as("trivy npm case %s", c.name())
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(10);
    }

    @Test
    void scalibrNpmLockfiles() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/language/javascript/packagelockjson/";
        int checked = 0;
        for (String expected : List.of("expected_packages.packagelockjson-v1_test.json",
                "expected_packages.packagelockjson-v2_test.json")) {
            for (Expectations.Case c : Expectations.cases(dir + expected)) {
                if (c.name().equals("files") && expected.contains("v2")) {
                    // Deliberate difference (Palisade follows Trivy here): "deps/etag" is a folder of the project
                    // listed without a node_modules link; npm installs folder dependencies as links, and Palisade
                    // lists folders only through their links (Trivy's workspace cases). abbrev is still checked:
                    assertThat(Expectations.nameVersionsOf(NpmCataloguer.lockfile(Files.readAllBytes(
                            Expectations.path(dir + c.files().get(0))), "/package-lock.json")))
                            .containsExactly("abbrev 1.0.9", "abbrev 2.3.4");
                    continue;
                }
                byte[] content = Files.readAllBytes(Expectations.path(dir + c.files().get(0)));
                List<ImagePackage> found;
                if (c.name().equals("invalid json")) {
                    assertThatThrownBy(() -> NpmCataloguer.lockfile(content, "/app/package-lock.json"))
                            .hasMessageContaining("/app/package-lock.json: not valid JSON");
                    found = List.of();
                } else {
                    found = NpmCataloguer.lockfile(content, "/app/package-lock.json");
                }
                assertThat(Expectations.nameVersionsOf(found)).as("osv-scalibr %s case %s", expected, c.name())
                        .isEqualTo(Expectations.nameVersions(c.packages()));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(26);
    }

    @Test
    void scalibrPackageJson() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/language/javascript/packagejson/";
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.packagejson_test.json")) {
            String file = c.files().get(0);
            if (c.name().equals("package_with_dependencies") || c.name().equals("duplicate_keys_in_dev_deps")
                    || c.name().equals("top level package.json") || c.name().equals("tests library")
                    || c.name().equals("not package.json")) {
                // Deliberate differences: osv-scalibr can list a package.json's declared dependencies as packages
                // (ranges, not installed versions); Palisade reads installed node_modules/*/package.json and lock
                // files for those. The first three names are upstream's FileRequired checks, covered by wants().
                continue;
            }
            byte[] content = Files.readAllBytes(Expectations.path(dir + file));
            List<ImagePackage> found;
            try {
                found = NpmCataloguer.packageJson(content, "/" + file);
            } catch (RuntimeException e) {
                found = List.of();
            }
            assertThat(Expectations.nameVersionsOf(found)).as("osv-scalibr package.json case %s", c.name())
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(13);
        NpmCataloguer npm = new NpmCataloguer();
        assertThat(npm.wants(new Cataloguer.FileEntry("app/node_modules/accepts/package.json", 10, 0644))).isTrue();
        assertThat(npm.wants(new Cataloguer.FileEntry("app/node_modules/@babel/core/package.json", 10, 0644))).isTrue();
        assertThat(npm.wants(new Cataloguer.FileEntry("app/node_modules/accepts/lib/package.json", 10, 0644))).isFalse();
        assertThat(npm.wants(new Cataloguer.FileEntry("app/package.json", 10, 0644))).isFalse();
        assertThat(npm.wants(new Cataloguer.FileEntry("app/test.js", 10, 0644))).isFalse();
    }

    // ---- Python ----

    @Test
    void trivyPythonMetadata() throws IOException {
        String dir = "trivy/pkg/dependency/parser/python/packaging/";
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.parse_test.json")) {
            List<ImagePackage> found = PythonCataloguer.metadata(Files.readString(Expectations.path(dir
                    + c.files().get(0)), java.nio.charset.StandardCharsets.ISO_8859_1), "/" + c.files().get(0));
            assertThat(Expectations.nameVersionsOf(found)).as("trivy python case %s", c.name())
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(11);
    }

    @Test
    void scalibrPythonMetadata() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/language/python/wheelegg/";
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.wheelegg_test.json")) {
            Path file = Path.of(Expectations.path(dir).toString(), c.files().get(0));
            String name = file.getFileName().toString();
            if (!Files.isRegularFile(file) || name.endsWith(".whl") || name.endsWith(".egg")) {
                // Cases naming files absent from the fixtures are upstream FileRequired checks on paths; .whl and
                // .egg are zip archives of packages not installed: Palisade reads installed metadata only.
                continue;
            }
            List<ImagePackage> found = PythonCataloguer.metadata(Files.readString(file,
                    java.nio.charset.StandardCharsets.ISO_8859_1), "/" + c.files().get(0));
            assertThat(Expectations.nameVersionsOf(found)).as("osv-scalibr wheelegg case %s", c.name())
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(10);
    }

    // ---- Go ----

    /**
     * Trivy's test.elf: the upstream expectation lives in a Go variable the fixture extraction did not capture, so
     * the list is the build information the binary carries (as {@code go version -m} prints it).
     */
    @Test
    void trivyGoBinary() throws IOException {
        try (InputStream in = Files.newInputStream(Expectations.path(
                "trivy/pkg/dependency/parser/golang/binary/testdata/test.elf"))) {
            List<ImagePackage> found = GoBinaryCataloguer.parse(in, "/usr/local/bin/test");
            assertThat(Expectations.nameVersionsOf(found)).containsExactly(
                    "github.com/aquasecurity/go-pep440-version v0.0.0-20210121094942-22b2f8951d46",
                    "github.com/aquasecurity/go-version v0.0.0-20210121072130-637058cfe492",
                    "github.com/aquasecurity/test ",
                    "golang.org/x/xerrors v0.0.0-20200804184101-5ec99f83aff1");
            // Built with Go before 1.18: the toolchain version is reachable only through pointers into the
            // binary, so no stdlib package is listed for it (binaries of Go 1.18 and later list it, see below).
        }
    }

    /** osv-scalibr's linux-amd64 binary with a replaced module: the replacement is what is linked. */
    @Test
    void scalibrGoBinaryWithReplacement() throws IOException {
        try (InputStream in = Files.newInputStream(Expectations.path("osv-scalibr/extractor/filesystem/language/"
                + "golang/gobinary/testdata/binary_with_module_replacement-linux-amd64"))) {
            List<ImagePackage> found = GoBinaryCataloguer.parse(in, "/bin/app");
            assertThat(Expectations.nameVersionsOf(found)).containsExactly(
                    "binary_with_module_replacement ",
                    "github.com/golang/xerrors v0.0.0-20220907171357-04be3eba64a2",
                    "stdlib v1.22.0");
        }
        // Other gobinary cases name binaries absent from the fixtures (darwin, windows, 386, arm64 builds).
    }

    private static List<ImagePackage> jar(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JavaArchiveCataloguer.parse(in, "/app/" + file.getFileName());
        }
    }
}
