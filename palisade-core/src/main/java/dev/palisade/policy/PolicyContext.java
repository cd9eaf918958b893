package dev.palisade.policy;

import dev.palisade.image.RegistryMatcher;
import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Selectors;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.ownership.OwnerResolver;
import dev.palisade.scan.ScanConfig;
import dev.palisade.vuln.ImageScans;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import dev.palisade.network.ConnectivityMap;
import dev.palisade.network.ParsedPolicy;
import dev.palisade.network.Reachability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything fields may consult beyond their subject: the snapshot with indexes built once, the scan
 * configuration and its evidence (image scans), and the day (for exclusion expiry).
 */
public final class PolicyContext {

    private final Snapshot snapshot;
    private final ScanConfig config;
    private final LocalDate today;
    private final RegistryMatcher trustedRegistries;
    private final OwnerResolver owners;
    private final Map<String, List<KubeObject>> byNamespaceAndKind;
    private final Optional<ImageScans> imageScans;

    public PolicyContext(Snapshot snapshot, ScanConfig config, LocalDate today) {
        this.snapshot = snapshot;
        this.config = config;
        this.today = today;
        this.trustedRegistries = new RegistryMatcher(config.trustedRegistries());
        this.owners = new OwnerResolver(snapshot, config);
        this.byNamespaceAndKind = snapshot.objects().stream()
                .collect(Collectors.groupingBy(o -> o.ref().namespace() + "/" + o.ref().kind()));
        this.imageScans = config.evidence().get(ImageScans.class);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ScanConfig config() {
        return config;
    }

    public LocalDate today() {
        return today;
    }

    /** The image scan results, or empty when the scan did not scan images ({@code palisade scan --scan-images}). */
    public Optional<ImageScans> imageScans() {
        return imageScans;
    }

    /** The moment image and scan ages are measured at: the image scans', else the start of {@link #today()} (UTC). */
    public Instant imageScanMoment() {
        return imageScans.map(ImageScans::at).orElseGet(() -> today.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public String cluster() {
        return snapshot.info().cluster();
    }

    public RegistryMatcher trustedRegistries() {
        return trustedRegistries;
    }

    public OwnerResolver owners() {
        return owners;
    }

    /** Objects of one kind in one namespace. */
    public List<KubeObject> inNamespace(String namespace, String kind) {
        return byNamespaceAndKind.getOrDefault(namespace + "/" + kind, List.of());
    }

    public Optional<KubeObject> namespace(String name) {
        return snapshot.find(new ObjectRef("v1", "Namespace", "", name));
    }

    public boolean systemNamespace(String namespace) {
        return config.systemNamespaces().contains(namespace);
    }

    public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
        return inNamespace(namespace, "ServiceAccount").stream()
                .filter(o -> o.ref().name().equals(name))
                .flatMap(o -> o.as(ServiceAccount.class).stream())
                .findFirst();
    }

    /**
     * Whether NetworkPolicies isolate every pod of the workload in a direction, as the network engine evaluates
     * them (live pods with their own labels; the template for manifests).
     */
    public boolean isolated(Workload workload, ParsedPolicy.Direction direction) {
        var network = network();
        var classes = network.classesOfWorkload().get(workload);
        return classes != null && !classes.isEmpty()
                && classes.stream().allMatch(c -> network.reachability().isolated(c, direction));
    }

    private record Network(Reachability reachability,
                           Map<Workload, java.util.Set<Reachability.PodClass>> classesOfWorkload) {
    }

    private volatile Network network;

    /** Computed on first use: policies without network fields never pay for it. */
    private Network network() {
        Network result = network;
        if (result == null) {
            synchronized (this) {
                if (network == null) {
                    Reachability reachability = Reachability.of(snapshot);
                    network = new Network(reachability, ConnectivityMap.classesOfWorkload(reachability));
                }
                result = network;
            }
        }
        return result;
    }

    public boolean hasDisruptionBudget(Workload workload) {
        return inNamespace(workload.namespace(), "PodDisruptionBudget").stream()
                .flatMap(o -> o.as(PodDisruptionBudget.class).stream())
                .anyMatch(p -> p.getSpec() != null && Selectors.matches(p.getSpec().getSelector(), workload.podLabels()));
    }

    /** Services of the workload's namespace whose selector matches its pods. */
    public List<Service> servicesSelecting(Workload workload) {
        return inNamespace(workload.namespace(), "Service").stream()
                .flatMap(o -> o.as(Service.class).stream())
                .filter(s -> s.getSpec() != null && Selectors.matchesMap(s.getSpec().getSelector(), workload.podLabels()))
                .toList();
    }

    /** Workloads of a namespace whose pods a map selector matches (Service backends). */
    public List<Workload> workloadsSelected(String namespace, Map<String, String> selector) {
        return workloadsByNamespace().getOrDefault(namespace, List.of()).stream()
                .filter(w -> Selectors.matchesMap(selector, w.podLabels()))
                .toList();
    }

    /** How many workloads a namespace holds. */
    public int workloadCount(String namespace) {
        return workloadsByNamespace().getOrDefault(namespace, List.of()).size();
    }

    private Map<String, List<Workload>> workloadsByNamespace;

    private synchronized Map<String, List<Workload>> workloadsByNamespace() {
        if (workloadsByNamespace == null) {
            Map<String, List<Workload>> map = new HashMap<>();
            snapshot.workloads().forEach(w -> map.computeIfAbsent(w.namespace(), k -> new java.util.ArrayList<>()).add(w));
            workloadsByNamespace = map;
        }
        return workloadsByNamespace;
    }
}
