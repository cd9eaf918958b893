package dev.palisade.image.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Package URLs (https://github.com/package-url/purl-spec) for catalogued packages. */
public final class Purls {

    private Purls() {
    }

    /** The purl of {@code p}; OS packages are namespaced by the distribution and qualified with its release. */
    public static String of(ImagePackage p, OsRelease os) {
        Map<String, String> qualifiers = new TreeMap<>();
        String namespace = null;
        String name = p.name();
        String version = p.version();
        switch (p.type()) {
            case DEB, RPM, APK -> {
                namespace = os != null ? os.id() : (p.type() == PackageType.APK ? "alpine" : null);
                if (p.epoch() != null) {
                    qualifiers.put("epoch", p.epoch().toString());
                    version = withoutEpoch(version);
                }
                if (p.arch() != null) {
                    qualifiers.put("arch", p.arch());
                }
                if (os != null && os.versionId() != null) {
                    qualifiers.put("distro", p.type() == PackageType.APK ? os.versionId()
                            : os.id() + "-" + os.versionId());
                }
                if (p.sourceName() != null && p.type() == PackageType.DEB) {
                    qualifiers.put("upstream", p.sourceName());
                }
            }
            case MAVEN -> {
                int colon = name.indexOf(':');
                if (colon > 0) {
                    namespace = name.substring(0, colon);
                    name = name.substring(colon + 1);
                }
            }
            case NPM -> {
                int slash = name.indexOf('/');
                if (name.startsWith("@") && slash > 0) {
                    namespace = name.substring(0, slash);
                    name = name.substring(slash + 1);
                }
            }
            case PYPI -> name = name.toLowerCase(Locale.ROOT).replace('_', '-');
            case GO -> {
                int slash = name.lastIndexOf('/');
                if (slash > 0) {
                    namespace = name.substring(0, slash);
                    name = name.substring(slash + 1);
                }
            }
        }
        StringBuilder purl = new StringBuilder("pkg:").append(p.type().purlType()).append('/');
        if (namespace != null && !namespace.isEmpty()) {
            for (String segment : namespace.split("/")) {
                purl.append(encode(segment)).append('/');
            }
        }
        purl.append(encode(name));
        if (version != null && !version.isEmpty()) {
            purl.append('@').append(encode(version));
        }
        String separator = "?";
        for (Map.Entry<String, String> q : qualifiers.entrySet()) {
            purl.append(separator).append(q.getKey()).append('=').append(encode(q.getValue()));
            separator = "&";
        }
        return purl.toString();
    }

    static String withoutEpoch(String version) {
        int colon = version.indexOf(':');
        return colon > 0 && version.substring(0, colon).chars().allMatch(Character::isDigit)
                ? version.substring(colon + 1) : version;
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
