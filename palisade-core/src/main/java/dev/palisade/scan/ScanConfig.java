package dev.palisade.scan;

import dev.palisade.compliance.NodeFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scan needs beyond the inventory; read from {@code palisade.yaml} and command-line options.
 *
 * @param trustedRegistries registry hosts (or host/path prefixes) the organisation trusts; empty = not configured
 * @param ownerKeys         label and annotation keys that name a workload's owning team, in order of preference
 * @param systemNamespaces  namespaces that belong to the platform rather than to application teams
 * @param policies          which policies run and how
 * @param teams             team mapping rules for workloads no owner key names, first match wins
 * @param nodeFacts         what {@code palisade node-facts} collected on the cluster's nodes (one per node), for the
 *                          compliance controls judged on nodes; empty when none was given
 * @param evidence          data beyond the inventory: image scans, observed flows, runtime alerts
 */
public record ScanConfig(List<String> trustedRegistries, List<String> ownerKeys, Set<String> systemNamespaces,
                         PolicySettings policies, List<TeamRule> teams, List<NodeFacts> nodeFacts, Evidence evidence) {

    /**
     * Maps workloads to a team by namespace and labels ({@code *} and {@code ?} wildcards); a rule with neither
     * matches nothing.
     */
    public record TeamRule(String team, List<String> namespaces, Map<String, String> labels) {

        public TeamRule {
            namespaces = List.copyOf(namespaces);
            labels = Map.copyOf(labels);
        }

        public boolean matches(String namespace, Map<String, String> workloadLabels) {
            if (namespaces.isEmpty() && labels.isEmpty()) {
                return false;
            }
            boolean namespaceMatches = namespaces.isEmpty() || namespaces.stream().anyMatch(p -> glob(p, namespace));
            return namespaceMatches && labels.entrySet().stream().allMatch(e -> workloadLabels.containsKey(e.getKey())
                    && glob(e.getValue(), workloadLabels.get(e.getKey()) == null ? "" : workloadLabels.get(e.getKey())));
        }

        private static boolean glob(String pattern, String value) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            return value.matches(regex.toString());
        }
    }

    public static final List<String> DEFAULT_OWNER_KEYS = List.of("palisade.dev/owner", "owner", "team",
            "app.kubernetes.io/owner", "app.kubernetes.io/team");
    public static final Set<String> DEFAULT_SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public",
            "kube-node-lease");

    public ScanConfig {
        trustedRegistries = List.copyOf(trustedRegistries);
        ownerKeys = ownerKeys.isEmpty() ? DEFAULT_OWNER_KEYS : List.copyOf(ownerKeys);
        systemNamespaces = systemNamespaces.isEmpty() ? DEFAULT_SYSTEM_NAMESPACES : Set.copyOf(systemNamespaces);
        policies = policies == null ? PolicySettings.DEFAULTS : policies;
        teams = teams == null ? List.of() : List.copyOf(teams);
        nodeFacts = nodeFacts == null ? List.of() : List.copyOf(nodeFacts);
        evidence = evidence == null ? Evidence.NONE : evidence;
    }

    public ScanConfig(List<String> trustedRegistries, List<String> ownerKeys, Set<String> systemNamespaces,
                      PolicySettings policies) {
        this(trustedRegistries, ownerKeys, systemNamespaces, policies, List.of(), List.of(), Evidence.NONE);
    }

    public ScanConfig(List<String> trustedRegistries, List<String> ownerKeys, Set<String> systemNamespaces,
                      PolicySettings policies, List<NodeFacts> nodeFacts) {
        this(trustedRegistries, ownerKeys, systemNamespaces, policies, List.of(), nodeFacts, Evidence.NONE);
    }

    /** This configuration with more evidence. */
    public <T> ScanConfig with(Class<T> type, T item) {
        return new ScanConfig(trustedRegistries, ownerKeys, systemNamespaces, policies, teams, nodeFacts,
                evidence.with(type, item));
    }

    public ScanConfig(List<String> trustedRegistries, List<String> ownerKeys) {
        this(trustedRegistries, ownerKeys, Set.of(), PolicySettings.DEFAULTS);
    }

    public ScanConfig withNodeFacts(List<NodeFacts> facts) {
        return new ScanConfig(trustedRegistries, ownerKeys, systemNamespaces, policies, teams, facts, evidence);
    }

    public static ScanConfig defaults() {
        return new ScanConfig(List.of(), List.of());
    }

    /**
     * Policy selection and overrides.
     *
     * @param directories extra directories of policy YAML files, loaded after the default pack
     * @param disabled    ids of policies not to run
     * @param enabled     ids of policies to run although they are disabled by default
     * @param severities  severity overrides by id
     * @param enforcement enforcement overrides by id
     */
    public record PolicySettings(List<String> directories, Set<String> disabled, Set<String> enabled,
                                 Map<String, Severity> severities, Map<String, Enforcement> enforcement) {

        public static final PolicySettings DEFAULTS = new PolicySettings(List.of(), Set.of(), Set.of(), Map.of(),
                Map.of());

        public PolicySettings {
            directories = List.copyOf(directories);
            disabled = Set.copyOf(disabled);
            enabled = Set.copyOf(enabled);
            severities = Map.copyOf(severities);
            enforcement = Map.copyOf(enforcement);
        }
    }
}
