package dev.palisade.vuln.osv;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of an OSV record (https://ossf.github.io/osv-schema/) that matching and reporting need.
 *
 * @param id             e.g. {@code GHSA-jfh8-c2jp-5v3q}, {@code DSA-5020-1}
 * @param aliases        ids of the same vulnerability in other databases
 * @param upstream       ids of the upstream vulnerabilities a distribution advisory is about (OSV 1.6)
 * @param summary        one line, possibly empty
 * @param published      null when the record does not say (or says the placeholder year 1)
 * @param modified       null when the record does not say
 * @param withdrawn      when the record was withdrawn, else null; withdrawn records never match
 * @param severity       the record's scores (CVSS vectors)
 * @param vendorSeverity the database's own rating ({@code database_specific.severity}, e.g. GHSA's
 *                       {@code MODERATE}), or null
 * @param affected       the affected packages
 */
public record OsvRecord(String id, List<String> aliases, List<String> upstream, String summary, Instant published,
                        Instant modified, Instant withdrawn, List<Score> severity, String vendorSeverity,
                        List<Affected> affected) {

    public OsvRecord {
        aliases = List.copyOf(aliases);
        upstream = List.copyOf(upstream);
        summary = summary == null ? "" : summary;
        severity = List.copyOf(severity);
        affected = List.copyOf(affected);
    }

    /** The id, then the aliases, without repeats. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(id);
        ids.addAll(aliases);
        return ids;
    }

    /** Whether the record has been withdrawn. */
    public boolean isWithdrawn() {
        return withdrawn != null;
    }

    /** A severity entry: {@code type} is {@code CVSS_V3}, {@code CVSS_V4}, {@code CVSS_V2} or {@code Ubuntu}. */
    public record Score(String type, String score) {
    }

    /**
     * One affected package.
     *
     * @param ecosystem      OSV ecosystem with its release, e.g. {@code Maven}, {@code Debian:11}, {@code Alpine:v3.11}
     * @param name           package name as the ecosystem spells it
     * @param purl           package URL, or null
     * @param ranges         ECOSYSTEM and SEMVER ranges (GIT ranges are not kept)
     * @param versions       versions listed explicitly as affected
     * @param severity       scores given for this package only
     * @param vendorSeverity the ecosystem's rating for this package (e.g. Debian urgency), or null
     */
    public record Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions,
                           List<Score> severity, String vendorSeverity) {

        public Affected {
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
            severity = List.copyOf(severity);
        }
    }

    /** A range: its events in the order the record gives them. */
    public record Range(RangeType type, List<Event> events) {

        public Range {
            events = List.copyOf(events);
        }
    }

    /** How a range's versions compare: by the ecosystem's rules or by SemVer. */
    public enum RangeType {
        ECOSYSTEM, SEMVER
    }

    /** One range event. */
    public record Event(EventKind kind, String version) {
    }

    /** OSV range event kinds. */
    public enum EventKind {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        private final String key;

        EventKind(String key) {
            this.key = key;
        }

        /** The JSON key, e.g. {@code last_affected}. */
        public String key() {
            return key;
        }
    }
}
