package dev.palisade.rbac;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether one set of rules covers another (Kubernetes' policy comparator, used for escalation checks): every
 * servant rule, broken down into one verb, group, resource and name each, must be covered by some owner rule.
 */
public final class Covers {

    private Covers() {
    }

    /** The servant subrules no owner rule covers; empty when the owner rules cover all of them. */
    public static List<Rule> uncovered(List<Rule> owner, List<Rule> servant) {
        List<Rule> uncovered = new ArrayList<>();
        for (Rule rule : servant) {
            for (Rule subrule : breakdown(rule)) {
                if (owner.stream().noneMatch(o -> covers(o, subrule))) {
                    uncovered.add(subrule);
                }
            }
        }
        return uncovered;
    }

    /** One rule per group × resource × verb (× name), then one per non-resource URL × verb. */
    static List<Rule> breakdown(Rule rule) {
        List<Rule> subrules = new ArrayList<>();
        for (String group : rule.apiGroups()) {
            for (String resource : rule.resources()) {
                for (String verb : rule.verbs()) {
                    if (rule.resourceNames().isEmpty()) {
                        subrules.add(new Rule(List.of(verb), List.of(group), List.of(resource), List.of(), List.of()));
                    } else {
                        for (String name : rule.resourceNames()) {
                            subrules.add(new Rule(List.of(verb), List.of(group), List.of(resource), List.of(name),
                                    List.of()));
                        }
                    }
                }
            }
        }
        for (String url : rule.nonResourceURLs()) {
            for (String verb : rule.verbs()) {
                subrules.add(new Rule(List.of(verb), List.of(), List.of(), List.of(), List.of(url)));
            }
        }
        return subrules;
    }

    static boolean covers(Rule owner, Rule sub) {
        boolean verbs = owner.verbs().contains(Rule.ALL) || owner.verbs().containsAll(sub.verbs());
        boolean groups = owner.apiGroups().contains(Rule.ALL) || owner.apiGroups().containsAll(sub.apiGroups());
        boolean resources = resourcesCover(owner.resources(), sub.resources());
        boolean urls = sub.nonResourceURLs().stream().allMatch(path -> owner.nonResourceURLs().stream()
                .anyMatch(o -> urlCovers(o, path)));
        boolean names = sub.resourceNames().isEmpty() ? owner.resourceNames().isEmpty()
                : owner.resourceNames().isEmpty() || owner.resourceNames().containsAll(sub.resourceNames());
        return verbs && groups && resources && names && urls;
    }

    private static boolean resourcesCover(List<String> owner, List<String> covered) {
        if (owner.contains(Rule.ALL) || owner.containsAll(covered)) {
            return true;
        }
        for (String path : covered) {
            if (owner.contains(path)) {
                continue;
            }
            int slash = path.indexOf('/');
            if (slash < 0 || !owner.contains("*/" + path.substring(slash + 1))) {
                return false;
            }
        }
        return true;
    }

    /** Whether an owner's non-resource URL covers a requested one: equal, or a trailing-{@code *} prefix. */
    public static boolean urlCovers(String owner, String path) {
        return owner.equals(path) || (owner.endsWith("*") && path.startsWith(Rule.trimStars(owner)));
    }
}
