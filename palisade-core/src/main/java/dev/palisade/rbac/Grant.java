package dev.palisade.rbac;

/**
 * Why a request is allowed: the binding, the role it refers to, and the rule that matches.
 *
 * @param scope the namespace the grant is effective in, or {@code cluster} for ClusterRoleBindings
 */
public record Grant(Binding binding, Role role, Rule rule, String scope) {

    @Override
    public String toString() {
        return binding + " → " + role + " → " + rule + " (" + scope + ")";
    }
}
