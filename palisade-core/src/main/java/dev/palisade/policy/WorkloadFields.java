package dev.palisade.policy;

import dev.palisade.inventory.ImageRef;
import dev.palisade.inventory.Workload;
import dev.palisade.vuln.ImageScan;
import dev.palisade.vuln.Vulnerability;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Fields of workloads (pod template and metadata), of their containers, and of the vulnerabilities of a
 * container's image. Effective values follow Kubernetes: a container's security context overrides the pod's;
 * unset means the Kubernetes default. Image contents and vulnerabilities come from image scan evidence and have
 * no value without it.
 */
final class WorkloadFields {

    private WorkloadFields() {
    }

    private static Field workload(String name, ValueType type, String description,
                                  Function<Subject, List<FieldValue>> extractor) {
        return new Field(name, Target.WORKLOAD, Field.Level.SUBJECT, type, description, extractor);
    }

    private static Field container(String name, ValueType type, String description,
                                   Function<Subject, List<FieldValue>> extractor) {
        return new Field(name, Target.WORKLOAD, Field.Level.CONTAINER, type, description, extractor);
    }

    private static Field vulnerability(String name, ValueType type, String description,
                                       Function<Subject, List<FieldValue>> extractor) {
        return new Field(name, Target.WORKLOAD, Field.Level.VULNERABILITY, type, description, extractor);
    }

    static List<Field> all() {
        List<Field> fields = new ArrayList<>();
        fields.addAll(metadata());
        fields.addAll(pod());
        fields.addAll(containerSecurity());
        fields.addAll(containerImage());
        fields.addAll(containerImageScan());
        fields.addAll(imageVulnerabilities());
        fields.addAll(containerResources());
        fields.addAll(containerEnvironmentAndMounts());
        fields.addAll(podSecurity());
        return fields;
    }

    // ---- Pod Security Standards ----

    private static List<Field> podSecurity() {
        return List.of(
                workload("Pod Security Baseline Violation", ValueType.STRING, "each Pod Security Standards check the"
                        + " pod template fails at level baseline, version latest (check ids such as privileged)",
                        s -> podSecurity(s, dev.palisade.pss.PssLevel.BASELINE, dev.palisade.pss.PssVersion.LATEST, "")),
                workload("Pod Security Restricted Violation", ValueType.STRING, "each Pod Security Standards check"
                        + " the pod template fails at level restricted, version latest",
                        s -> podSecurity(s, dev.palisade.pss.PssLevel.RESTRICTED, dev.palisade.pss.PssVersion.LATEST, "")),
                workload("Pod Security Namespace Violation", ValueType.STRING, "each check the pod template fails at"
                        + " the level and version its namespace enforces (pod-security.kubernetes.io/enforce labels):"
                        + " the pods would be rejected", s -> s.context().namespace(s.workload().namespace())
                                .map(dev.palisade.pss.NamespaceLevels::of)
                                .flatMap(dev.palisade.pss.NamespaceLevels::enforce)
                                .flatMap(mode -> mode.parsedLevel().map(level -> podSecurity(s, level,
                                        mode.parsedVersion(), "namespace " + s.workload().namespace() + " enforces "
                                                + mode + "; ")))
                                .orElse(List.of())));
    }

    private static List<FieldValue> podSecurity(Subject s, dev.palisade.pss.PssLevel level,
                                                dev.palisade.pss.PssVersion version, String prefix) {
        // Every check of the version is evaluated once per workload; each level selects its own.
        List<dev.palisade.pss.PssViolation> all = s.memo("pss/" + version.minor(), () -> dev.palisade.pss.PssEvaluator
                .evaluateAllChecks(s.workload().podAnnotations(), spec(s), version));
        return dev.palisade.pss.PssEvaluator.select(all, level, version).stream()
                .map(v -> FieldValue.of(v.check(), "", prefix + v.message()))
                .toList();
    }

    // ---- workload metadata and relations ----

