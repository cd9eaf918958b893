package dev.palisade.image.catalog;

/**
 * Where a package comes from. The ecosystem decides how versions compare and which advisories apply:
 * OS packages are matched per distribution release, language packages per ecosystem.
 */
public enum PackageType {
    DEB("deb", true),
    APK("apk", true),
    RPM("rpm", true),
    MAVEN("maven", false),
    NPM("npm", false),
    PYPI("pypi", false),
    GO("golang", false);

    private final String purlType;
    private final boolean os;

    PackageType(String purlType, boolean os) {
        this.purlType = purlType;
        this.os = os;
    }

    /** The package-url type, e.g. {@code deb}, {@code golang}. */
    public String purlType() {
        return purlType;
    }

    /** True for packages installed by the distribution's package manager. */
    public boolean os() {
        return os;
    }
}
