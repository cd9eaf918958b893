package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Normalises raw documents from any source into a {@link Snapshot}: checks that each is a Kubernetes
 * object, drops secret values, types it with the fabric8 model, defaults the namespace, rejects
 * duplicates, and derives the workloads. Problems are collected, never thrown: one bad document never
 * loses the others.
 */
public final class InventoryBuilder {

    /** The serialization shared by every conversion; thread-safe once built. */
    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private InventoryBuilder() {
    }

    /** Builds a snapshot. Conversion runs in parallel; the result keeps input order and is deterministic. */
    public static Snapshot build(SnapshotInfo info, List<RawDocument> documents, List<InputProblem> earlierProblems) {
        return assemble(info, documents.parallelStream().map(InventoryBuilder::convert).toList(), earlierProblems);
    }

    /**
     * Builds a snapshot from documents already converted, in input order. Sources that convert each document as
     * soon as it is parsed use this, so that JSON trees do not outlive their document.
     */
    public static Snapshot assemble(SnapshotInfo info, List<Converted> converted, List<InputProblem> earlierProblems) {
        List<InputProblem> problems = new ArrayList<>(earlierProblems);
        List<KubeObject> objects = new ArrayList<>(converted.size());
        Map<String, KubeObject> seen = new HashMap<>();
        for (Converted result : converted) {
            if (result.problem() != null) {
                problems.add(result.problem());
                continue;
            }
            KubeObject object = result.object();
            KubeObject first = seen.putIfAbsent(object.ref().identity(), object);
            if (first != null) {
                problems.add(InputProblem.error(object.source(), "duplicate object " + object.ref()
                        + ": already defined at " + first.source() + "; this definition is ignored"));
                continue;
            }
            objects.add(object);
        }
        WorkloadResolver.Result workloads = WorkloadResolver.resolve(objects);
        problems.addAll(workloads.problems());
        return new Snapshot(info, objects, workloads.workloads(), problems);
    }

    /** One document after conversion: the object, or the problem that kept it out. */
    public record Converted(KubeObject object, InputProblem problem) {
    }

    /** Checks, redacts and types one document. Thread-safe; the document's tree is modified (redacted). */
    public static Converted convert(RawDocument document) {
        ObjectNode body = document.body();
        SourceLocation source = document.source();
        String missing = missingField(body);
        if (missing != null) {
            return new Converted(null, InputProblem.error(source, "not a Kubernetes object: " + missing));
        }
        SecretRedactor.redact(body);
        String apiVersion = body.get("apiVersion").asString();
        String kind = body.get("kind").asString();
        String name = body.path("metadata").path("name").asString();
        HasMetadata resource;
        try {
            KubernetesResource typed = SERIALIZATION.convertValue(body, KubernetesResource.class);
            if (!(typed instanceof HasMetadata withMetadata)) {
                return new Converted(null, InputProblem.error(source, "not a Kubernetes object: " + kind
                        + " has no metadata"));
            }
            resource = withMetadata;
        } catch (JacksonException e) {
            return new Converted(null, InputProblem.error(source, "invalid " + kind + " " + name + ": "
                    + describe(e)));
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof JacksonException jackson ? describe(jackson)
                    : e.getClass().getSimpleName();
            return new Converted(null, InputProblem.error(source, "invalid " + kind + " " + name + ": " + reason));
        }
        String namespace = resource.getMetadata().getNamespace();
        if ((namespace == null || namespace.isEmpty()) && resource instanceof Namespaced) {
            namespace = "default";
            resource.getMetadata().setNamespace(namespace);
        }
        if (!(resource instanceof Namespaced) && !(resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource)) {
            namespace = "";
        }
        ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, name);
        return new Converted(new KubeObject(ref, source, resource), null);
    }

    /** What makes a document not a Kubernetes object, or null when it is one. */
    private static String missingField(ObjectNode body) {
        for (String field : List.of("apiVersion", "kind")) {
            JsonNode value = body.get(field);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                return "missing or empty '" + field + "'";
            }
        }
        JsonNode name = body.path("metadata").path("name");
        if (!name.isString() || name.asString().isBlank()) {
            JsonNode generate = body.path("metadata").path("generateName");
            return generate.isString() ? "metadata.generateName without metadata.name cannot be analysed offline"
                    : "missing or empty 'metadata.name'";
        }
        return null;
    }

    /** Jackson's message without quoted input, plus the JSON path of the offending field. */
    private static String describe(JacksonException e) {
        String message = InputText.safeMessage(e.getOriginalMessage());
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce("", (a, b) -> b.startsWith("[") ? a + b : (a.isEmpty() ? b : a + "." + b));
        return (path.isEmpty() ? "" : "field " + path + ": ") + message;
    }
}