    private static List<Field> metadata() {
        return List.of(
                workload("Namespace", ValueType.STRING, "the workload's namespace",
                        s -> List.of(FieldValue.of(s.workload().namespace(), "", "in namespace " + s.workload().namespace()))),
                workload("Workload Name", ValueType.STRING, "the workload's name",
                        s -> List.of(FieldValue.of(s.workload().name(), "", s.workload().name()))),
                workload("Workload Kind", ValueType.STRING, "Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet,"
                        + " ReplicationController or Pod",
                        s -> List.of(FieldValue.of(s.workload().ref().kind(), "", "is a " + s.workload().ref().kind()))),
                workload("Label", ValueType.KEY_VALUE, "labels of the workload object (key=value)",
                        s -> keyValues(s.workload().labels(), "metadata.labels", "label")),
                workload("Annotation", ValueType.KEY_VALUE, "annotations of the workload object (key=value)",
                        s -> keyValues(s.workload().annotations(), "metadata.annotations", "annotation")),
                workload("Pod Label", ValueType.KEY_VALUE, "labels of the pod template (key=value)",
                        s -> keyValues(s.workload().podLabels(), "podMetadata.labels", "pod label")),
                workload("Replicas", ValueType.NUMBER, "desired replicas (Deployments, StatefulSets, ReplicaSets,"
                        + " ReplicationControllers; absent for other kinds)",
                        s -> s.workload().replicas() == null || !replicated(s.workload()) ? List.of()
                                : List.of(FieldValue.of(String.valueOf(s.workload().replicas()), "",
                                "runs " + s.workload().replicas() + " replica" + (s.workload().replicas() == 1 ? "" : "s")))),
                workload("Has Pod Disruption Budget", ValueType.BOOLEAN, "a PodDisruptionBudget selects the pods",
                        s -> List.of(FieldValue.bool(s.context().hasDisruptionBudget(s.workload()), "",
                                "has a PodDisruptionBudget", "has no PodDisruptionBudget"))),
                workload("Has Ingress Network Policy", ValueType.BOOLEAN,
                        "a NetworkPolicy of the namespace selects the pods for ingress",
                        s -> List.of(FieldValue.bool(s.context().isolated(s.workload(), dev.palisade.network.ParsedPolicy.Direction.INGRESS), "", "is isolated for ingress",
                                "is selected by no ingress NetworkPolicy"))),
                workload("Has Egress Network Policy", ValueType.BOOLEAN,
                        "a NetworkPolicy of the namespace selects the pods for egress",
                        s -> List.of(FieldValue.bool(s.context().isolated(s.workload(), dev.palisade.network.ParsedPolicy.Direction.EGRESS), "", "is isolated for egress",
                                "is selected by no egress NetworkPolicy"))),
                workload("Has Owner", ValueType.BOOLEAN, "an owner label or annotation (configured keys) is found on"
                        + " the workload, its pod template or its namespace",
                        s -> {
                            Optional<String> team = s.context().owners().owner(s.workload()).map(o -> o.team());
                            return List.of(FieldValue.bool(team.isPresent(), "",
                                    "is owned by " + team.orElse(""), "has none of the owner labels or annotations "
                                            + String.join(", ", s.context().config().ownerKeys())));
                        }),
                workload("System Namespace", ValueType.BOOLEAN, "the namespace is one of the configured system namespaces",
                        s -> List.of(FieldValue.bool(s.context().systemNamespace(s.workload().namespace()), "",
                                "runs in system namespace " + s.workload().namespace(),
                                "runs in application namespace " + s.workload().namespace()))),
                workload("Port Exposure Method", ValueType.STRING, "how the pods are reachable: ROUTE (Ingress or"
                        + " HTTPRoute), EXTERNAL (LoadBalancer), NODE (NodePort), HOST (hostPort or hostNetwork),"
                        + " INTERNAL (ClusterIP)", Exposure::methods),
                workload("Criticality", ValueType.STRING, "annotation palisade.dev/criticality (low, medium, high,"
                        + " critical); empty when unset",
                        s -> {
                            String value = s.workload().annotations().getOrDefault("palisade.dev/criticality", "");
                            return List.of(FieldValue.of(value, "metadata.annotations", "has criticality " + value));
                        }));
    }

    private static boolean replicated(Workload workload) {
        return switch (workload.ref().kind()) {
            case "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController" -> true;
            default -> false;
        };
    }

    static List<FieldValue> keyValues(Map<String, String> map, String path, String what) {
        List<FieldValue> values = new ArrayList<>(map.size());
        map.forEach((k, v) -> values.add(FieldValue.of(k + "=" + (v == null ? "" : v), path.isEmpty() ? "" : path + "." + k,
                "has " + what + " " + k)));
        return values;
    }

    // ---- pod spec ----

    private static List<Field> pod() {
        return List.of(
                workload("Host Network", ValueType.BOOLEAN, "hostNetwork", s -> List.of(FieldValue.bool(
                        Boolean.TRUE.equals(spec(s).getHostNetwork()), "hostNetwork",
                        "shares the node's network namespace (hostNetwork: true)", "uses its own network namespace"))),
                workload("Host PID", ValueType.BOOLEAN, "hostPID", s -> List.of(FieldValue.bool(
                        Boolean.TRUE.equals(spec(s).getHostPID()), "hostPID",
                        "shares the node's process namespace (hostPID: true)", "uses its own process namespace"))),
                workload("Host IPC", ValueType.BOOLEAN, "hostIPC", s -> List.of(FieldValue.bool(
                        Boolean.TRUE.equals(spec(s).getHostIPC()), "hostIPC",
                        "shares the node's IPC namespace (hostIPC: true)", "uses its own IPC namespace"))),
                workload("Service Account", ValueType.STRING, "the service account the pods run as",
                        s -> List.of(FieldValue.of(s.workload().serviceAccountName(), "serviceAccountName",
                                "runs as service account " + s.workload().serviceAccountName()))),
                workload("Automount Service Account Token", ValueType.BOOLEAN, "whether the API token is mounted"
                        + " (pod spec, else the service account, else true)",
                        s -> {
                            boolean mounted = automount(s);
                            return List.of(FieldValue.bool(mounted, "automountServiceAccountToken",
                                    "mounts the service account token", "does not mount the service account token"));
                        }),
                workload("Runtime Class", ValueType.STRING, "runtimeClassName; empty when unset",
                        s -> List.of(FieldValue.of(Objects.toString(spec(s).getRuntimeClassName(), ""),
                                "runtimeClassName", "runtime class " + spec(s).getRuntimeClassName()))),
                workload("Priority Class", ValueType.STRING, "priorityClassName; empty when unset",
                        s -> List.of(FieldValue.of(Objects.toString(spec(s).getPriorityClassName(), ""),
                                "priorityClassName", spec(s).getPriorityClassName() == null ? "has no priority class"
                                        : "has priority class " + spec(s).getPriorityClassName()))),
                workload("Volume Type", ValueType.STRING, "the source type of each volume: hostPath, emptyDir, secret,"
                        + " configMap, persistentVolumeClaim, projected, ...", WorkloadFields::volumeTypes),
                workload("Host Path", ValueType.STRING, "the host path of each hostPath volume",
                        s -> volumes(s).stream().filter(v -> v.volume().getHostPath() != null)
                                .map(v -> FieldValue.of(v.volume().getHostPath().getPath(), v.path() + ".hostPath.path",
                                        "mounts host path " + v.volume().getHostPath().getPath()))
                                .toList()),
                workload("FS Group", ValueType.NUMBER, "securityContext.fsGroup of the pod; absent when unset",
                        s -> Optional.ofNullable(spec(s).getSecurityContext()).map(PodSecurityContext::getFsGroup)
                                .map(g -> List.of(FieldValue.of(String.valueOf(g), "securityContext.fsGroup",
                                        "fsGroup " + g))).orElse(List.of())),
                workload("Supplemental Groups", ValueType.NUMBER, "each group of securityContext.supplementalGroups"
                        + " of the pod", s -> Optional.ofNullable(spec(s).getSecurityContext())
                                .map(PodSecurityContext::getSupplementalGroups).orElse(List.of()).stream()
                                .map(g -> FieldValue.of(String.valueOf(g), "securityContext.supplementalGroups",
                                        "supplementalGroups includes " + g))
                                .toList()),
                workload("Sysctl", ValueType.KEY_VALUE, "sysctls set by the pod (name=value)",
                        s -> Optional.ofNullable(spec(s).getSecurityContext()).map(PodSecurityContext::getSysctls)
                                .orElse(List.of()).stream()
                                .map(c -> FieldValue.of(c.getName() + "=" + c.getValue(), "securityContext.sysctls",
                                        "sets sysctl " + c.getName()))
                                .toList()),
                workload("Pod Security Context Defined", ValueType.BOOLEAN, "the pod sets any securityContext field",
                        s -> List.of(FieldValue.bool(podContextDefined(spec(s).getSecurityContext()), "securityContext",
                                "has a pod security context", "has no pod security context"))));
    }

