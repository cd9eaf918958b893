package dev.palisade.rbac;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who a request is made as: a user name and groups, with the groups Kubernetes adds itself. A service account
 * {@code system:serviceaccount:NS:NAME} gets {@code system:serviceaccounts} and {@code system:serviceaccounts:NS};
 * every authenticated user gets {@code system:authenticated}; {@code system:anonymous} gets
 * {@code system:unauthenticated} instead.
 */
public record Identity(String user, List<String> groups) {

    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public Identity {
        groups = List.copyOf(groups);
    }

    /** {@code --as} and {@code --as-group} as kubectl takes them. */
    public static Identity of(String user, List<String> extraGroups) {
        Set<String> groups = new LinkedHashSet<>(extraGroups);
        if (user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            String[] parts = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("invalid service account user '" + user
                        + "' (expected system:serviceaccount:NAMESPACE:NAME)");
            }
            groups.add("system:serviceaccounts");
            groups.add("system:serviceaccounts:" + parts[0]);
        }
        if (user.equals("system:anonymous")) {
            groups.add("system:unauthenticated");
        } else {
            groups.add("system:authenticated");
        }
        return new Identity(user, new ArrayList<>(groups));
    }

    public static Identity serviceAccount(String namespace, String name) {
        return of(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name, List.of());
    }
}
