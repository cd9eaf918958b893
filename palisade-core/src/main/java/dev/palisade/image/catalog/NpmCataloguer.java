package dev.palisade.image.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.palisade.image.ImageException;

/**
 * npm packages: every installed {@code node_modules/[@scope/]name/package.json}, and {@code package-lock.json} /
 * {@code npm-shrinkwrap.json} in lockfile versions 1 ({@code dependencies}, nested) and 2–3 ({@code packages}).
 */
public final class NpmCataloguer implements Cataloguer {

    private static final Pattern INSTALLED = Pattern.compile("(^|.*/)node_modules/(@[^/]+/)?[^/@][^/]*/package\\.json$");
    private static final long MAX_BYTES = 64L << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public boolean wants(FileEntry file) {
        String name = file.fileName();
        if (name.equals("package-lock.json") || name.equals("npm-shrinkwrap.json")) {
            return !file.path().contains("node_modules/");  // npm's hidden lockfile inside node_modules repeats them
        }
        return name.equals("package.json") && INSTALLED.matcher(file.path()).matches();
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        byte[] content = file.readAll(MAX_BYTES);
        return file.path().endsWith("/package.json") || file.path().equals("package.json")
                ? packageJson(content, file.location()) : lockfile(content, file.location());
    }

    /** The package a package.json describes; none without name and version, or for editor extensions. */
    public static List<ImagePackage> packageJson(byte[] content, String location) {
        JsonNode root = read(content, location);
        String name = root.path("name").asString("");
        String version = root.path("version").asString("");
        boolean editorExtension = root.path("engines").has("vscode") || root.has("contributes") || root.has("unity");
        if (name.isEmpty() || version.isEmpty() || editorExtension) {
            return List.of();
        }
        return List.of(npm(name, version, licenses(root), location));
    }

    /** Every package a lockfile lists, once per name, version and source (a package installed at two paths). */
    public static List<ImagePackage> lockfile(byte[] content, String location) {
        JsonNode root = read(content, location);
        Map<String, ImagePackage> out = new LinkedHashMap<>();
        if (root.has("packages") && root.path("lockfileVersion").asInt(1) >= 2) {
            JsonNode packages = root.get("packages");
            for (Map.Entry<String, JsonNode> e : packages.properties()) {
                String key = e.getKey();
                int at = key.lastIndexOf("node_modules/");
                if (key.isEmpty() || at < 0) {
                    continue;  // the root project and workspace folders (reached through their links)
                }
                JsonNode p = e.getValue();
                String name = key.substring(at + "node_modules/".length());
                JsonNode described = p;
                if (p.path("link").asBoolean(false)) {
                    String target = p.path("resolved").asString("");
                    if (target.isEmpty() || !packages.has(target)) {
                        continue;
                    }
                    described = packages.get(target);
                } else if (p.has("name")) {
                    name = p.get("name").asString();  // an alias: "node_modules/alias" installs another package
                }
                String version = described.path("version").asString("");
                out.putIfAbsent(key(name, version, p), npm(name, version(version), licenses(described), location));
            }
        } else {
            dependencies(root.path("dependencies"), location, out);
        }
        return new ArrayList<>(out.values());
    }

    private static void dependencies(JsonNode dependencies, String location, Map<String, ImagePackage> out) {
        for (Map.Entry<String, JsonNode> e : dependencies.properties()) {
            String name = e.getKey();
            String version = e.getValue().path("version").asString("");
            String key = key(name, version, e.getValue());
            if (version.startsWith("npm:")) {
                String aliased = version.substring(4);
                int at = aliased.lastIndexOf('@');
                if (at > 0) {
                    name = aliased.substring(0, at);
                    version = aliased.substring(at + 1);
                }
            }
            out.putIfAbsent(key, npm(name, version(version), List.of(), location));
            dependencies(e.getValue().path("dependencies"), location, out);
        }
    }

    /** A package installed at several paths counts once; git dependencies of the same version differ by commit. */
    private static String key(String name, String version, JsonNode entry) {
        String resolved = entry.path("resolved").asString("");
        return name + "@" + version + (resolved.startsWith("git") ? "@" + resolved : "");
    }

    /** Git, tarball and file dependencies have no registry version. */
    private static String version(String version) {
        return version.contains(":") ? "" : version;
    }

    private static List<String> licenses(JsonNode p) {
        JsonNode license = p.get("license");
        if (license == null) {
            return List.of();
        }
        String text = license.isObject() ? license.path("type").asString("") : license.asString("");
        return text.isEmpty() ? List.of() : List.of(text);
    }

    private static ImagePackage npm(String name, String version, List<String> licenses, String location) {
        return new ImagePackage(PackageType.NPM, name, version, null, null, null, null, null, licenses, location,
                null);
    }

    private static JsonNode read(byte[] content, String location) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject()) {
                throw new ImageException(location + ": not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new ImageException(location + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }
}