    static PodSpec spec(Subject s) {
        return s.workload().podSpec();
    }

    private static boolean automount(Subject s) {
        Boolean pod = spec(s).getAutomountServiceAccountToken();
        if (pod != null) {
            return pod;
        }
        return s.context().serviceAccount(s.workload().namespace(), s.workload().serviceAccountName())
                .map(ServiceAccount::getAutomountServiceAccountToken).orElse(true) != Boolean.FALSE;
    }

    private static boolean podContextDefined(PodSecurityContext context) {
        return context != null && (context.getRunAsNonRoot() != null || context.getRunAsUser() != null
                || context.getRunAsGroup() != null || context.getSeccompProfile() != null
                || context.getSeLinuxOptions() != null || context.getFsGroup() != null
                || context.getAppArmorProfile() != null || context.getSupplementalGroups() != null
                && !context.getSupplementalGroups().isEmpty() || context.getSysctls() != null
                && !context.getSysctls().isEmpty() || context.getWindowsOptions() != null);
    }

    record IndexedVolume(Volume volume, String path) {
    }

    static List<IndexedVolume> volumes(Subject s) {
        List<Volume> volumes = spec(s).getVolumes() == null ? List.of() : spec(s).getVolumes();
        List<IndexedVolume> indexed = new ArrayList<>(volumes.size());
        for (int i = 0; i < volumes.size(); i++) {
            indexed.add(new IndexedVolume(volumes.get(i), "volumes[" + i + "]"));
        }
        return indexed;
    }

    private static List<FieldValue> volumeTypes(Subject s) {
        List<FieldValue> values = new ArrayList<>();
        for (IndexedVolume v : volumes(s)) {
            String type = dev.palisade.inventory.Volumes.type(v.volume());
            values.add(FieldValue.of(type, v.path(), "has " + type + " volume " + v.volume().getName()));
        }
        return values;
    }

    // ---- containers: security context ----

