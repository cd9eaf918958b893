package dev.palisade.rbac;

import dev.palisade.inventory.SourceLocation;
import java.util.List;

/**
 * A RoleBinding (namespace set) or ClusterRoleBinding (namespace empty).
 *
 * @param roleKind {@code Role} or {@code ClusterRole}
 */
public record Binding(String kind, String namespace, String name, String roleKind, String roleName,
                      List<Subject> subjects, SourceLocation source) {

    public Binding {
        namespace = namespace == null ? "" : namespace;
        subjects = List.copyOf(subjects);
    }

    public boolean clusterWide() {
        return kind.equals("ClusterRoleBinding");
    }

    /** A subject of a binding: User, Group or ServiceAccount. */
    public record Subject(String kind, String name, String namespace) {

        public Subject {
            namespace = namespace == null ? "" : namespace;
        }

        /** Whether the subject names this user or one of its groups, as the RBAC authorizer decides. */
        boolean appliesTo(String user, List<String> groups, String bindingNamespace) {
            return switch (kind) {
                case "User" -> user.equals(name);
                case "Group" -> groups.contains(name);
                case "ServiceAccount" -> {
                    String saNamespace = namespace.isEmpty() ? bindingNamespace : namespace;
                    yield !saNamespace.isEmpty() && user.equals("system:serviceaccount:" + saNamespace + ":" + name);
                }
                default -> false;
            };
        }

        @Override
        public String toString() {
            return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
        }
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
