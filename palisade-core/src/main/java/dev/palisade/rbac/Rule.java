package dev.palisade.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** One RBAC policy rule (allow-only). Empty lists mean "none", except resourceNames, where empty means "any". */
public record Rule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
                   List<String> nonResourceURLs) {

    public static final String ALL = "*";

    public Rule {
        verbs = copy(verbs);
        apiGroups = copy(apiGroups);
        resources = copy(resources);
        resourceNames = copy(resourceNames);
        nonResourceURLs = copy(nonResourceURLs);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : list.stream().map(s -> s == null ? "" : s).toList();
    }

    public static Rule of(PolicyRule rule) {
        return new Rule(rule.getVerbs(), rule.getApiGroups(), rule.getResources(), rule.getResourceNames(),
                rule.getNonResourceURLs());
    }

    /** Whether the rule allows the request (RuleAllows of the Kubernetes RBAC authorizer). */
    public boolean allows(Request request) {
        if (!matches(verbs, request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return nonResourceUrlMatches(request.path());
        }
        String combined = request.subresource().isEmpty() ? request.resource()
                : request.resource() + "/" + request.subresource();
        return matches(apiGroups, request.apiGroup()) && resourceMatches(combined, request.subresource())
                && (resourceNames.isEmpty() || resourceNames.contains(request.name()));
    }

    private static boolean matches(List<String> values, String requested) {
        for (String value : values) {
            if (value.equals(ALL) || value.equals(requested)) {
                return true;
            }
        }
        return false;
    }

    private boolean resourceMatches(String combined, String subresource) {
        for (String resource : resources) {
            if (resource.equals(ALL) || resource.equals(combined)) {
                return true;
            }
            // "*/<subresource>" matches that subresource of any resource.
            if (!subresource.isEmpty() && resource.length() == subresource.length() + 2 && resource.startsWith("*/")
                    && resource.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    private boolean nonResourceUrlMatches(String path) {
        for (String url : nonResourceURLs) {
            if (url.equals(ALL) || url.equals(path) || (url.endsWith("*") && path.startsWith(trimStars(url)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code strings.TrimRight(url, "*")}. */
    static String trimStars(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '*') {
            end--;
        }
        return url.substring(0, end);
    }

    /** {@code verbs=[get list] apiGroups=[""] resources=[pods]}: readable, for answers and messages. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("verbs=").append(verbs);
        if (!nonResourceURLs.isEmpty()) {
            text.append(" nonResourceURLs=").append(nonResourceURLs);
        }
        if (!resources.isEmpty() || nonResourceURLs.isEmpty()) {
            text.append(" apiGroups=").append(apiGroups.stream().map(g -> g.isEmpty() ? "\"\"" : g).toList())
                    .append(" resources=").append(resources);
        }
        if (!resourceNames.isEmpty()) {
            text.append(" resourceNames=").append(resourceNames);
        }
        return text.toString().replace(", ", " ");
    }
}
