package dev.palisade.image.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.image.catalog.rpm.RpmDatabase;
import dev.palisade.image.catalog.rpm.RpmHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OS package databases of the shared scanner fixtures (Trivy, osv-scalibr, go-rpmdb) give the package lists their
 * upstream tests state: names, versions, source names, epochs and architectures.
 */
class OsPackageConformanceTest {

    // ---- dpkg ----

    /** Trivy's dpkg cases: status files inside txtar archives. Full comparison of every stated field. */
    @Test
    void trivyDpkg() throws IOException {
        String dir = "trivy/pkg/fanal/analyzer/pkg/dpkg/";
        List<Expectations.Case> cases = Expectations.cases(dir + "expected_packages.json");
        assertThat(cases).hasSize(6);
        for (Expectations.Case c : cases) {
            Map<String, String> archive = txtar(Files.readString(Expectations.path(dir + c.files().get(0))));
            List<ImagePackage> found = DpkgCataloguer.parse(archive.get("var/lib/dpkg/status"),
                    "/var/lib/dpkg/status", false);
            assertThat(found.stream().map(OsPackageConformanceTest::trivyView).sorted().toList())
                    .as("trivy dpkg case %s", c.name())
                    .isEqualTo(c.packages().stream().map(OsPackageConformanceTest::trivyExpected).sorted().toList());
        }
    }

