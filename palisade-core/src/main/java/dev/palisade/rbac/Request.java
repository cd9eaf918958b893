package dev.palisade.rbac;

import java.util.List;

/**
 * What is asked of the authorizer: a resource request (verb, group, resource, subresource, namespace, name) or a
 * non-resource request (verb, path), by a user with groups.
 */
public record Request(String user, List<String> groups, String verb, String apiGroup, String resource,
                      String subresource, String namespace, String name, boolean resourceRequest, String path) {

    public Request {
        user = user == null ? "" : user;
        groups = groups == null ? List.of() : List.copyOf(groups);
        verb = verb == null ? "" : verb;
        apiGroup = apiGroup == null ? "" : apiGroup;
        resource = resource == null ? "" : resource;
        subresource = subresource == null ? "" : subresource;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        path = path == null ? "" : path;
    }

    public static Request resource(String verb, String apiGroup, String resource, String subresource, String namespace,
                                   String name) {
        return new Request("", List.of(), verb, apiGroup, resource, subresource, namespace, name, true, "");
    }

    public static Request nonResource(String verb, String path) {
        return new Request("", List.of(), verb, "", "", "", "", "", false, path);
    }

    public Request as(String asUser, List<String> asGroups) {
        return new Request(asUser, asGroups, verb, apiGroup, resource, subresource, namespace, name, resourceRequest, path);
    }
}
