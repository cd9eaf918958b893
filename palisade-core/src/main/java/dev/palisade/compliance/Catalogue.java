package dev.palisade.compliance;

import dev.palisade.inventory.InputProblem;
import dev.palisade.network.NetworkGaps;
import dev.palisade.policy.Policy;
import dev.palisade.policy.PolicyPack;
import dev.palisade.pss.PssEvaluator;
import dev.palisade.rbac.RbacAnalysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every standard Palisade evaluates: the catalogue files listed in {@code compliance/standards.txt}, read once and
 * checked together (each mapping must name a control of another catalogue, and mappings may not loop).
 */
public final class Catalogue {

    static final String INDEX = "compliance/standards.txt";

    private static volatile Catalogue bundled;

    private final Map<String, Standard> standards;
    private final Map<String, Control> controls;

    private Catalogue(Map<String, Standard> standards) {
        this.standards = java.util.Collections.unmodifiableMap(standards);
        Map<String, Control> byKey = new LinkedHashMap<>();
        standards.values().forEach(s -> s.controls().forEach(c -> byKey.put(c.key(), c)));
        this.controls = java.util.Collections.unmodifiableMap(byKey);
    }

    /** The same catalogue with the named mapped controls classified: automated when Palisade judges them. */
    private Catalogue classified(Set<String> unclassified) {
        Map<String, Standard> result = new LinkedHashMap<>();
        standards.values().forEach(standard -> result.put(standard.id(), new Standard(standard.id(), standard.title(),
                standard.description(), standard.controls().stream().map(c -> unclassified.contains(c.key())
                        ? new Control(c.standard(), c.id(), c.title(), c.section(), judged(c), c.equivalents(),
                        c.evaluation(), c.source()) : c).toList())));
        return new Catalogue(result);
    }

    /** The bundled catalogues; a problem in them is a defect of the build and fails with every file and line. */
    public static Catalogue bundled() {
        Catalogue catalogue = bundled;
        if (catalogue == null) {
            synchronized (Catalogue.class) {
                if (bundled == null) {
                    bundled = load();
                }
                catalogue = bundled;
            }
        }
        return catalogue;
    }

    private static Catalogue load() {
        CatalogueParser parser = new CatalogueParser(known());
        Map<String, Standard> standards = new LinkedHashMap<>();
        List<InputProblem> problems = new ArrayList<>();
        Set<String> unclassified = new HashSet<>();
        for (String file : Bundled.text(INDEX).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            CatalogueParser.Result result = parser.parse("compliance/" + file, Bundled.text("compliance/" + file));
            problems.addAll(result.problems());
            if (result.standard() != null) {
                standards.put(result.standard().id(), result.standard());
                result.unclassified().forEach(id -> unclassified.add(result.standard().id() + "/" + id));
            }
        }
        Catalogue catalogue = new Catalogue(standards);
        problems.addAll(catalogue.mappingProblems());
        Bundled.failOn(INDEX, problems);
        return catalogue.classified(unclassified);
    }

    /** What catalogues may name: the bundled policies, the RBAC and network checks, Pod Security checks, file roles. */
    static CatalogueParser.Known known() {
        Set<String> checks = new HashSet<>();
        PolicyPack.defaults().policies().stream().map(Policy::id).forEach(checks::add);
        checks.addAll(RbacAnalysis.policyIds());
        checks.addAll(NetworkGaps.checkIds());
        return new CatalogueParser.Known(checks, Set.copyOf(PssEvaluator.checkIds()),
                NodeFileRole.bundled().keySet());
    }

    private List<InputProblem> mappingProblems() {
        List<InputProblem> problems = new ArrayList<>();
        for (Control control : controls.values()) {
            for (String key : mappedControls(control).toList()) {
                Control target = controls.get(key);
                if (target == null) {
                    problems.add(InputProblem.error(control.source(), "control " + control.id()
                            + " maps to unknown control " + key));
                } else if (reaches(target, control.key(), new HashSet<>())) {
                    problems.add(InputProblem.error(control.source(), "control " + control.id() + " maps to "
                            + key + ", which maps back to it"));
                }
            }
        }
        return problems;
    }

    private boolean reaches(Control from, String key, Set<String> seen) {
        if (from.key().equals(key)) {
            return true;
        }
        return seen.add(from.key()) && mappedControls(from).map(controls::get)
                .anyMatch(next -> next != null && reaches(next, key, seen));
    }

    private static Stream<String> mappedControls(Control control) {
        if (control.evaluation() instanceof Evaluation.Mapped mapped) {
            return mapped.mappings().stream().map(Evaluation.Mapping::target)
                    .flatMap(t -> t instanceof Evaluation.Mapping.ControlRef ref ? Stream.of(ref.key()) : Stream.empty());
        }
        return Stream.empty();
    }

    /**
     * Whether Palisade judges a control without a person: it is not manual, and a mapped control has a mapping to
     * a check or to a control Palisade judges.
     */
    public boolean judged(Control control) {
        if (control.evaluation() instanceof Evaluation.Manual) {
            return false;
        }
        if (control.evaluation() instanceof Evaluation.Mapped mapped) {
            return mapped.mappings().stream().anyMatch(m -> !(m.target() instanceof Evaluation.Mapping.ControlRef ref)
                    || judged(controls.get(ref.key())));
        }
        return true;
    }

    /** Standards in index order. */
    public List<Standard> standards() {
        return List.copyOf(standards.values());
    }

    public Optional<Standard> standard(String id) {
        return Optional.ofNullable(standards.get(id));
    }

    /** The standard with this id; fails naming the ids there are. */
    public Standard require(String id) {
        return standard(id).orElseThrow(() -> new IllegalArgumentException("unknown standard '" + id
                + "' (expected " + String.join(", ", standards.keySet()) + ")"));
    }

    /** A control by its key, {@code cis-1.12/1.2.16}. */
    public Optional<Control> control(String key) {
        return Optional.ofNullable(controls.get(key));
    }
}