    private static List<Field> containerSecurity() {
        return List.of(
                container("Container Name", ValueType.STRING, "the container's name",
                        s -> List.of(FieldValue.of(s.container().name(), s.containerPath() + ".name", ""))),
                container("Container Kind", ValueType.STRING, "init, regular or ephemeral",
                        s -> List.of(FieldValue.of(s.container().kind().name().toLowerCase(Locale.ROOT), "",
                                "is an " + s.container().kind().name().toLowerCase(Locale.ROOT) + " container"))),
                container("Privileged Container", ValueType.BOOLEAN, "securityContext.privileged",
                        s -> List.of(FieldValue.bool(Boolean.TRUE.equals(sc(s).map(SecurityContext::getPrivileged)
                                        .orElse(null)), s.containerPath() + ".securityContext.privileged",
                                "runs privileged (securityContext.privileged: true)", "is not privileged"))),
                container("Allow Privilege Escalation", ValueType.BOOLEAN, "securityContext.allowPrivilegeEscalation;"
                        + " true unless set to false",
                        s -> {
                            Boolean value = sc(s).map(SecurityContext::getAllowPrivilegeEscalation).orElse(null);
                            boolean allowed = !Boolean.FALSE.equals(value);
                            return List.of(FieldValue.bool(allowed, s.containerPath()
                                    + ".securityContext.allowPrivilegeEscalation", value == null
                                    ? "does not set allowPrivilegeEscalation: false"
                                    : "sets allowPrivilegeEscalation: true", "disallows privilege escalation"));
                        }),
                container("Read-Only Root Filesystem", ValueType.BOOLEAN, "securityContext.readOnlyRootFilesystem",
                        s -> List.of(FieldValue.bool(Boolean.TRUE.equals(sc(s).map(SecurityContext::getReadOnlyRootFilesystem)
                                        .orElse(null)), s.containerPath() + ".securityContext.readOnlyRootFilesystem",
                                "has a read-only root filesystem", "has a writable root filesystem"))),
                container("Run As Non-Root", ValueType.BOOLEAN, "runAsNonRoot of the container, else of the pod",
                        s -> {
                            Boolean value = effective(s, SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot);
                            return List.of(FieldValue.bool(Boolean.TRUE.equals(value), path(s, "runAsNonRoot"),
                                    "must run as non-root", value == null ? "does not set runAsNonRoot: true"
                                            : "sets runAsNonRoot: false"));
                        }),
                container("Run As User", ValueType.NUMBER, "runAsUser of the container, else of the pod; absent when unset",
                        s -> Optional.ofNullable(effective(s, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser))
                                .map(u -> List.of(FieldValue.of(String.valueOf(u), path(s, "runAsUser"),
                                        "runs as user " + u + (u == 0 ? " (root)" : ""))))
                                .orElse(List.of())),
                container("Run As Group", ValueType.NUMBER, "runAsGroup of the container, else of the pod; absent when unset",
                        s -> Optional.ofNullable(effective(s, SecurityContext::getRunAsGroup, PodSecurityContext::getRunAsGroup))
                                .map(g -> List.of(FieldValue.of(String.valueOf(g), path(s, "runAsGroup"),
                                        "runs as group " + g + (g == 0 ? " (root)" : ""))))
                                .orElse(List.of())),
                container("Add Capabilities", ValueType.STRING, "capabilities added (upper case, without CAP_)",
                        s -> capabilities(s, true)),
                container("Drop Capabilities", ValueType.STRING, "capabilities dropped (upper case, without CAP_)",
                        s -> capabilities(s, false)),
                container("Seccomp Profile Type", ValueType.STRING, "RuntimeDefault, Localhost or Unconfined, of the"
                        + " container else the pod; empty when unset",
                        s -> {
                            String type = Objects.toString(effective(s,
                                    c -> c.getSeccompProfile() == null ? null : c.getSeccompProfile().getType(),
                                    p -> p.getSeccompProfile() == null ? null : p.getSeccompProfile().getType()), "");
                            return List.of(FieldValue.of(type, path(s, "seccompProfile.type"), type.isEmpty()
                                    ? "sets no seccomp profile" : "uses seccomp profile " + type));
                        }),
                container("AppArmor Profile", ValueType.STRING, "RuntimeDefault, Localhost or Unconfined, from"
                        + " appArmorProfile (container, else pod) or the legacy annotation; empty when unset",
                        WorkloadFields::appArmor),
                container("SELinux Options", ValueType.KEY_VALUE, "seLinuxOptions of the container, else the pod"
                        + " (user=, role=, type=, level=)",
                        s -> {
                            var options = effective(s, SecurityContext::getSeLinuxOptions, PodSecurityContext::getSeLinuxOptions);
                            if (options == null) {
                                return List.of();
                            }
                            List<FieldValue> values = new ArrayList<>();
                            String path = path(s, "seLinuxOptions");
                            if (options.getUser() != null) {
                                values.add(FieldValue.of("user=" + options.getUser(), path, "sets SELinux user " + options.getUser()));
                            }
                            if (options.getRole() != null) {
                                values.add(FieldValue.of("role=" + options.getRole(), path, "sets SELinux role " + options.getRole()));
                            }
                            if (options.getType() != null) {
                                values.add(FieldValue.of("type=" + options.getType(), path, "sets SELinux type " + options.getType()));
                            }
                            if (options.getLevel() != null) {
                                values.add(FieldValue.of("level=" + options.getLevel(), path, "sets SELinux level " + options.getLevel()));
                            }
                            return values;
                        }),
                container("Proc Mount", ValueType.STRING, "securityContext.procMount (Default, Unmasked); empty when unset",
                        s -> {
                            String value = sc(s).map(SecurityContext::getProcMount).orElse("");
                            return List.of(FieldValue.of(value, s.containerPath() + ".securityContext.procMount",
                                    "sets procMount " + value));
                        }),
                container("Windows Host Process", ValueType.BOOLEAN, "windowsOptions.hostProcess of the container,"
                        + " else the pod",
                        s -> {
                            Boolean value = effective(s,
                                    c -> c.getWindowsOptions() == null ? null : c.getWindowsOptions().getHostProcess(),
                                    p -> p.getWindowsOptions() == null ? null : p.getWindowsOptions().getHostProcess());
                            return List.of(FieldValue.bool(Boolean.TRUE.equals(value), path(s, "windowsOptions.hostProcess"),
                                    "runs as a Windows HostProcess container", "is not a HostProcess container"));
                        }),
                container("Security Context Defined", ValueType.BOOLEAN, "the container or its pod sets a security"
                        + " context field (an empty securityContext: {} counts as none)",
                        s -> List.of(FieldValue.bool(sc(s).filter(WorkloadFields::containerContextDefined).isPresent()
                                        || podContextDefined(spec(s).getSecurityContext()),
                                s.containerPath() + ".securityContext", "has a security context",
                                "has no security context, neither its own nor the pod's"))));
    }

    private static boolean containerContextDefined(SecurityContext c) {
        return c.getPrivileged() != null || c.getAllowPrivilegeEscalation() != null || c.getCapabilities() != null
                || c.getReadOnlyRootFilesystem() != null || c.getRunAsNonRoot() != null || c.getRunAsUser() != null
                || c.getRunAsGroup() != null || c.getSeccompProfile() != null || c.getSeLinuxOptions() != null
                || c.getAppArmorProfile() != null || c.getProcMount() != null || c.getWindowsOptions() != null;
    }

    static Optional<SecurityContext> sc(Subject s) {
        return Optional.ofNullable(s.container().spec().getSecurityContext());
    }

    /** The container's value, else the pod's. */
    private static <T> T effective(Subject s, Function<SecurityContext, T> fromContainer,
                                   Function<PodSecurityContext, T> fromPod) {
        T value = sc(s).map(fromContainer).orElse(null);
        if (value == null && spec(s).getSecurityContext() != null) {
            value = fromPod.apply(spec(s).getSecurityContext());
        }
        return value;
    }