    /** osv-scalibr's dpkg cases; opkg status files (OpenWrt) use the same format and are checked with the parser. */
    @Test
    void scalibrDpkgAndOpkg() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/os/dpkg/";
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.dpkg_test.json")) {
            if (c.name().equals("statusfield including not installed")) {
                // Deliberate difference: that case turns on an upstream option to list packages that are not
                // installed (config-files, half-installed, unpacked). Palisade lists installed packages only, which
                // is the upstream default checked by the "statusfield" case.
                continue;
            }
            String file = c.files().get(0);
            Path path = Expectations.path(dir + file);
            boolean statusD = file.contains("status.d/");
            List<ImagePackage> found = statusD && file.endsWith(".md5sums") ? List.of()
                    : DpkgCataloguer.parse(Files.readString(path), "/" + file, statusD);
            if (statusD) {
                // The cataloguer reads status.d/<package> files and leaves *.md5sums alone.
                assertThat(new DpkgCataloguer().wants(new Cataloguer.FileEntry("var/lib/dpkg/status.d/"
                        + path.getFileName(), 1, 0644))).isEqualTo(!file.endsWith(".md5sums"));
            }
            assertThat(Expectations.nameVersionsOf(found)).as("osv-scalibr dpkg case %s (%s)", c.name(), file)
                    .isEqualTo(Expectations.nameVersions(c.packages()));
            checked++;
        }
        assertThat(checked).isEqualTo(27);
    }

    // ---- apk ----

    @Test
    void trivyApk() throws IOException {
        String dir = "trivy/pkg/fanal/analyzer/pkg/apk/";
        Expectations.Case c = Expectations.cases(dir + "expected_packages.json").get(0);
        List<ImagePackage> found = ApkCataloguer.parse(Files.readString(Expectations.path(dir + "testdata/apk")),
                "/lib/apk/db/installed");
        assertThat(found.stream().map(OsPackageConformanceTest::trivyView).sorted().toList())
                .isEqualTo(c.packages().stream().map(OsPackageConformanceTest::trivyExpected).sorted().toList());
    }

    /** osv-scalibr's apk cases state packages as constructor calls: (path, name, origin, version, os..., arch, ...). */
    @Test
    void scalibrApk() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/os/apk/";
        int checked = 0;
        for (Expectations.Case c : Expectations.cases(dir + "expected_packages.apk_test.json")) {
            String text = Files.readString(Expectations.path(dir + c.files().get(0)));
            List<String> expected = new ArrayList<>();
            for (JsonNode call : c.raw().path("package_constructor_calls")) {
                String name = call.get(2).asString();
                String origin = call.get(3).asString();
                expected.add(name + " " + call.get(4).asString() + " src=" + (origin.isEmpty() ? name : origin)
                        + " arch=" + call.get(8).asString());
            }
            List<String> found = ApkCataloguer.parse(text, "/lib/apk/db/installed").stream()
                    .map(p -> p.name() + " " + p.version() + " src=" + (p.sourceName() == null ? p.name()
                            : p.sourceName()) + " arch=" + p.arch()).sorted().toList();
            assertThat(found).as("osv-scalibr apk case %s", c.name()).isEqualTo(expected.stream().sorted().toList());
            checked++;
        }
        assertThat(checked).isEqualTo(8);
    }

    // ---- rpm ----

    /** go-rpmdb's SLE 15 NDB database: the full 35-package list with every stated field. */
    @Test
    void goRpmdbNdbFullList() throws IOException {
        JsonNode expected = Expectations.json("go-rpmdb/pkg/testdata/sle15-bci/expected_packages.json");
        List<RpmHeader> headers = RpmDatabase.read(Expectations.path("go-rpmdb/pkg/testdata/sle15-bci/Packages.db"),
                "Packages.db");
        List<String> want = new ArrayList<>();
        for (JsonNode p : expected.path("packages")) {
            want.add(String.join("|", p.path("name").asString(), String.valueOf(p.path("epoch").isNull() ? null
                    : p.path("epoch").asInt()), p.path("version").asString(), p.path("release").asString(),
                    p.path("arch").asString(), p.path("sourceRpm").asString(), p.path("license").asString(),
                    p.path("vendor").asString(), p.path("sigmd5").asString()));
        }
        List<String> got = headers.stream().map(h -> String.join("|", h.name(), String.valueOf(h.epoch()),
                h.version(), h.release(), h.arch(), String.valueOf(h.sourceRpm()), h.license(), h.vendor(),
                h.sigmd5())).toList();
        assertThat(got).containsExactlyElementsOf(want);
    }

    /** go-rpmdb's single-package expectations for the databases the fixtures hold (one per format). */
    @Test
    void goRpmdbSinglePackages() throws IOException {
        int checked = 0;
        for (Expectations.Case c : Expectations.cases("go-rpmdb/expected_single_packages.rpmdb_test.json")) {
            Path db = Path.of(Expectations.path("go-rpmdb/pkg").toString(), c.files().get(0));
            if (c.packages().isEmpty() || !Files.exists(db)) {
                // The CentOS, Fedora, Rocky and UBI databases are not in the fixtures (each over 4 MiB upstream);
                // cases with an empty expectation compare against those absent databases' full lists.
                continue;
            }
            JsonNode want = c.packages().get(0);
            List<RpmHeader> headers = RpmDatabase.read(db, db.toString());
            assertThat(headers).as("go-rpmdb case %s", c.name()).anySatisfy(h -> {
                assertThat(h.name()).isEqualTo(want.path("Name").asString());
                assertThat(h.version()).isEqualTo(want.path("Version").asString());
                assertThat(h.release()).isEqualTo(want.path("Release").asString());
                assertThat(h.arch()).isEqualTo(want.path("Arch").asString());
            });
            checked++;
        }
        assertThat(checked).as("CBL-Mariner (sqlite) and libuuid (Berkeley DB)").isEqualTo(2);
    }

    /** osv-scalibr's rpm cases: only Packages_epoch (Berkeley DB) is in the fixtures. */
    @Test
    void scalibrRpm() throws IOException {
        String dir = "osv-scalibr/extractor/filesystem/os/rpm/";
        List<ImagePackage> epoch = RpmCataloguer.packages(Expectations.path(dir + "testdata/Packages_epoch"),
                "/var/lib/rpm/Packages");
        // Upstream states name and version-release; Palisade's version also carries the epoch when there is one.
        assertThat(epoch).hasSize(1);
        ImagePackage hello = epoch.get(0);
        assertThat(hello.name()).isEqualTo("hello");
        assertThat(Purls.withoutEpoch(hello.version())).isEqualTo("0.0.1-rls");
        assertThat(hello.epoch()).isEqualTo(1);
        assertThat(hello.version()).isEqualTo("1:0.0.1-rls");
        // empty.sqlite: an rpmdb.sqlite with no Packages table has no packages.
        assertThat(RpmCataloguer.packages(Expectations.path(dir + "testdata/empty.sqlite"), "rpmdb.sqlite")).isEmpty();
        // invalid: not a database; Palisade says so (upstream returns an error too).
        assertThatThrownBy(() -> RpmCataloguer.packages(Expectations.path(dir + "testdata/invalid"),
                "/var/lib/rpm/Packages")).hasMessageContaining("/var/lib/rpm/Packages: not an rpm database");
        // Cases over testdata/Packages, Packages.db and rpmdb.sqlite (CentOS 7, openSUSE Leap 15.5, Rocky 9) cannot
        // apply: those fixtures are absent upstream (Git LFS); the same three formats are covered by go-rpmdb above.
    }

    /** The sqlite database through the cataloguer: source RPM names become source names. */
    @Test
    void marinerSqliteThroughCataloguer() throws IOException {
        List<ImagePackage> packages = RpmCataloguer.packages(
                Expectations.path("go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite"), "/var/lib/rpm/rpmdb.sqlite");
        assertThat(packages).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("curl");
            assertThat(p.version()).isEqualTo("7.76.0-6.cm2");
            assertThat(p.arch()).isEqualTo("x86_64");
        });
        assertThat(packages).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("curl-libs");
            assertThat(p.sourceName()).isEqualTo("curl");
        });
        assertThat(packages).noneMatch(p -> p.name().equals("gpg-pubkey"));
    }

    // ---- helpers ----

    /** Trivy's fields: name, version (epoch:version-release), source name and version, architecture. */
    private static String trivyView(ImagePackage p) {
        return p.name() + "|" + p.version() + "|" + (p.sourceName() == null ? p.name() : p.sourceName()) + "|"
                + (p.sourceVersion() == null ? p.version() : p.sourceVersion()) + "|" + p.arch() + "|" + p.epoch();
    }

    private static String trivyExpected(JsonNode p) {
        String version = version(p, "Epoch", "Version", "Release");
        String sourceVersion = p.has("SrcVersion") ? version(p, "SrcEpoch", "SrcVersion", "SrcRelease") : version;
        return p.path("Name").asString() + "|" + version + "|" + p.path("SrcName").asString(p.path("Name").asString())
                + "|" + sourceVersion + "|" + p.path("Arch").asString() + "|"
                + (p.has("Epoch") && p.get("Epoch").asInt() != 0 ? p.get("Epoch").asInt() : null);
    }

    private static String version(JsonNode p, String epoch, String version, String release) {
        int e = p.path(epoch).asInt(0);
        String r = p.path(release).asString("");
        return (e == 0 ? "" : e + ":") + p.path(version).asString() + (r.isEmpty() ? "" : "-" + r);
    }

    /** Go's txtar: "-- name --" lines start files. */
    static Map<String, String> txtar(String text) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        String current = null;
        StringBuilder content = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- ") && line.endsWith(" --")) {
                if (current != null) {
                    files.put(current, content.toString());
                }
                current = line.substring(3, line.length() - 3).trim();
                content.setLength(0);
            } else if (current != null) {
                content.append(line).append('\n');
            }
        }
        if (current != null) {
            files.put(current, content.toString());
        }
        return files;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
