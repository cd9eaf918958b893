package dev.palisade.pss;

import static dev.palisade.pss.Words.containers;
import static dev.palisade.pss.Words.plural;
import static dev.palisade.pss.Words.quoted;

import dev.palisade.inventory.Volumes;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The checks of the Pod Security Standards, with the behaviour of each Kubernetes version, as the
 * pod-security-admission library implements them. Each returns a violation or empty.
 *
 * @param id        the check id used by the admission library
 * @param level     the level that introduces it
 * @param since     the first Kubernetes minor version that has it
 * @param overrides the baseline check it replaces at restricted (from {@code since}), or null
 */
record PssCheck(String id, PssLevel level, int since, String overrides,
                java.util.function.BiFunction<PodView, PssVersion, Optional<PssViolation>> rule) {

    Optional<PssViolation> evaluate(PodView pod, PssVersion version) {
        return rule.apply(pod, version);
    }

    static final Set<String> DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    /** Volume sources restricted allows; a volume without a source is an emptyDir once the API server defaults it. */
    static final Set<String> RESTRICTED_VOLUMES_ALLOWED = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret", "none");

    /** Every check, in the order the admission library reports them. */
    static final List<PssCheck> ALL = List.of(
            new PssCheck("allowPrivilegeEscalation", PssLevel.RESTRICTED, 8, null, PssCheck::allowPrivilegeEscalation),
            new PssCheck("appArmorProfile", PssLevel.BASELINE, 0, null, PssCheck::appArmorProfile),
            new PssCheck("capabilities_baseline", PssLevel.BASELINE, 0, null, PssCheck::capabilitiesBaseline),
            new PssCheck("capabilities_restricted", PssLevel.RESTRICTED, 22, "capabilities_baseline",
                    PssCheck::capabilitiesRestricted),
            new PssCheck("hostNamespaces", PssLevel.BASELINE, 0, null, PssCheck::hostNamespaces),
            new PssCheck("hostPathVolumes", PssLevel.BASELINE, 0, null, PssCheck::hostPathVolumes),
            new PssCheck("hostPorts", PssLevel.BASELINE, 0, null, PssCheck::hostPorts),
            new PssCheck("hostProbesAndHostLifecycle", PssLevel.BASELINE, 34, null, PssCheck::hostProbesAndLifecycle),
            new PssCheck("privileged", PssLevel.BASELINE, 0, null, PssCheck::privileged),
            new PssCheck("procMount", PssLevel.BASELINE, 0, null, PssCheck::procMountBaseline),
            new PssCheck("procMount_restricted", PssLevel.RESTRICTED, 35, "procMount", PssCheck::procMountRestricted),
            new PssCheck("restrictedVolumes", PssLevel.RESTRICTED, 0, "hostPathVolumes", PssCheck::restrictedVolumes),
            new PssCheck("runAsNonRoot", PssLevel.RESTRICTED, 0, null, PssCheck::runAsNonRoot),
            new PssCheck("runAsUser", PssLevel.RESTRICTED, 23, null, PssCheck::runAsUser),
            new PssCheck("seLinuxOptions", PssLevel.BASELINE, 0, null, PssCheck::seLinuxOptions),
            new PssCheck("seccompProfile_baseline", PssLevel.BASELINE, 0, null, PssCheck::seccompBaseline),
            new PssCheck("seccompProfile_restricted", PssLevel.RESTRICTED, 19, "seccompProfile_baseline",
                    PssCheck::seccompRestricted),
            new PssCheck("sysctls", PssLevel.BASELINE, 0, null, PssCheck::sysctls),
            new PssCheck("windowsHostProcess", PssLevel.BASELINE, 0, null, PssCheck::windowsHostProcess));

    private static Optional<PssViolation> violation(String id, String reason, String detail) {
        return Optional.of(new PssViolation(id, reason, detail));
    }

    private static <T> T sc(PodView.PodContainer c, Function<SecurityContext, T> field) {
        return c.securityContext() == null ? null : field.apply(c.securityContext());
    }

    private static <T> T pod(PodView pod, Function<PodSecurityContext, T> field) {
        return pod.podSecurityContext() == null ? null : field.apply(pod.podSecurityContext());
    }

    // ---- restricted ----

    private static Optional<PssViolation> allowPrivilegeEscalation(PodView pod, PssVersion version) {
        if (version.atLeast(25) && pod.windows()) {
            return Optional.empty();
        }
        List<String> bad = pod.containers().stream()
                .filter(c -> !Boolean.FALSE.equals(sc(c, SecurityContext::getAllowPrivilegeEscalation)))
                .map(PodView.PodContainer::name).toList();
        return bad.isEmpty() ? Optional.empty() : violation("allowPrivilegeEscalation",
                "allowPrivilegeEscalation != false",
                containers(bad) + " must set securityContext.allowPrivilegeEscalation=false");
    }

    private static Optional<PssViolation> capabilitiesRestricted(PodView pod, PssVersion version) {
        if (version.atLeast(25) && pod.windows()) {
            return Optional.empty();
        }
        List<String> notDropped = new ArrayList<>();
        List<String> adding = new ArrayList<>();
        Set<String> added = new LinkedHashSet<>();
        for (PodView.PodContainer c : pod.containers()) {
            Capabilities capabilities = sc(c, SecurityContext::getCapabilities);
            List<String> drop = capabilities == null ? List.of() : PodView.orEmpty(capabilities.getDrop());
            if (!drop.contains("ALL")) {
                notDropped.add(c.name());
            }
            List<String> add = capabilities == null ? List.of() : PodView.orEmpty(capabilities.getAdd());
            List<String> forbidden = add.stream().filter(a -> !a.equals("NET_BIND_SERVICE")).toList();
            if (!forbidden.isEmpty()) {
                adding.add(c.name());
                added.addAll(forbidden);
            }
        }
        List<String> details = new ArrayList<>();
        if (!notDropped.isEmpty()) {
            details.add(containers(notDropped) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        if (!adding.isEmpty()) {
            details.add(containers(adding) + " must not include " + quoted(added)
                    + " in securityContext.capabilities.add");
        }
        return details.isEmpty() ? Optional.empty()
                : violation("capabilities_restricted", "unrestricted capabilities", String.join("; ", details));
    }

    private static Optional<PssViolation> restrictedVolumes(PodView pod, PssVersion version) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> types = new TreeSet<>();
        for (Volume volume : PodView.orEmpty(pod.spec().getVolumes())) {
            String type = Volumes.type(volume);
            if (!RESTRICTED_VOLUMES_ALLOWED.contains(type)) {
                names.add(volume.getName());
                types.add(type);
            }
        }
        return names.isEmpty() ? Optional.empty() : violation("restrictedVolumes", "restricted volume types",
                plural("volume", "volumes", names.size()) + " " + quoted(names) + " "
                        + plural("uses", "use", names.size()) + " restricted volume "
                        + plural("type", "types", types.size()) + " " + quoted(types));
    }

    private static Optional<PssViolation> runAsNonRoot(PodView pod, PssVersion version) {
        if (version.atLeast(35) && pod.userNamespace()) {
            return Optional.empty();
        }
        Boolean podValue = pod(pod, PodSecurityContext::getRunAsNonRoot);
        List<String> details = new ArrayList<>();
        if (Boolean.FALSE.equals(podValue)) {
            details.add("pod must not set securityContext.runAsNonRoot=false");
        }
        List<String> explicitlyFalse = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        for (PodView.PodContainer c : pod.containers()) {
            Boolean value = sc(c, SecurityContext::getRunAsNonRoot);
            if (Boolean.FALSE.equals(value)) {
                explicitlyFalse.add(c.name());
            } else if (value == null) {
                unset.add(c.name());
            }
        }
        if (!explicitlyFalse.isEmpty()) {
            details.add(containers(explicitlyFalse) + " must not set securityContext.runAsNonRoot=false");
        }
        if (podValue == null && !unset.isEmpty()) {
            details.add("pod or " + containers(unset) + " must set securityContext.runAsNonRoot=true");
        }
        return details.isEmpty() ? Optional.empty()
                : violation("runAsNonRoot", "runAsNonRoot != true", String.join("; ", details));
    }

    private static Optional<PssViolation> runAsUser(PodView pod, PssVersion version) {
        if (version.atLeast(35) && pod.userNamespace()) {
            return Optional.empty();
        }
        List<String> details = new ArrayList<>();
        Long podUser = pod(pod, PodSecurityContext::getRunAsUser);
        if (podUser != null && podUser == 0) {
            details.add("pod must not set runAsUser=0");
        }
        List<String> bad = pod.containers().stream().filter(c -> {
            Long user = sc(c, SecurityContext::getRunAsUser);
            return user != null && user == 0;
        }).map(PodView.PodContainer::name).toList();
        if (!bad.isEmpty()) {
            details.add(containers(bad) + " must not set runAsUser=0");
        }
        return details.isEmpty() ? Optional.empty()
                : violation("runAsUser", "runAsUser=0", String.join("; ", details));
    }

    private static Optional<PssViolation> seccompRestricted(PodView pod, PssVersion version) {
        if (version.atLeast(25) && pod.windows()) {
            return Optional.empty();
        }
        String podType = seccompType(pod(pod, PodSecurityContext::getSeccompProfile));
        List<String> details = new ArrayList<>();
        boolean podValid = "RuntimeDefault".equals(podType) || "Localhost".equals(podType);
        if (podType != null && !podValid) {
            details.add("pod must not set securityContext.seccompProfile.type to " + quoted(List.of(podType)));
        }
        List<String> invalid = new ArrayList<>();
        Set<String> invalidTypes = new LinkedHashSet<>();
        List<String> unset = new ArrayList<>();
        for (PodView.PodContainer c : pod.containers()) {
            String type = seccompType(sc(c, SecurityContext::getSeccompProfile));
            if (type == null) {
                unset.add(c.name());
            } else if (!type.equals("RuntimeDefault") && !type.equals("Localhost")) {
                invalid.add(c.name());
                invalidTypes.add(type);
            }
        }
        if (!invalid.isEmpty()) {
            details.add(containers(invalid) + " must not set securityContext.seccompProfile.type to "
                    + quoted(invalidTypes));
        }
        if (!podValid && !unset.isEmpty()) {
            details.add("pod or " + containers(unset)
                    + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
        }
        return details.isEmpty() ? Optional.empty()
                : violation("seccompProfile_restricted", "seccompProfile", String.join("; ", details));
    }

    private static String seccompType(SeccompProfile profile) {
        return profile == null ? null : profile.getType();
    }

    private static Optional<PssViolation> procMountRestricted(PodView pod, PssVersion version) {
        return procMount(pod, "procMount_restricted");
    }

    // ---- baseline ----

    private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

    private static Optional<PssViolation> appArmorProfile(PodView pod, PssVersion version) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> annotation : new java.util.TreeMap<>(pod.annotations()).entrySet()) {
            if (annotation.getKey().startsWith(APPARMOR_ANNOTATION)) {
                String value = annotation.getValue();
                if (!(value.equals("runtime/default") || value.startsWith("localhost/"))) {
                    bad.add(annotation.getKey() + "=" + quoted(List.of(value)));
                }
            }
        }
        String podType = pod(pod, p -> p.getAppArmorProfile() == null ? null : p.getAppArmorProfile().getType());
        if (podType != null && !allowedAppArmor(podType)) {
            bad.add("pod securityContext.appArmorProfile.type=" + quoted(List.of(podType)));
        }
        for (PodView.PodContainer c : pod.containers()) {
            String type = sc(c, s -> s.getAppArmorProfile() == null ? null : s.getAppArmorProfile().getType());
            if (type != null && !allowedAppArmor(type)) {
                bad.add("container " + quoted(List.of(c.name())) + " securityContext.appArmorProfile.type="
                        + quoted(List.of(type)));
            }
        }
        return bad.isEmpty() ? Optional.empty() : violation("appArmorProfile",
                plural("forbidden AppArmor profile", "forbidden AppArmor profiles", bad.size()), String.join(", ", bad));
    }

    private static boolean allowedAppArmor(String type) {
        return type.equals("RuntimeDefault") || type.equals("Localhost");
    }

    private static Optional<PssViolation> capabilitiesBaseline(PodView pod, PssVersion version) {
        List<String> bad = new ArrayList<>();
        Set<String> added = new LinkedHashSet<>();
        for (PodView.PodContainer c : pod.containers()) {
            Capabilities capabilities = sc(c, SecurityContext::getCapabilities);
            List<String> forbidden = capabilities == null ? List.of() : PodView.orEmpty(capabilities.getAdd()).stream()
                    .filter(a -> !DEFAULT_CAPABILITIES.contains(a)).toList();
            if (!forbidden.isEmpty()) {
                bad.add(c.name());
                added.addAll(forbidden);
            }
        }
        return bad.isEmpty() ? Optional.empty() : violation("capabilities_baseline", "non-default capabilities",
                containers(bad) + " must not include " + quoted(added) + " in securityContext.capabilities.add");
    }

    private static Optional<PssViolation> hostNamespaces(PodView pod, PssVersion version) {
        List<String> used = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.spec().getHostNetwork())) {
            used.add("hostNetwork=true");
        }
        if (Boolean.TRUE.equals(pod.spec().getHostPID())) {
            used.add("hostPID=true");
        }
        if (Boolean.TRUE.equals(pod.spec().getHostIPC())) {
            used.add("hostIPC=true");
        }
        return used.isEmpty() ? Optional.empty() : violation("hostNamespaces", "host namespaces", String.join(", ", used));
    }

    private static Optional<PssViolation> hostPathVolumes(PodView pod, PssVersion version) {
        List<String> names = PodView.orEmpty(pod.spec().getVolumes()).stream().filter(v -> v.getHostPath() != null)
                .map(Volume::getName).toList();
        return names.isEmpty() ? Optional.empty() : violation("hostPathVolumes", "hostPath volumes",
                plural("volume", "volumes", names.size()) + " " + quoted(names));
    }

    private static Optional<PssViolation> hostPorts(PodView pod, PssVersion version) {
        List<String> bad = new ArrayList<>();
        Set<String> ports = new LinkedHashSet<>();
        for (PodView.PodContainer c : pod.containers()) {
            boolean uses = false;
            for (ContainerPort port : c.ports()) {
                if (port.getHostPort() != null && port.getHostPort() != 0) {
                    uses = true;
                    ports.add(String.valueOf(port.getHostPort()));
                }
            }
            if (uses) {
                bad.add(c.name());
            }
        }
        return bad.isEmpty() ? Optional.empty() : violation("hostPorts", "hostPort", containers(bad) + " "
                + plural("uses", "use", bad.size()) + " " + plural("hostPort", "hostPorts", ports.size()) + " "
                + String.join(", ", ports));
    }

    private static Optional<PssViolation> hostProbesAndLifecycle(PodView pod, PssVersion version) {
        List<String> bad = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (PodView.PodContainer c : pod.containers()) {
            Set<String> containerHosts = new LinkedHashSet<>();
            for (Probe probe : c.probes()) {
                addHost(containerHosts, probe.getHttpGet(), probe.getTcpSocket());
            }
            if (c.lifecycle() != null) {
                for (LifecycleHandler handler : new LifecycleHandler[] {c.lifecycle().getPostStart(),
                        c.lifecycle().getPreStop()}) {
                    if (handler != null) {
                        addHost(containerHosts, handler.getHttpGet(), handler.getTcpSocket());
                    }
                }
            }
            if (!containerHosts.isEmpty()) {
                bad.add(c.name());
                hosts.addAll(containerHosts);
            }
        }
        return bad.isEmpty() ? Optional.empty() : violation("hostProbesAndHostLifecycle", "probe or lifecycle host",
                containers(bad) + " " + plural("uses", "use", bad.size()) + " probe or lifecycle "
                        + plural("host", "hosts", hosts.size()) + " " + quoted(hosts));
    }

    private static void addHost(Set<String> hosts, HTTPGetAction http, TCPSocketAction tcp) {
        if (http != null && http.getHost() != null && !http.getHost().isEmpty()) {
            hosts.add(http.getHost());
        }
        if (tcp != null && tcp.getHost() != null && !tcp.getHost().isEmpty()) {
            hosts.add(tcp.getHost());
        }
    }

    private static Optional<PssViolation> privileged(PodView pod, PssVersion version) {
        List<String> bad = pod.containers().stream()
                .filter(c -> Boolean.TRUE.equals(sc(c, SecurityContext::getPrivileged)))
                .map(PodView.PodContainer::name).toList();
        return bad.isEmpty() ? Optional.empty() : violation("privileged", "privileged",
                containers(bad) + " must not set securityContext.privileged=true");
    }

    private static Optional<PssViolation> procMountBaseline(PodView pod, PssVersion version) {
        if (version.atLeast(35) && pod.userNamespace()) {
            return Optional.empty();
        }
        return procMount(pod, "procMount");
    }

    private static Optional<PssViolation> procMount(PodView pod, String id) {
        List<String> bad = new ArrayList<>();
        Set<String> values = new LinkedHashSet<>();
        for (PodView.PodContainer c : pod.containers()) {
            String value = sc(c, SecurityContext::getProcMount);
            if (value != null && !value.equals("Default")) {
                bad.add(c.name());
                values.add(value);
            }
        }
        return bad.isEmpty() ? Optional.empty() : violation(id, "procMount", containers(bad)
                + " must not set securityContext.procMount to " + quoted(values));
    }

    private static Optional<PssViolation> seLinuxOptions(PodView pod, PssVersion version) {
        Set<String> allowedTypes = new java.util.HashSet<>(Set.of("", "container_t", "container_init_t",
                "container_kvm_t"));
        if (version.atLeast(31)) {
            allowedTypes.add("container_engine_t");
        }
        Set<String> types = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        Set<String> roles = new LinkedHashSet<>();
        List<String> where = new ArrayList<>();
        boolean podBad = check(pod(pod, PodSecurityContext::getSeLinuxOptions), allowedTypes, types, users, roles);
        for (PodView.PodContainer c : pod.containers()) {
            if (check(sc(c, SecurityContext::getSeLinuxOptions), allowedTypes, types, users, roles)) {
                where.add(c.name());
            }
        }
        if (!podBad && where.isEmpty()) {
            return Optional.empty();
        }
        List<String> forbidden = new ArrayList<>();
        if (!types.isEmpty()) {
            forbidden.add(plural("type", "types", types.size()) + " " + quoted(types));
        }
        if (!users.isEmpty()) {
            forbidden.add(plural("user", "users", users.size()) + " " + quoted(users));
        }
        if (!roles.isEmpty()) {
            forbidden.add(plural("role", "roles", roles.size()) + " " + quoted(roles));
        }
        String subject = podBad ? (where.isEmpty() ? "pod" : "pod and " + containers(where)) : containers(where);
        return violation("seLinuxOptions", "seLinuxOptions", subject + " set forbidden securityContext.seLinuxOptions: "
                + String.join("; ", forbidden));
    }

    private static boolean check(SELinuxOptions options, Set<String> allowedTypes, Set<String> types, Set<String> users,
                                 Set<String> roles) {
        if (options == null) {
            return false;
        }
        boolean bad = false;
        String type = options.getType() == null ? "" : options.getType();
        if (!allowedTypes.contains(type)) {
            types.add(type);
            bad = true;
        }
        if (options.getUser() != null && !options.getUser().isEmpty()) {
            users.add(options.getUser());
            bad = true;
        }
        if (options.getRole() != null && !options.getRole().isEmpty()) {
            roles.add(options.getRole());
            bad = true;
        }
        return bad;
    }

    private static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    private static final String SECCOMP_CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/";

    private static Optional<PssViolation> seccompBaseline(PodView pod, PssVersion version) {
        List<String> details = new ArrayList<>();
        List<String> badAnnotations = new ArrayList<>();
        for (Map.Entry<String, String> annotation : new java.util.TreeMap<>(pod.annotations()).entrySet()) {
            String key = annotation.getKey();
            if (key.equals(SECCOMP_POD_ANNOTATION) || key.startsWith(SECCOMP_CONTAINER_ANNOTATION)) {
                String value = annotation.getValue();
                if (!(value.equals("runtime/default") || value.equals("docker/default") || value.startsWith("localhost/"))) {
                    badAnnotations.add(key + "=" + quoted(List.of(value)));
                }
            }
        }
        if (!badAnnotations.isEmpty()) {
            details.add("forbidden " + plural("annotation", "annotations", badAnnotations.size()) + " "
                    + String.join(", ", badAnnotations));
        }
        String podType = seccompType(pod(pod, PodSecurityContext::getSeccompProfile));
        if ("Unconfined".equals(podType)) {
            details.add("pod must not set securityContext.seccompProfile.type to \"Unconfined\"");
        }
        List<String> bad = pod.containers().stream()
                .filter(c -> "Unconfined".equals(seccompType(sc(c, SecurityContext::getSeccompProfile))))
                .map(PodView.PodContainer::name).toList();
        if (!bad.isEmpty()) {
            details.add(containers(bad) + " must not set securityContext.seccompProfile.type to \"Unconfined\"");
        }
        return details.isEmpty() ? Optional.empty()
                : violation("seccompProfile_baseline", "seccompProfile", String.join("; ", details));
    }

    private static final List<Map.Entry<Integer, List<String>>> SAFE_SYSCTLS = List.of(
            Map.entry(0, List.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
                    "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range")),
            Map.entry(27, List.of("net.ipv4.ip_local_reserved_ports")),
            Map.entry(29, List.of("net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
                    "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes")),
            Map.entry(32, List.of("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem")),
            Map.entry(37, List.of("net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat")));

    /** The sysctls the baseline level allows at a version. */
    static Set<String> safeSysctls(PssVersion version) {
        Set<String> safe = new java.util.HashSet<>();
        SAFE_SYSCTLS.stream().filter(e -> version.atLeast(e.getKey())).forEach(e -> safe.addAll(e.getValue()));
        return safe;
    }

    private static Optional<PssViolation> sysctls(PodView pod, PssVersion version) {
        Set<String> safe = safeSysctls(version);
        List<String> bad = PodView.orEmpty(pod(pod, PodSecurityContext::getSysctls)).stream().map(Sysctl::getName)
                .filter(name -> !safe.contains(name)).toList();
        return bad.isEmpty() ? Optional.empty() : violation("sysctls",
                plural("forbidden sysctl", "forbidden sysctls", bad.size()), String.join(", ", bad));
    }

    private static Optional<PssViolation> windowsHostProcess(PodView pod, PssVersion version) {
        boolean podHostProcess = Boolean.TRUE.equals(pod(pod, p -> hostProcess(p.getWindowsOptions())));
        List<String> bad = pod.containers().stream()
                .filter(c -> Boolean.TRUE.equals(sc(c, s -> hostProcess(s.getWindowsOptions()))))
                .map(PodView.PodContainer::name).toList();
        if (!podHostProcess && bad.isEmpty()) {
            return Optional.empty();
        }
        String subject = podHostProcess ? (bad.isEmpty() ? "pod" : "pod and " + containers(bad)) : containers(bad);
        return violation("windowsHostProcess", "hostProcess",
                subject + " must not set securityContext.windowsOptions.hostProcess=true");
    }

    private static Boolean hostProcess(WindowsSecurityContextOptions options) {
        return options == null ? null : options.getHostProcess();
    }
}
