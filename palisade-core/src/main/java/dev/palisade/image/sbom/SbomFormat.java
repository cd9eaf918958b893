package dev.palisade.image.sbom;

import dev.palisade.Palisade;
import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImagePackage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How {@code palisade image sbom} writes a catalogue: CycloneDX 1.5 JSON, SPDX 2.3 JSON, Palisade JSON, or a table. */
public enum SbomFormat {
    CYCLONEDX, SPDX, JSON, TABLE;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static SbomFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + text
                    + "' (expected cyclonedx, spdx, json or table)");
        }
    }

    public void write(ImageCatalogue catalogue, Writer out) throws IOException {
        switch (this) {
            case CYCLONEDX -> json(cycloneDx(catalogue), out);
            case SPDX -> json(spdx(catalogue), out);
            case JSON -> json(CatalogueJson.write(catalogue), out);
            case TABLE -> table(catalogue, out);
        }
        out.flush();
    }

    private static void json(ObjectNode node, Writer out) throws IOException {
        out.write(CatalogueJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out.write('\n');
    }

    /** A name-based UUID, so the same catalogue always gets the same document identity. */
    private static UUID identity(ImageCatalogue c) {
        return UUID.nameUUIDFromBytes((c.reference() + "|" + c.digest() + "|" + c.analysedAt())
                .getBytes(StandardCharsets.UTF_8));
    }

    public static ObjectNode cycloneDx(ImageCatalogue c) {
        ObjectNode bom = NODES.objectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.5");
        bom.put("serialNumber", "urn:uuid:" + identity(c));
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        if (c.analysedAt() != null) {
            metadata.put("timestamp", c.analysedAt().toString());
        }
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", Palisade.NAME);
        tool.put("version", Palisade.version());
        ObjectNode subject = metadata.putObject("component");
        subject.put("type", "container");
        subject.put("bom-ref", "image");
        subject.put("name", c.reference());
        if (c.digest() != null) {
            subject.put("version", c.digest());
        }
        ArrayNode components = bom.putArray("components");
        if (c.os() != null) {
            ObjectNode os = components.addObject();
            os.put("type", "operating-system");
            os.put("bom-ref", "os");
            os.put("name", c.os().id());
            if (c.os().versionId() != null) {
                os.put("version", c.os().versionId());
            }
        }
        Set<String> refs = new LinkedHashSet<>();
        for (ImagePackage p : c.packages()) {
            ObjectNode n = components.addObject();
            String ref = p.purl();
            for (int i = 2; !refs.add(ref); i++) {
                ref = p.purl() + "#" + i;  // the same package at two locations
            }
            n.put("bom-ref", ref);
            n.put("type", "library");
            int colon = p.name().indexOf(':');
            if (p.type() == dev.palisade.image.catalog.PackageType.MAVEN && colon > 0) {
                n.put("group", p.name().substring(0, colon));
                n.put("name", p.name().substring(colon + 1));
            } else {
                n.put("name", p.name());
            }
            if (p.version() != null) {
                n.put("version", p.version());
            }
            if (!p.licenses().isEmpty()) {
                ArrayNode licenses = n.putArray("licenses");
                p.licenses().forEach(l -> licenses.addObject().putObject("license").put("name", l));
            }
            n.put("purl", p.purl());
            ArrayNode properties = n.putArray("properties");
            property(properties, "palisade:type", p.type().purlType());
            property(properties, "palisade:sourceName", p.sourceName());
            property(properties, "palisade:sourceVersion", p.sourceVersion());
            property(properties, "palisade:location", p.location());
            property(properties, "palisade:layer", p.layer());
        }
        return bom;
    }

    private static void property(ArrayNode properties, String name, String value) {
        if (value != null) {
            ObjectNode p = properties.addObject();
            p.put("name", name);
            p.put("value", value);
        }
    }

    static ObjectNode spdx(ImageCatalogue c) {
        ObjectNode doc = NODES.objectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", c.reference());
        doc.put("documentNamespace", "https://palisade.dev/spdxdocs/" + identity(c));
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", (c.analysedAt() == null ? java.time.Instant.EPOCH : c.analysedAt()).toString());
        creation.putArray("creators").add("Tool: " + Palisade.NAME + "-" + Palisade.version());
        ArrayNode packages = doc.putArray("packages");
        ObjectNode image = packages.addObject();
        image.put("SPDXID", "SPDXRef-Image");
        image.put("name", c.reference());
        if (c.digest() != null) {
            image.put("versionInfo", c.digest());
        }
        image.put("downloadLocation", "NOASSERTION");
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");
        ArrayNode relationships = doc.putArray("relationships");
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
        if (c.os() != null) {
            ObjectNode os = packages.addObject();
            os.put("SPDXID", "SPDXRef-OperatingSystem");
            os.put("name", c.os().id());
            if (c.os().versionId() != null) {
                os.put("versionInfo", c.os().versionId());
            }
            os.put("downloadLocation", "NOASSERTION");
            os.put("filesAnalyzed", false);
            os.put("primaryPackagePurpose", "OPERATING-SYSTEM");
            relationship(relationships, "SPDXRef-Image", "CONTAINS", "SPDXRef-OperatingSystem");
        }
        int index = 0;
        for (ImagePackage p : c.packages()) {
            String id = "SPDXRef-Package-" + (++index);
            ObjectNode n = packages.addObject();
            n.put("SPDXID", id);
            n.put("name", p.name());
            if (p.version() != null) {
                n.put("versionInfo", p.version());
            }
            n.put("downloadLocation", "NOASSERTION");
            n.put("filesAnalyzed", false);
            n.put("licenseConcluded", "NOASSERTION");
            n.put("licenseDeclared", "NOASSERTION");
            if (p.sourceName() != null) {
                n.put("sourceInfo", "built from source package " + p.sourceName());
            }
            if (p.location() != null) {
                n.put("comment", "found in " + p.location() + (p.layer() == null ? "" : " (layer " + p.layer() + ")"));
            }
            ObjectNode ref = n.putArray("externalRefs").addObject();
            ref.put("referenceCategory", "PACKAGE-MANAGER");
            ref.put("referenceType", "purl");
            ref.put("referenceLocator", p.purl());
            relationship(relationships, "SPDXRef-Image", "CONTAINS", id);
        }
        return doc;
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        ObjectNode r = relationships.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }

    private static void table(ImageCatalogue c, Writer out) throws IOException {
        out.write(c.reference() + (c.digest() == null ? "" : " (" + c.digest() + ")") + "\n");
        out.write("os: " + (c.os() == null ? "unknown" : c.os().id() + (c.os().versionId() == null ? ""
                : " " + c.os().versionId())) + (c.platform() == null ? "" : ", platform " + c.platform()) + "\n");
        int name = "NAME".length();
        int version = "VERSION".length();
        for (ImagePackage p : c.packages()) {
            name = Math.max(name, p.name().length());
            version = Math.max(version, String.valueOf(p.version()).length());
        }
        String row = "%-7s %-" + name + "s %-" + version + "s %s%n";
        out.write(String.format(Locale.ROOT, row, "TYPE", "NAME", "VERSION", "LOCATION"));
        for (ImagePackage p : c.packages()) {
            out.write(String.format(Locale.ROOT, row, p.type().purlType(), p.name(),
                    p.version() == null ? "" : p.version(), p.location() == null ? "" : p.location()));
        }
        out.write(c.packages().size() + " packages\n");
    }
}
