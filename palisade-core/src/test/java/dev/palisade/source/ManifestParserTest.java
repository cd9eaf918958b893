package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.SourceLocation;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private final ManifestParser parser = new ManifestParser(1_000_000);

    @Test
    void multiDocumentYamlKeepsDocumentIndexAndLine() {
        String yaml = """
                # leading comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                # only a comment: not a document
                ---

                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ...
                """;
        ManifestParser.Result<RawDocument> result = parser.parse("f.yaml", yaml, false);

        assertThat(result.problems()).isEmpty();
        assertThat(result.items()).extracting(RawDocument::source).containsExactly(
                new SourceLocation("f.yaml", 1, 3), new SourceLocation("f.yaml", 2, 10));
    }

    @Test
    void aMalformedDocumentLosesNothingElse() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: before}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                 labels: [unclosed
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: after}
                """;
        ManifestParser.Result<RawDocument> result = parser.parse("f.yaml", yaml, false);

        assertThat(result.items()).extracting(d -> d.body().path("metadata").path("name").asString())
                .containsExactly("before", "after");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(InputProblem.Level.ERROR);
            assertThat(p.location().origin()).isEqualTo("f.yaml");
            assertThat(p.location().document()).isEqualTo(2);
            assertThat(p.location().line()).isBetween(8, 9);
            assertThat(p.message()).startsWith("invalid YAML: ");
        });
    }

    @Test
    void errorMessagesNeverQuoteTheInput() {
        String yaml = """
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                data:
                  password: c3VwZXItc2VjcmV0LXZhbHVl
                   oops: [
                """;
        ManifestParser.Result<RawDocument> result = parser.parse("secret.yaml", yaml, false);

        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).doesNotContain("c3VwZXItc2VjcmV0LXZhbHVl"));
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
        }
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n" + bomb;
        ManifestParser.Result<RawDocument> result = parser.parse("bomb.yaml", yaml, false);

        assertThat(result.items()).hasSize(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().document()).isEqualTo(2);
            assertThat(p.message()).contains("invalid YAML").containsIgnoringCase("alias");
        });
    }

    @Test
    void aliasExpansionIsBoundedEvenBelowTheAliasCount() {
        // 2 aliases per level over 24 levels: 48 aliases, 2^24 nodes once expanded.
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, y]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        ManifestParser.Result<RawDocument> result = parser.parse("wide.yaml", yaml.toString(), false);

        assertThat(result.items()).isEmpty();
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("alias bomb"));
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: merged
                  labels: &common {team: shop, tier: web}
                  annotations:
                    <<: *common
                    note: extra
                """;
        ManifestParser.Result<RawDocument> result = parser.parse("m.yaml", yaml, false);

        assertThat(result.problems()).isEmpty();
        assertThat(result.items().get(0).body().at("/metadata/annotations").toString())
                .isEqualTo("{\"note\":\"extra\",\"team\":\"shop\",\"tier\":\"web\"}");
    }

    @Test
    void duplicateKeysAreAnErrorAsInKubectl() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  key: one
                  key: two
                """;
        ManifestParser.Result<RawDocument> result = parser.parse("d.yaml", yaml, false);

        assertThat(result.items()).isEmpty();
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("duplicate key").contains("key"));
    }

    @Test
    void scalarsFollowTheYamlCoreSchema() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: types}
                data: {int: 8080, hex: 0x1F, float: 1.5, bool: true, null: ~, quoted: "8080", version: 1.10}
                """;
        var data = parser.parse("t.yaml", yaml, false).items().get(0).body().get("data");

        assertThat(data.get("int").isInt()).isTrue();
        assertThat(data.get("hex").asInt()).isEqualTo(31);
        assertThat(data.get("float").isDouble()).isTrue();
        assertThat(data.get("bool").isBoolean()).isTrue();
        assertThat(data.get("null").isNull()).isTrue();
        assertThat(data.get("quoted").isString()).isTrue();
    }

    @Test
    void malformedJsonNamesTheLine() {
        String json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"ConfigMap\"\n  \"metadata\": {}\n}\n";
        ManifestParser.Result<RawDocument> result = parser.parse("bad.json", json, true);

        assertThat(result.items()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.message()).startsWith("invalid JSON: ");
        });
    }

    @Test
    void documentsThatAreScalarsAreNotObjects() {
        ManifestParser.Result<RawDocument> result = parser.parse("s.yaml", "just text\n", false);

        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("not a Kubernetes object: the document is a string, not a mapping"));
    }
}
