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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a version lies in an OSV affected entry, with OSV's evaluation: the version is affected when it is
 * listed in {@code versions}, or when, walking a range's events sorted by version, the last event at or below
 * it is an {@code introduced} (a {@code fixed} or {@code limit} at or below it, or a {@code last_affected}
 * strictly below it, ends the affected stretch). ECOSYSTEM ranges compare with the ecosystem's scheme, SEMVER
 * ranges with {@link VersionScheme#SEMVER}. Each version string is parsed once per instance: advisories of one
 * package repeat the same versions many times.
 */
final class AffectedVersions {

    private final Map<VersionScheme, Map<String, Optional<Version>>> parsed = new EnumMap<>(VersionScheme.class);

    /** A hit: the fixed version that ends the stretch holding the version (null when none does) and its scheme. */
    record Hit(String fixedVersion, VersionScheme scheme) {
    }

    /** A range whose event versions the scheme cannot parse; the message names the version. */
    static final class BadRange extends Exception {
        BadRange(String message) {
            super(message);
        }
    }

    /**
     * @param scheme    the ecosystem's scheme
     * @param installed the installed version, as text
     */
    Optional<Hit> match(Affected affected, VersionScheme scheme, String installed) throws BadRange {
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

    private boolean listed(List<String> versions, VersionScheme scheme, String installed) {
        Optional<Version> version = parse(scheme, installed);
        for (String listed : versions) {
            if (listed.equals(installed)
                    || (version.isPresent() && parse(scheme, listed).filter(v -> v.compareTo(version.get()) == 0)
                    .isPresent())) {
                return true;
            }
        }
        return false;
    }

    /** The parsed version, or empty when the scheme rejects it; remembered. */
    private Optional<Version> parse(VersionScheme scheme, String text) {
        return parsed.computeIfAbsent(scheme, s -> new HashMap<>()).computeIfAbsent(text, t -> {
            try {
                return Optional.of(scheme.parse(t));
            } catch (InvalidVersionException e) {
                return Optional.empty();
            }
        });
    }

    private record Point(Event event, Version version) {
    }

    private Optional<Hit> inRange(Range range, VersionScheme scheme, String installed) throws BadRange {
        Optional<Version> parsedInstalled = parse(scheme, installed);
        if (parsedInstalled.isEmpty()) {
            return Optional.empty(); // checked by the caller before matching; here it just cannot be in range
        }
        Version version = parsedInstalled.get();
        List<Point> points = new ArrayList<>();
        for (Event event : range.events()) {
            if (event.kind() == EventKind.INTRODUCED && event.version().equals("0")) {
                points.add(new Point(event, null));
                continue;
            }
            Optional<Version> eventVersion = parse(scheme, event.version());
            if (eventVersion.isEmpty()) {
                throw new BadRange("invalid " + scheme.label() + " version '" + event.version() + "' in a "
                        + range.type() + " range");
            }
            points.add(new Point(event, eventVersion.get()));
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
