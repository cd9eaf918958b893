package dev.palisade.vuln;

import dev.palisade.vuln.osv.OsvRecord.Affected;
import dev.palisade.vuln.osv.OsvRecord.Event;
import dev.palisade.vuln.osv.OsvRecord.EventKind;
import dev.palisade.vuln.osv.OsvRecord.Range;
import dev.palisade.vuln.osv.OsvRecord.RangeType;
import dev.palisade.vuln.version.InvalidVersionException;
import dev.palisade.vuln.version.Version;
import dev.palisade.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a version lies in an OSV affected entry, with OSV's evaluation: the version is affected when it is
 * listed in {@code versions}, or when, walking a range's events sorted by version, the last event at or below
 * it is an {@code introduced} (a {@code fixed} or {@code limit} at or below it, or a {@code last_affected}
 * strictly below it, ends the affected stretch). ECOSYSTEM ranges compare with the ecosystem's scheme, SEMVER
 * ranges with {@link VersionScheme#SEMVER}.
 */
final class AffectedVersions {

    /** A hit: the fixed version that ends the stretch holding the version (null when none does) and its scheme. */
    record Hit(String fixedVersion, VersionScheme scheme) {
    }

    /** A range whose event versions the scheme cannot parse; the message names the version. */
    static final class BadRange extends Exception {
        BadRange(String message) {
            super(message);
        }
    }

    private AffectedVersions() {
    }

    /**
     * @param scheme    the ecosystem's scheme
     * @param installed the installed version, as text
     */
    static Optional<Hit> match(Affected affected, VersionScheme scheme, String installed) throws BadRange {
        Optional<Hit> hit = Optional.empty();
        for (Range range : affected.ranges()) {
            VersionScheme rangeScheme = range.type() == RangeType.SEMVER ? VersionScheme.SEMVER : scheme;
            Optional<Hit> inRange = inRange(range, rangeScheme, installed);
            if (inRange.isPresent() && (hit.isEmpty() || hit.get().fixedVersion() == null)) {
                hit = inRange;
            }
        }
        if (hit.isEmpty() && listed(affected.versions(), scheme, installed)) {
            hit = Optional.of(new Hit(null, scheme));
        }
        return hit;
    }

    private static boolean listed(List<String> versions, VersionScheme scheme, String installed) {
        for (String version : versions) {
            if (version.equals(installed) || sameVersion(scheme, version, installed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameVersion(VersionScheme scheme, String a, String b) {
        try {
            return scheme.compare(a, b) == 0;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    private record Point(Event event, Version version) {
    }

    private static Optional<Hit> inRange(Range range, VersionScheme scheme, String installed) throws BadRange {
        Version version;
        try {
            version = scheme.parse(installed);
        } catch (InvalidVersionException e) {
            return Optional.empty(); // checked by the caller before matching; here it just cannot be in range
        }
        List<Point> points = new ArrayList<>();
        for (Event event : range.events()) {
            if (event.kind() == EventKind.INTRODUCED && event.version().equals("0")) {
                points.add(new Point(event, null));
                continue;
            }
            try {
                points.add(new Point(event, scheme.parse(event.version())));
            } catch (InvalidVersionException e) {
                throw new BadRange(e.getMessage());
            }
        }
        points.sort(Comparator.comparing(Point::version, Comparator.nullsFirst(Comparator.naturalOrder())));
        boolean affected = false;
        String fixed = null;
        for (Point point : points) {
            int position = point.version() == null ? 1 : version.compareTo(point.version());
            EventKind kind = point.event().kind();
            if (position < 0 || (position == 0 && kind == EventKind.LAST_AFFECTED)) {
                if (affected && kind == EventKind.FIXED) {
                    fixed = point.event().version();
                }
                if (affected && kind != EventKind.INTRODUCED) {
                    break;
                }
                continue;
            }
            affected = kind == EventKind.INTRODUCED;
        }
        return affected ? Optional.of(new Hit(fixed, scheme)) : Optional.empty();
    }
}
