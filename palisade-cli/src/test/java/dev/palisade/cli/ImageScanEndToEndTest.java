package dev.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Questions 2–4 end to end: two images built here (a Debian 11 base with dpkg packages, and a jar carrying
 * log4j-core), deployed by manifests with live pods in a production namespace, matched against the shared OSV
 * records imported with {@code palisade db import}, and scanned through {@code palisade scan --images DIR}.
 *
 * <p>The vulnerable image holds openssl {@code 1.1.1n-0+deb11u3} (DSA-5343-1 fixes CVE-2023-0286 and four other
 * CVEs in {@code 1.1.1n-0+deb11u4}), zlib at DSA-5218-1's fixed version (must not match) and log4j-core 2.14.1
 * (CVE-2021-44228, fixed in 2.15.0); the clean image holds openssl at the fixed version and log4j-core 2.17.1.
 */
class ImageScanEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String API = "registry.test:5000/shop/api:1.0";
    private static final String WEB = "registry.test:5000/shop/web:2.3";

    @TempDir
    Path dir;

    private Path images;
    private Path data;
    private Path manifests;
    private String apiDigest;
    private String webDigest;

    @BeforeEach
    void setUp() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        data = dir.resolve("data");
        apiDigest = writeOciArchive(images.resolve("registry.test_5000_shop_api_1.0.tar"), debianLayer(
                dpkg("openssl", "1.1.1n-0+deb11u3", null) + dpkg("libssl1.1", "1.1.1n-0+deb11u3", "openssl")
                        + dpkg("zlib1g", "1:1.2.11.dfsg-2+deb11u2", "zlib")), appLayer("2.14.1"));
        webDigest = writeOciArchive(images.resolve("registry.test_5000_shop_web_2.3.tar"), debianLayer(
                dpkg("openssl", "1.1.1n-0+deb11u4", null) + dpkg("zlib1g", "1:1.2.11.dfsg-2+deb11u2", "zlib")),
                appLayer("2.17.1"));

        PalisadeCommandTest.Run imported = PalisadeCommandTest.run("db", "import", osv("Maven").toString(),
                osv("Debian").toString(), "--data-dir", data.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        manifests = dir.resolve("manifests.yaml");
        Files.writeString(manifests, namespace() + deployment("api", API, apiDigest, "rs-uid-api", "dep-uid-api")
                + deployment("web", WEB, webDigest, "rs-uid-web", "dep-uid-web"));
    }

    @Test
    void scanAnswersQuestionsTwoToFourFromTheImages() {
        PalisadeCommandTest.Run run = PalisadeCommandTest.run("scan", manifests.toString(), "--images",
                images.toString(), "--data-dir", data.toString(), "-o", "json");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("inventory").path("workloads").asInt()).as(run.err()).isEqualTo(2);

        // 2: both images scanned, now, against the imported database.
        JsonNode q2 = answer(report, 2);
        assertThat(q2.path("status").asString()).isEqualTo("ANSWERED");
        Map<String, Map<String, String>> freshness = rowsBy(q2, "image");
        assertThat(freshness).containsOnlyKeys(API, WEB);
        assertThat(freshness.get(API)).containsEntry("digest", apiDigest).containsEntry("age", "0 h");
        assertThat(freshness.get(API).get("scanned")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(freshness.get(API).get("database")).startsWith("osv:");
        assertThat(freshness.get(WEB)).containsEntry("digest", webDigest).containsEntry("age", "0 h")
                .containsEntry("vulnerabilities", "0");
        assertThat(q2.path("summary").asString()).startsWith("2 images scanned");

        // 3: Log4Shell and the openssl DSA's CVEs, in the vulnerable workload only; zlib at its fix is not listed.
        JsonNode q3 = answer(report, 3);
        Map<String, Map<String, String>> vulnerabilities = rowsBy(q3, "vulnerability");
        assertThat(vulnerabilities.get("CVE-2021-44228")).containsEntry("severity", "critical")
                .containsEntry("package", "org.apache.logging.log4j:log4j-core 2.14.1")
                .containsEntry("fixed in", "2.15.0").containsEntry("workloads", "Deployment shop/api")
                .containsEntry("namespaces", "shop").containsEntry("images", API).containsEntry("running pods", "2");
        assertThat(vulnerabilities.get("CVE-2023-0286")).containsEntry("package", "libssl1.1 1.1.1n-0+deb11u3, openssl 1.1.1n-0+deb11u3")
                .containsEntry("fixed in", "1.1.1n-0+deb11u4").containsEntry("workloads", "Deployment shop/api");
        assertThat(vulnerabilities).containsKeys("CVE-2021-45046", "CVE-2022-4450");
        assertThat(vulnerabilities.values()).allSatisfy(row -> {
            assertThat(row.get("workloads")).isEqualTo("Deployment shop/api");
            assertThat(row.get("package")).doesNotStartWith("zlib");
        });
        assertThat(vulnerabilities.keySet()).noneMatch(id -> id.startsWith("DSA-") || id.equals("CVE-2022-37434"));

        // 4: the vulnerable workload runs now, in production; the clean one is not listed.
        JsonNode q4 = answer(report, 4);
        assertThat(q4.path("status").asString()).isEqualTo("ANSWERED");
        Map<String, Map<String, String>> running = rowsBy(q4, "workload");
        assertThat(running).containsOnlyKeys("Deployment shop/api");
        assertThat(running.get("Deployment shop/api")).containsEntry("production", "yes")
                .containsEntry("running pods", "2").containsEntry("worst vulnerability", "CVE-2021-44228")
                .containsEntry("severity", "critical").containsEntry("fixed in", "2.15.0");
        assertThat(q4.path("summary").asString()).isEqualTo("1 vulnerable workload running now, 1 in namespaces"
                + " labelled production.");
    }

    @Test
    void vulnWhereNamesTheWorkloadCarryingIt() {
        PalisadeCommandTest.Run where = PalisadeCommandTest.run("vuln", "where", "CVE-2021-44228",
                manifests.toString(), "--images", images.toString(), "--data-dir", data.toString());
        assertThat(where.exitCode()).as(where.err()).isZero();
        assertThat(where.out()).isEqualTo("CVE-2021-44228 (critical): 1 containers\n"
                + "  Deployment shop/api container app: " + API + ", org.apache.logging.log4j:log4j-core 2.14.1 → 2.15.0,"
                + " 2 running pods, production\n");

        PalisadeCommandTest.Run json = PalisadeCommandTest.run("vuln", "where", "GHSA-jfh8-c2jp-5v3q",
                manifests.toString(), "--images", images.toString(), "--data-dir", data.toString(), "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode hit = JSON.readTree(json.out()).path("workloads").get(0);
        assertThat(hit.path("workload").asString()).isEqualTo("Deployment shop/api");
        assertThat(hit.path("production").asBoolean()).isTrue();

        PalisadeCommandTest.Run absent = PalisadeCommandTest.run("vuln", "where", "CVE-2022-37434",
                manifests.toString(), "--images", images.toString(), "--data-dir", data.toString());
        assertThat(absent.exitCode()).isEqualTo(1);
        assertThat(absent.out()).isEqualTo("CVE-2022-37434: no scanned image of the inventory carries it\n");
    }

    @Test
    void imageScanFailsOnCriticalOnlyForTheVulnerableImage() {
        PalisadeCommandTest.Run vulnerable = PalisadeCommandTest.run("image", "scan", "--archive",
                images.resolve("registry.test_5000_shop_api_1.0.tar").toString(), "--data-dir", data.toString(),
                "-o", "json", "--fail-on", "critical");
        assertThat(vulnerable.exitCode()).as(vulnerable.err()).isEqualTo(1);
        assertThat(vulnerable.out()).contains("CVE-2021-44228", "CVE-2023-0286");

        PalisadeCommandTest.Run clean = PalisadeCommandTest.run("image", "scan", "--archive",
                images.resolve("registry.test_5000_shop_web_2.3.tar").toString(), "--data-dir", data.toString(),
                "-o", "json", "--fail-on", "critical");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).doesNotContain("CVE-");
    }

    // --- answers ---

    private static JsonNode answer(JsonNode report, int number) {
        for (JsonNode answer : report.path("answers")) {
            if (answer.path("number").asInt() == number) {
                return answer;
            }
        }
        throw new AssertionError("no answer " + number + " in " + report.path("answers"));
    }

    /** An answer's table rows as column → cell, keyed by one column. */
    private static Map<String, Map<String, String>> rowsBy(JsonNode answer, String key) {
        JsonNode table = answer;
        List<String> columns = new ArrayList<>();
        table.path("columns").forEach(c -> columns.add(c.asString()));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (JsonNode row : table.path("rows")) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                cells.put(columns.get(i), row.get(i).asString());
            }
            rows.put(cells.get(key), cells);
        }
        return rows;
    }

    // --- manifests ---

    private static String namespace() {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    environment: production\n";
    }

    /** A Deployment, its ReplicaSet and two running pods whose runtime resolved the image to {@code digest}. */
    private static String deployment(String name, String image, String digest, String rsUid, String deploymentUid) {
        String repository = image.substring(0, image.lastIndexOf(':'));
        StringBuilder yaml = new StringBuilder();
        yaml.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ").append(name)
                .append("\n  namespace: shop\n  uid: ").append(deploymentUid).append("\nspec:\n  replicas: 2\n"
                        + "  selector:\n    matchLabels:\n      app: ").append(name).append("\n  template:\n"
                        + "    metadata:\n      labels:\n        app: ").append(name).append("\n    spec:\n"
                        + "      containers:\n        - name: app\n          image: ").append(image).append('\n');
        yaml.append("---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: ").append(name)
                .append("-7d9f8b6c5\n  namespace: shop\n  uid: ").append(rsUid).append("\n  ownerReferences:\n"
                        + "    - apiVersion: apps/v1\n      kind: Deployment\n      name: ").append(name)
                .append("\n      uid: ").append(deploymentUid).append("\n      controller: true\nspec:\n  replicas: 2\n"
                        + "  selector:\n    matchLabels:\n      app: ").append(name).append("\n  template:\n"
                        + "    metadata:\n      labels:\n        app: ").append(name).append("\n    spec:\n"
                        + "      containers:\n        - name: app\n          image: ").append(image).append('\n');
        for (String pod : List.of("x2k4p", "z8q1m")) {
            yaml.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ").append(name).append("-7d9f8b6c5-")
                    .append(pod).append("\n  namespace: shop\n  labels:\n    app: ").append(name)
                    .append("\n  ownerReferences:\n    - apiVersion: apps/v1\n      kind: ReplicaSet\n      name: ")
                    .append(name).append("-7d9f8b6c5\n      uid: ").append(rsUid).append("\n      controller: true\n"
                            + "spec:\n  nodeName: node-1\n  containers:\n    - name: app\n      image: ").append(image)
                    .append("\nstatus:\n  phase: Running\n  containerStatuses:\n    - name: app\n      image: ")
                    .append(image).append("\n      imageID: ").append(repository).append('@').append(digest)
                    .append("\n      ready: true\n      restartCount: 0\n");
        }
        return yaml.toString();
    }

    // --- images ---

    private static Path osv(String ecosystem) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared").resolve("vulndata/osv").resolve(ecosystem);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared OSV data not found: expected ../shared/vulndata/osv/" + ecosystem
                + " beside the checkout");
    }

    private static String dpkg(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\n" + (source == null ? "" : "Source: " + source
                + "\n") + "Architecture: amd64\nVersion: " + version + "\nDescription: test package\n\n";
    }

    private static byte[] debianLayer(String status) throws IOException {
        return tar(Map.of("etc/os-release", utf8("PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\nNAME=\"Debian"
                + " GNU/Linux\"\nVERSION_ID=\"11\"\nVERSION=\"11 (bullseye)\"\nVERSION_CODENAME=bullseye\nID=debian\n"),
                "var/lib/dpkg/status", utf8(status)));
    }

    private static byte[] appLayer(String log4jVersion) throws IOException {
        return tar(Map.of("app/lib/log4j-core-" + log4jVersion + ".jar",
                jar("org.apache.logging.log4j", "log4j-core", log4jVersion)));
    }

    private static byte[] jar(String group, String artifact, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(utf8("Manifest-Version: 1.0\n"));
            zip.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            zip.write(utf8("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n"));
        }
        return bytes.toByteArray();
    }

    /** Writes an OCI archive (a tar of an OCI layout) of one image; returns its manifest digest. */
    private static String writeOciArchive(Path file, byte[]... layers) throws IOException {
        StringBuilder diffIds = new StringBuilder();
        StringBuilder descriptors = new StringBuilder();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (byte[] layer : layers) {
            diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(sha(layer)).append('"');
            descriptors.append(descriptors.isEmpty() ? "" : ",").append(descriptor(
                    "application/vnd.oci.image.layer.v1.tar", layer));
            entries.put(blob(layer), layer);
        }
        byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-05-01T10:00:00Z\","
                + "\"config\":{\"User\":\"app\",\"Entrypoint\":[\"java\",\"-jar\",\"/app/app.jar\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}");
        byte[] manifest = utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config) + ",\"layers\":["
                + descriptors + "]}");
        entries.put(blob(config), config);
        entries.put(blob(manifest), manifest);
        entries.put("oci-layout", utf8("{\"imageLayoutVersion\":\"1.0.0\"}"));
        entries.put("index.json", utf8("{\"schemaVersion\":2,\"manifests\":[" + descriptor(
                "application/vnd.oci.image.manifest.v1+json", manifest) + "]}"));
        Files.write(file, tar(entries));
        return sha(manifest);
    }

    private static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + sha(content) + "\",\"size\":" + content.length
                + "}";
    }

    private static String blob(byte[] content) {
        return "blobs/sha256/" + sha(content).substring("sha256:".length());
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
