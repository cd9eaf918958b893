package dev.palisade.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.SharedData;
import dev.palisade.vuln.osv.OsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvImportTest {

    static final Path SHARED_OSV = SharedData.path("vulndata/osv");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void importsEverySharedRecord() throws IOException {
        OsvArchive.Contents contents = OsvArchive.read(SHARED_OSV);

        assertThat(contents.problems()).isEmpty();
        assertThat(contents.records()).hasSize(1334);
        assertThat(contents.records().stream().filter(OsvRecord::isWithdrawn).map(OsvRecord::id))
                .containsExactly("PYSEC-2022-43059");

        VulnerabilityDatabase database = new VulnerabilityDatabase(dir, CLOCK);
        VulnerabilityDatabase.Result result = database.importFrom(List.of(SHARED_OSV));
        StoreInfo info = result.info();
        assertThat(info.records()).isEqualTo(1334);
        assertThat(info.withdrawn()).isEqualTo(1);
        assertThat(info.recordsPerEcosystem()).containsEntry("Maven", 367).containsEntry("npm", 7)
                .containsEntry("Debian:11", 62).containsEntry("Alpine:v3.11", 117).containsEntry("PyPI", 166)
                .containsEntry("Go", 297);
        assertThat(info.sources()).singleElement().satisfies(source -> {
            assertThat(source.records()).isEqualTo(1334);
            assertThat(source.problems()).isZero();
        });
        assertThat(info.identity()).startsWith("osv:").endsWith("@2026-11-26T12:00:00Z");

        VulnerabilityStore store = database.open();
        assertThat(store.info()).isEqualTo(info);
        assertThat(store.records()).containsExactlyInAnyOrderElementsOf(contents.records());
        assertThat(store.find("Maven", "org.apache.logging.log4j:log4j-core")).extracting(OsvRecord::id)
                .contains("GHSA-jfh8-c2jp-5v3q", "GHSA-7rjr-3q55-vv33");
        assertThat(store.find("PyPI", "PyYAML")).extracting(OsvRecord::id).contains("PYSEC-2021-142");
        assertThat(store.find("Debian:11", "no-such-package")).isEmpty();
    }

    @Test
    void sameContentSameHash() throws IOException {
        StoreInfo first = new VulnerabilityDatabase(dir.resolve("a"), CLOCK).importFrom(List.of(SHARED_OSV)).info();
        StoreInfo second = new VulnerabilityDatabase(dir.resolve("b"), CLOCK).importFrom(List.of(SHARED_OSV)).info();
        assertThat(first.contentHash()).isEqualTo(second.contentHash()).hasSize(64);
    }

    @Test
    void importsAZipAndReportsUnreadableDocumentsWithoutLosingOthers() throws IOException {
        Path zip = TestArchives.zip(dir.resolve("npm.zip"), SHARED_OSV.resolve("npm"),
                TestArchives.entry("broken.json", "{ not json"),
                TestArchives.entry("no-id.json", "{\"affected\": []}"));

        VulnerabilityDatabase.Result result = new VulnerabilityDatabase(dir.resolve("db"), CLOCK)
                .importFrom(List.of(zip));

        assertThat(result.info().records()).isEqualTo(7);
        assertThat(result.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith(zip + "!broken.json: not valid JSON"))
                .anySatisfy(p -> assertThat(p).isEqualTo(zip + "!no-id.json: no id"));
        assertThat(result.info().sources().get(0).problems()).isEqualTo(2);
    }

    @Test
    void aBadFieldNamesTheFileAndRecord() throws IOException {
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("bad-time.json"), "{\"id\":\"X-1\",\"published\":\"yesterday\"}",
                StandardCharsets.UTF_8);
        Files.writeString(records.resolve("good.json"), "{\"id\":\"X-2\",\"affected\":[]}", StandardCharsets.UTF_8);

        OsvArchive.Contents contents = OsvArchive.read(records);

        assertThat(contents.records()).extracting(OsvRecord::id).containsExactly("X-2");
        assertThat(contents.problems()).containsExactly(records.resolve("bad-time.json")
                + " (X-1): 'published' is not an RFC 3339 time: yesterday");
    }

    @Test
    void openingWithoutADatabaseSaysWhatToRun() {
        assertThatThrownBy(() -> new VulnerabilityDatabase(dir, CLOCK).open()).isInstanceOf(IOException.class)
                .hasMessageContaining("palisade db update");
    }

    @Test
    void aFileThatIsNotAStoreIsRejected() throws IOException {
        Files.writeString(VulnerabilityStore.fileIn(dir), "hello");
        assertThatThrownBy(() -> VulnerabilityStore.openIn(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Palisade vulnerability database");
    }
}
