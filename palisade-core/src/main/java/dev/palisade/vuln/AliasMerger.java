package dev.palisade.vuln;

import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.vuln.osv.OsvRecord;
import dev.palisade.vuln.osv.OsvRecord.Score;
import dev.palisade.vuln.version.VersionScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one package's matching records into rows: one per vulnerability. A record's vulnerability is named by
 * its id and aliases; a distribution advisory without aliases that lists {@code upstream} CVEs (a DSA, an
 * ALPINE record) stands for each of them. Records naming a common id are merged.
 */
final class AliasMerger {

    private static final String CVE = "CVE-";

    /** A vulnerability being assembled: the ids that name it and the matches that report it. */
    private static final class Group {
        final Set<String> ids = new HashSet<>();
        final List<VulnerabilityMatcher.Match> matches = new ArrayList<>();
    }

    private AliasMerger() {
    }

    static List<Vulnerability> merge(ImagePackage pkg, String installedVersion,
                                     List<VulnerabilityMatcher.Match> matches) {
        Map<String, Group> byId = new HashMap<>();
        for (VulnerabilityMatcher.Match match : matches) {
            for (Set<String> identity : identities(match.record())) {
                Group merged = new Group();
                merged.ids.addAll(identity);
                merged.matches.add(match);
                for (String id : identity) {
                    Group existing = byId.get(id);
                    if (existing != null && existing != merged) {
                        merged.ids.addAll(existing.ids);
                        merged.matches.addAll(existing.matches);
                    }
                }
                merged.ids.forEach(id -> byId.put(id, merged));
            }
        }
        Set<Group> groups = Collections.newSetFromMap(new IdentityHashMap<>());
        groups.addAll(byId.values());
        List<Vulnerability> rows = new ArrayList<>();
        for (Group group : groups) {
            rows.add(row(pkg, installedVersion, group));
        }
        return rows;
    }

    /** The vulnerabilities a record stands for, each as the set of ids that name it. */
    private static List<Set<String>> identities(OsvRecord record) {
        Set<String> ids = record.ids();
        boolean namesCve = ids.stream().anyMatch(id -> id.startsWith(CVE));
        if (namesCve || record.upstream().isEmpty()) {
            return List.of(ids);
        }
        List<Set<String>> identities = new ArrayList<>();
        for (String upstream : record.upstream()) {
            identities.add(Set.of(upstream));
        }
        return identities;
    }

    private static Vulnerability row(ImagePackage pkg, String installedVersion, Group group) {
        TreeSet<String> ids = VulnerabilityMatcher.sortedIds();
        ids.addAll(group.ids);
        TreeSet<String> sources = new TreeSet<>();
        String fixed = null;
        VulnSeverity rated = VulnSeverity.UNKNOWN;
        Cvss3 cvss = null;
        Instant published = null;
        String summary = "";
        for (VulnerabilityMatcher.Match match : group.matches) {
            OsvRecord record = match.record();
            sources.add(record.id());
            fixed = later(match.fixScheme(), fixed, match.fixedVersion());
            VulnSeverity vendor = VulnSeverity.fromRating(match.affected().vendorSeverity() != null
                    ? match.affected().vendorSeverity() : record.vendorSeverity());
            rated = vendor.compareTo(rated) > 0 ? vendor : rated;
            cvss = higher(cvss, match.affected().severity());
            cvss = higher(cvss, record.severity());
            if (record.published() != null && (published == null || record.published().isBefore(published))) {
                published = record.published();
            }
            if (summary.isEmpty() && !record.summary().isBlank()) {
                summary = record.summary().strip();
            }
        }
        String id = ids.first();
        TreeSet<String> aliases = VulnerabilityMatcher.sortedIds();
        aliases.addAll(ids);
        aliases.addAll(sources);
        aliases.remove(id);
        VulnSeverity severity = rated != VulnSeverity.UNKNOWN || cvss == null ? rated : cvss.severity();
        return new Vulnerability(id, List.copyOf(aliases), pkg, installedVersion, fixed, severity,
                cvss == null ? null : cvss.score(), cvss == null ? null : cvss.vector(), published, summary,
                List.copyOf(sources));
    }

    /** The later of two fixed versions (you need every fix), null-tolerant. */
    private static String later(VersionScheme scheme, String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        try {
            return scheme.compare(a, b) >= 0 ? a : b;
        } catch (IllegalArgumentException e) {
            return a;
        }
    }

    /** The higher-scoring of the current CVSS v3 score and the v3 vectors among these scores. */
    private static Cvss3 higher(Cvss3 current, List<Score> scores) {
        Cvss3 best = current;
        for (Score score : scores) {
            if (!score.type().equals("CVSS_V3")) {
                continue;
            }
            try {
                Cvss3 parsed = Cvss3.parse(score.score());
                if (best == null || parsed.score() > best.score()) {
                    best = parsed;
                }
            } catch (IllegalArgumentException e) {
                // a malformed vector rates nothing; the vendor rating or another vector still may
            }
        }
        return best;
    }
}
