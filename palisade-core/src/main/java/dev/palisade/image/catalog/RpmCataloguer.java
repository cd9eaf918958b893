package dev.palisade.image.catalog;

import dev.palisade.image.catalog.rpm.RpmDatabase;
import dev.palisade.image.catalog.rpm.RpmHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RPM packages from the rpm database, in whichever format the distribution uses. The database is copied to the
 * scratch directory for the time of the read (SQLite needs a file; the others are memory-mapped from it).
 */
public final class RpmCataloguer implements Cataloguer {

    private static final Set<String> DATABASES = Set.of(
            "var/lib/rpm/Packages", "var/lib/rpm/Packages.db", "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/Packages", "usr/lib/sysimage/rpm/Packages.db", "usr/lib/sysimage/rpm/rpmdb.sqlite");

    @Override
    public boolean wants(FileEntry file) {
        return DATABASES.contains(file.path());
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        return file.withTemporaryFile(copy -> packages(copy, file.location()));
    }

    /** The packages of an rpm database file; {@code location} names it in packages and messages. */
    public static List<ImagePackage> packages(Path database, String location) throws IOException {
        List<ImagePackage> packages = new ArrayList<>();
        for (RpmHeader h : RpmDatabase.read(database, location)) {
            if (h.name().equals("gpg-pubkey")) {
                continue;  // imported signing keys, not software
            }
            String sourceName = null;
            String sourceVersion = null;
            if (h.sourceRpm() != null && h.sourceRpm().endsWith(".rpm")) {
                String base = h.sourceRpm().replaceFirst("\\.(no)?src\\.rpm$", "");
                int releaseDash = base.lastIndexOf('-');
                int versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
                if (versionDash > 0) {
                    String name = base.substring(0, versionDash);
                    String version = (h.epoch() == null ? "" : h.epoch() + ":") + base.substring(versionDash + 1);
                    sourceName = name.equals(h.name()) ? null : name;
                    sourceVersion = version.equals(h.fullVersion()) ? null : version;
                }
            }
            packages.add(new ImagePackage(PackageType.RPM, h.name(), h.fullVersion(), h.epoch(), sourceName,
                    sourceVersion, h.arch(), null, h.license() == null ? List.of() : List.of(h.license()), location,
                    null));
        }
        return packages;
    }
}