    /** The path of a security context field: the container's if it sets one, else the pod's. */
    private static String path(Subject s, String field) {
        return sc(s).isPresent() || spec(s).getSecurityContext() == null
                ? s.containerPath() + ".securityContext." + field : "securityContext." + field;
    }

    private static List<FieldValue> capabilities(Subject s, boolean add) {
        Capabilities capabilities = sc(s).map(SecurityContext::getCapabilities).orElse(null);
        List<String> list = capabilities == null ? null : add ? capabilities.getAdd() : capabilities.getDrop();
        if (list == null) {
            return List.of();
        }
        String path = s.containerPath() + ".securityContext.capabilities." + (add ? "add" : "drop");
        return list.stream().filter(Objects::nonNull)
                .map(c -> c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""))
                .map(c -> FieldValue.of(c, path, (add ? "adds capability " : "drops capability ") + c))
                .toList();
    }

    private static List<FieldValue> appArmor(Subject s) {
        String type = effective(s,
                c -> c.getAppArmorProfile() == null ? null : c.getAppArmorProfile().getType(),
                p -> p.getAppArmorProfile() == null ? null : p.getAppArmorProfile().getType());
        String path = path(s, "appArmorProfile.type");
        if (type == null) {
            String annotation = s.workload().podAnnotations()
                    .get("container.apparmor.security.beta.kubernetes.io/" + s.container().name());
            if (annotation != null) {
                type = annotation.equals("unconfined") ? "Unconfined" : annotation.equals("runtime/default")
                        ? "RuntimeDefault" : annotation.startsWith("localhost/") ? "Localhost" : annotation;
                path = "podMetadata.annotations";
            }
        }
        String value = type == null ? "" : type;
        return List.of(FieldValue.of(value, path, value.isEmpty() ? "sets no AppArmor profile"
                : "uses AppArmor profile " + value));
    }

    // ---- containers: image ----

    private static List<Field> containerImage() {
        return List.of(
                container("Image", ValueType.STRING, "the full normalised image reference",
                        s -> image(s).map(i -> List.of(FieldValue.of(i.fullReference(), s.containerPath() + ".image",
                                "image " + s.container().imageReference()))).orElse(List.of())),
                container("Image Registry", ValueType.STRING, "the registry host (docker.io for Docker Hub)",
                        s -> image(s).map(i -> List.of(FieldValue.of(i.registry(), s.containerPath() + ".image",
                                "image " + s.container().imageReference() + " from registry " + i.registry())))
                                .orElse(List.of())),
                container("Image Remote", ValueType.STRING, "the repository path, e.g. library/nginx",
                        s -> image(s).map(i -> List.of(FieldValue.of(i.repository(), s.containerPath() + ".image",
                                "image " + s.container().imageReference()))).orElse(List.of())),
                container("Image Tag", ValueType.STRING, "the tag (latest when none is written; empty with a digest only)",
                        s -> image(s).map(i -> List.of(FieldValue.of(i.tag() == null ? "" : i.tag(),
                                s.containerPath() + ".image", "image " + s.container().imageReference()
                                        + (i.tagImplied() ? " has no tag, so it means :latest"
                                        : i.tag() == null ? " has no tag" : "latest".equals(i.tag())
                                        ? " uses the :latest tag" : " uses tag " + i.tag()))))
                                .orElse(List.of())),
                container("Image Pinned By Digest", ValueType.BOOLEAN, "the reference carries @sha256:...",
                        s -> image(s).map(i -> List.of(FieldValue.bool(i.pinnedByDigest(), s.containerPath() + ".image",
                                "image " + s.container().imageReference() + " is pinned by digest",
                                "image " + s.container().imageReference() + " is not pinned by digest")))
                                .orElse(List.of())),
                container("Image Trusted", ValueType.BOOLEAN, "the image comes from a trusted registry; no value when"
                        + " no trusted registries are configured",
                        s -> image(s).filter(i -> s.context().trustedRegistries().configured())
                                .map(i -> List.of(FieldValue.bool(s.context().trustedRegistries().matches(i),
                                        s.containerPath() + ".image", "image " + s.container().imageReference()
                                                + " comes from a trusted registry", "image "
                                                + s.container().imageReference() + " comes from registry "
                                                + i.registry() + ", which is not trusted")))
                                .orElse(List.of())),
                container("Image Pull Policy", ValueType.STRING, "imagePullPolicy, defaulted as Kubernetes does"
                        + " (Always for :latest or no tag, else IfNotPresent)",
                        s -> {
                            String policy = s.container().spec().getImagePullPolicy();
                            if (policy == null || policy.isEmpty()) {
                                policy = image(s).map(i -> "latest".equals(i.tag()) ? "Always" : "IfNotPresent")
                                        .orElse("IfNotPresent");
                            }
                            return List.of(FieldValue.of(policy, s.containerPath() + ".imagePullPolicy",
                                    "pulls with imagePullPolicy " + policy));
                        }));
    }

    private static Optional<ImageRef> image(Subject s) {
        return Optional.ofNullable(s.container().image());
    }

    // ---- containers: what the image scan found in the image (palisade scan --scan-images) ----

    private static List<Field> containerImageScan() {
        return List.of(
                container("Unscanned Image", ValueType.BOOLEAN, "the image has no scan result, or its scan failed;"
                        + " no value when the scan did not scan images (--scan-images)", WorkloadFields::unscanned),
                container("Image Scan Age", ValueType.NUMBER, "days since the image was scanned (its packages"
                        + " catalogued), counted at the scan's moment",
                        s -> imageDays(s, ImageScan::scannedAt, "scanned")),
                container("Image Age", ValueType.NUMBER, "days since the image was created (its configuration's"
                        + " created time), counted at the scan's moment; no value when the image does not say",
                        s -> imageDays(s, scan -> scan.catalogue().config().created(), "created")),
                container("Image User", ValueType.STRING, "the user the image's configuration runs as (USER); empty"
                        + " when it sets none, so it runs as root unless the pod sets a user",
                        s -> scanned(s).map(scan -> scan.catalogue().config().user())
                                .map(user -> List.of(FieldValue.of(user, imagePath(s), imageNamed(s) + (user.isEmpty()
                                        ? " sets no user, so it runs as root" : " runs as user " + user))))
                                .orElse(List.of())),
                container("Image OS", ValueType.STRING, "the distribution the image is built on, id:version as"
                        + " os-release writes them (debian:12, alpine:3.19.1); no value when none was found",
                        s -> scanned(s).map(scan -> scan.catalogue().os())
                                .map(os -> os.versionId() == null ? os.id() : os.id() + ":" + os.versionId())
                                .map(os -> List.of(FieldValue.of(os, imagePath(s), imageNamed(s) + " is built on " + os)))
                                .orElse(List.of())),
                container("Image Component", ValueType.KEY_VALUE, "name=version of each package in the image"
                        + " (distribution and language packages)",
                        s -> scanned(s).map(scan -> scan.catalogue().packages().stream()
                                .map(p -> FieldValue.of(p.name() + "=" + p.version(), imagePath(s),
                                        imageNamed(s) + " contains " + p.name() + " " + p.version()))
                                .toList()).orElse(List.of())));
    }

    private static List<FieldValue> unscanned(Subject s) {
        if (s.context().imageScans().isEmpty()) {
            return List.of();
        }
        Optional<ImageScan> scan = s.imageScan();
        String notScanned = scan.map(ImageScan::problems).filter(problems -> !problems.isEmpty())
                .map(problems -> " could not be scanned: " + String.join("; ", problems)).orElse(" was not scanned");
        return List.of(FieldValue.bool(scan.filter(ImageScan::scanned).isEmpty(), imagePath(s),
                imageNamed(s) + notScanned, imageNamed(s) + " was scanned"));
    }

    /** The container image's scan, when the image was read. */
    private static Optional<ImageScan> scanned(Subject s) {
        return s.imageScan().filter(ImageScan::scanned);
    }

    /** Days from a moment of the image's scan to the scan's moment, e.g. {@code image x was created 120 days ago}. */
    private static List<FieldValue> imageDays(Subject s, Function<ImageScan, Instant> moment, String what) {
        return scanned(s).map(moment).map(then -> {
            long days = daysUntilScanMoment(s, then);
            return List.of(FieldValue.of(String.valueOf(days), imagePath(s), imageNamed(s) + " was " + what + " "
                    + days + (days == 1 ? " day" : " days") + " ago (" + LocalDate.ofInstant(then, ZoneOffset.UTC) + ")"));
        }).orElse(List.of());
    }

    /** Whole days from {@code then} to the moment of the image scans; 0 when {@code then} is later. */
    private static long daysUntilScanMoment(Subject s, Instant then) {
        return Math.max(0, Duration.between(then, s.context().imageScanMoment()).toDays());
    }

    private static String imagePath(Subject s) {
        return s.containerPath() + ".image";
    }

    private static String imageNamed(Subject s) {
        return "image " + s.container().imageReference();
    }

    // ---- vulnerabilities of a container's image: criteria of one section hold for the same vulnerability ----

    private static List<Field> imageVulnerabilities() {
        return List.of(
                vulnerability("CVE", ValueType.STRING, "the vulnerability's id and its aliases (CVE, GHSA, distribution"
                        + " advisories)", s -> Stream.concat(Stream.of(s.vulnerability().id()),
                                s.vulnerability().aliases().stream()).distinct()
                        .map(id -> FieldValue.of(id, imagePath(s), vulnerabilityNamed(s, id))).toList()),
                vulnerability("CVSS", ValueType.NUMBER, "the vulnerability's CVSS v3 base score; no value when no"
                        + " advisory gives one", s -> aboutVulnerability(s, Optional.ofNullable(s.vulnerability().cvssScore())
                                .map(score -> BigDecimal.valueOf(score).stripTrailingZeros().toPlainString()))),
                vulnerability("Severity", ValueType.SEVERITY, "the vulnerability's severity: low, moderate, important"
                        + " (high), critical, or unknown", s -> aboutVulnerability(s,
                                Optional.of(s.vulnerability().severity().name().toLowerCase(Locale.ROOT)))),
                vulnerability("Fixable", ValueType.BOOLEAN, "a fixed version of the vulnerable package is known",
                        s -> aboutVulnerability(s, Optional.of(String.valueOf(s.vulnerability().fixable())))),
                vulnerability("Fixed By", ValueType.STRING, "the first version without the vulnerability; no value"
                        + " when no fix is known", s -> aboutVulnerability(s,
                                Optional.ofNullable(s.vulnerability().fixedVersion()))),
                vulnerability("Days Since CVE Was Published", ValueType.NUMBER, "days from the vulnerability's"
                        + " publication to the scan's moment; no value when no advisory dates it",
                        s -> aboutVulnerability(s, Optional.ofNullable(s.vulnerability().published())
                                .map(published -> String.valueOf(daysUntilScanMoment(s, published))))));
    }

    private static List<FieldValue> aboutVulnerability(Subject s, Optional<String> value) {
        return value.map(v -> List.of(FieldValue.of(v, imagePath(s), vulnerabilityNamed(s, s.vulnerability().id()))))
                .orElse(List.of());
    }

    /**
     * How findings name the current vulnerability, whichever of its fields matched: {@code image web:1.0 has
     * CVE-2021-44228 (critical, fixable in 2.15.0) in org.apache.logging.log4j:log4j-core 2.14.1}; when
     * {@code asId} is an alias, {@code has GHSA-jfh8-c2jp-5v3q, also known as CVE-2021-44228 (...)}.
     */
    private static String vulnerabilityNamed(Subject s, String asId) {
        Vulnerability v = s.vulnerability();
        return imageNamed(s) + " has " + v.id() + (asId.equals(v.id()) ? "" : ", also known as " + asId) + " ("
                + v.severity().name().toLowerCase(Locale.ROOT) + (v.cvssScore() == null ? "" : ", CVSS " + v.cvssScore())
                + (v.fixable() ? ", fixable in " + v.fixedVersion() : ", no fix known") + ") in "
                + v.affectedPackage().name() + " " + v.installedVersion();
    }

    // ---- containers: resources and probes ----

    private static List<Field> containerResources() {
        return List.of(
                resource("Container CPU Request", "cpu", true, "cores"),
                resource("Container CPU Limit", "cpu", false, "cores"),
                resource("Container Memory Request", "memory", true, "bytes"),
                resource("Container Memory Limit", "memory", false, "bytes"),
                resource("Container Ephemeral Storage Request", "ephemeral-storage", true, "bytes"),
                resource("Container Ephemeral Storage Limit", "ephemeral-storage", false, "bytes"),
                probe("Liveness Probe Defined", "livenessProbe", Container::getLivenessProbe),
                probe("Readiness Probe Defined", "readinessProbe", Container::getReadinessProbe),
                probe("Startup Probe Defined", "startupProbe", Container::getStartupProbe));
    }

    private static Field resource(String name, String resource, boolean request, String unit) {
        String kind = request ? "requests" : "limits";
        return container(name, ValueType.NUMBER, "resources." + kind + "." + resource + " in " + unit
                + "; 0 when unset", s -> {
                    ResourceRequirements requirements = s.container().spec().getResources();
                    Map<String, Quantity> quantities = requirements == null ? null
                            : request ? requirements.getRequests() : requirements.getLimits();
                    Quantity quantity = quantities == null ? null : quantities.get(resource);
                    BigDecimal amount = quantity == null ? BigDecimal.ZERO : amount(quantity);
                    String path = s.containerPath() + ".resources." + kind + "." + resource;
                    String text = quantity == null ? "sets no " + resource + " " + (request ? "request" : "limit")
                            : "sets " + resource + " " + (request ? "request " : "limit ") + quantity;
                    return List.of(FieldValue.of(amount.stripTrailingZeros().toPlainString(), path, text));
                });
    }

    private static BigDecimal amount(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return BigDecimal.ZERO;
        }
    }

    private static Field probe(String name, String field, Function<Container, Object> getter) {
        return container(name, ValueType.BOOLEAN, field + " is set", s -> List.of(FieldValue.bool(
                getter.apply(s.container().spec()) != null, s.containerPath() + "." + field, "defines a " + field,
                "has no " + field)));
    }

    // ---- containers: environment, mounts, ports ----

    private static List<Field> containerEnvironmentAndMounts() {
        return List.of(
                container("Environment Variable", ValueType.STRING, "SOURCE=NAME for each variable, SOURCE one of RAW,"
                        + " SECRET_KEY, CONFIG_MAP_KEY, FIELD, RESOURCE_FIELD; envFrom gives SECRET_REF=<secret> and"
                        + " CONFIG_MAP_REF=<configmap>. Values are never exposed", WorkloadFields::environment),
                container("Credential-Like Environment Value", ValueType.STRING, "names of variables whose literal value"
                        + " looks like a credential (private key, token, cloud key, password URL)",
                        s -> env(s).stream()
                                .filter(e -> e.var().getValue() != null && Credentials.looksLikeCredential(e.var().getValue()))
                                .map(e -> FieldValue.of(e.var().getName(), e.path() + ".value",
                                        "sets " + e.var().getName() + " to a literal value that looks like a credential"))
                                .toList()),
                container("Volume Mount Path", ValueType.STRING, "mountPath of each volume mount",
                        s -> mounts(s).stream().map(m -> FieldValue.of(m.mount().getMountPath(), m.path() + ".mountPath",
                                "mounts volume " + m.mount().getName() + " at " + m.mount().getMountPath())).toList()),
                container("Host Mount", ValueType.STRING, "host paths of hostPath volumes this container mounts",
                        s -> hostMounts(s, false)),
                container("Writable Host Mount", ValueType.STRING, "host paths of hostPath volumes this container mounts"
                        + " without readOnly", s -> hostMounts(s, true)),
                container("SubPath Mount", ValueType.BOOLEAN, "a volume mount uses subPath or subPathExpr",
                        s -> {
                            Optional<MountAt> sub = mounts(s).stream().filter(m -> m.mount().getSubPath() != null
                                    && !m.mount().getSubPath().isEmpty() || m.mount().getSubPathExpr() != null).findFirst();
                            return List.of(FieldValue.bool(sub.isPresent(), sub.map(m -> m.path() + ".subPath").orElse(""),
                                    "mounts volume " + sub.map(m -> m.mount().getName()).orElse("") + " with subPath",
                                    "uses no subPath mount"));
                        }),
                container("Mount Propagation", ValueType.STRING, "mountPropagation of each mount that sets it",
                        s -> mounts(s).stream().filter(m -> m.mount().getMountPropagation() != null)
                                .map(m -> FieldValue.of(m.mount().getMountPropagation(), m.path() + ".mountPropagation",
                                        "mounts " + m.mount().getName() + " with " + m.mount().getMountPropagation()
                                                + " propagation")).toList()),
                container("Exposed Port", ValueType.NUMBER, "containerPort of each declared port",
                        s -> ports(s).stream().map(p -> FieldValue.of(String.valueOf(p.port().getContainerPort()),
                                p.path() + ".containerPort", "listens on port " + p.port().getContainerPort() + "/"
                                        + protocol(p.port()))).toList()),
                container("Exposed Port Protocol", ValueType.STRING, "protocol of each declared port (TCP, UDP, SCTP)",
                        s -> ports(s).stream().map(p -> FieldValue.of(protocol(p.port()), p.path() + ".protocol",
                                "listens on " + protocol(p.port()))).toList()),
                container("Host Port", ValueType.NUMBER, "hostPort of each port that sets one",
                        s -> ports(s).stream().filter(p -> p.port().getHostPort() != null && p.port().getHostPort() > 0)
                                .map(p -> FieldValue.of(String.valueOf(p.port().getHostPort()), p.path() + ".hostPort",
                                        "opens port " + p.port().getHostPort() + "/" + protocol(p.port())
                                                + " on the node (hostPort)")).toList()));
    }

    record EnvAt(EnvVar var, String path) {
    }

    private static List<EnvAt> env(Subject s) {
        List<EnvVar> vars = s.container().spec().getEnv();
        if (vars == null) {
            return List.of();
        }
        List<EnvAt> result = new ArrayList<>(vars.size());
        for (int i = 0; i < vars.size(); i++) {
            result.add(new EnvAt(vars.get(i), s.containerPath() + ".env[" + i + "]"));
        }
        return result;
    }

    private static List<FieldValue> environment(Subject s) {
        List<FieldValue> values = new ArrayList<>();
        for (EnvAt at : env(s)) {
            EnvVar var = at.var();
            var from = var.getValueFrom();
            if (from == null) {
                values.add(FieldValue.of("RAW=" + var.getName(), at.path() + ".value",
                        "sets " + var.getName() + " to a literal value"));
            } else if (from.getSecretKeyRef() != null) {
                values.add(FieldValue.of("SECRET_KEY=" + var.getName(), at.path() + ".valueFrom.secretKeyRef",
                        "reads " + var.getName() + " from secret " + from.getSecretKeyRef().getName() + " key "
                                + from.getSecretKeyRef().getKey()));
            } else if (from.getConfigMapKeyRef() != null) {
                values.add(FieldValue.of("CONFIG_MAP_KEY=" + var.getName(), at.path() + ".valueFrom.configMapKeyRef",
                        "reads " + var.getName() + " from configmap " + from.getConfigMapKeyRef().getName()));
            } else if (from.getFieldRef() != null) {
                values.add(FieldValue.of("FIELD=" + var.getName(), at.path() + ".valueFrom.fieldRef",
                        "reads " + var.getName() + " from field " + from.getFieldRef().getFieldPath()));
            } else if (from.getResourceFieldRef() != null) {
                values.add(FieldValue.of("RESOURCE_FIELD=" + var.getName(), at.path() + ".valueFrom.resourceFieldRef",
                        "reads " + var.getName() + " from a resource field"));
            }
        }
        List<EnvFromSource> envFrom = s.container().spec().getEnvFrom();
        if (envFrom != null) {
            for (int i = 0; i < envFrom.size(); i++) {
                EnvFromSource source = envFrom.get(i);
                String path = s.containerPath() + ".envFrom[" + i + "]";
                if (source.getSecretRef() != null) {
                    values.add(FieldValue.of("SECRET_REF=" + source.getSecretRef().getName(), path + ".secretRef",
                            "loads every key of secret " + source.getSecretRef().getName() + " into its environment"));
                }
                if (source.getConfigMapRef() != null) {
                    values.add(FieldValue.of("CONFIG_MAP_REF=" + source.getConfigMapRef().getName(),
                            path + ".configMapRef", "loads configmap " + source.getConfigMapRef().getName()
                                    + " into its environment"));
                }
            }
        }
        return values;
    }

    record MountAt(VolumeMount mount, String path) {
    }

    private static List<MountAt> mounts(Subject s) {
        List<VolumeMount> mounts = s.container().spec().getVolumeMounts();
        if (mounts == null) {
            return List.of();
        }
        List<MountAt> result = new ArrayList<>(mounts.size());
        for (int i = 0; i < mounts.size(); i++) {
            result.add(new MountAt(mounts.get(i), s.containerPath() + ".volumeMounts[" + i + "]"));
        }
        return result;
    }

    private static List<FieldValue> hostMounts(Subject s, boolean writableOnly) {
        List<FieldValue> values = new ArrayList<>();
        for (MountAt at : mounts(s)) {
            if (writableOnly && Boolean.TRUE.equals(at.mount().getReadOnly())) {
                continue;
            }
            for (IndexedVolume v : volumes(s)) {
                if (v.volume().getName().equals(at.mount().getName()) && v.volume().getHostPath() != null) {
                    String hostPath = v.volume().getHostPath().getPath();
                    boolean writable = !Boolean.TRUE.equals(at.mount().getReadOnly());
                    values.add(FieldValue.of(hostPath, at.path(), "mounts host path " + hostPath
                            + (writable ? " writable" : " read-only") + " at " + at.mount().getMountPath()));
                }
            }
        }
        return values;
    }

    record PortAt(ContainerPort port, String path) {
    }

    private static List<PortAt> ports(Subject s) {
        List<ContainerPort> ports = s.container().spec().getPorts();
        if (ports == null) {
            return List.of();
        }
        List<PortAt> result = new ArrayList<>(ports.size());
        for (int i = 0; i < ports.size(); i++) {
            result.add(new PortAt(ports.get(i), s.containerPath() + ".ports[" + i + "]"));
        }
        return result;
    }

    static String protocol(ContainerPort port) {
        return port.getProtocol() == null ? "TCP" : port.getProtocol();
    }

}
