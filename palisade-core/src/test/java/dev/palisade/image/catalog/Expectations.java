package dev.palisade.image.catalog;

import dev.palisade.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the expected package lists extracted from upstream test tables in the shared scanner fixtures. */
final class Expectations {

    static final String ROOT = "conformance/scanner/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Expectations() {
    }

    /** One upstream test case: its name, fixture files and expected packages (from literals or named variables). */
    record Case(String name, List<String> files, List<JsonNode> packages, JsonNode raw) {
    }

    static Path path(String relative) {
        return SharedData.path(ROOT + relative);
    }

    static List<Case> cases(String expectedFile) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(path(expectedFile)));
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            List<String> files = new ArrayList<>();
            c.path("files").forEach(f -> files.add(f.asString()));
            List<JsonNode> packages = new ArrayList<>();
            c.path("packages").forEach(packages::add);
            c.path("packages_from_vars").properties().forEach(e -> e.getValue().forEach(packages::add));
            out.add(new Case(c.path("case").asString(), files, packages, c));
        }
        return out;
    }

    static JsonNode json(String relative) throws IOException {
        return JSON.readTree(Files.readString(path(relative)));
    }

    /** "name version" lines, sorted: how upstream name/version expectations are compared. */
    static List<String> nameVersions(List<JsonNode> packages) {
        return packages.stream().map(p -> p.path("Name").asString() + " " + p.path("Version").asString()).sorted()
                .toList();
    }

    static List<String> nameVersionsOf(List<ImagePackage> packages) {
        return packages.stream().map(p -> p.name() + " " + (p.version() == null ? "" : p.version())).sorted().toList();
    }
}
