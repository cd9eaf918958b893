package dev.palisade.compliance;

import dev.palisade.compliance.ControlResult.MappingResult;
import dev.palisade.compliance.Evaluation.FileTest;
import dev.palisade.compliance.Evaluation.Mapping;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.NetworkGaps;
import dev.palisade.policy.Policy;
import dev.palisade.policy.PolicyPack;
import dev.palisade.policy.Target;
import dev.palisade.pss.PssEvaluator;
import dev.palisade.pss.PssVersion;
import dev.palisade.pss.PssViolation;
import dev.palisade.rbac.RbacAnalysis;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Evaluates catalogue controls on one inventory, its findings and its node facts. Each control is judged once per
 * engine (mapped controls reuse the results of the controls they name); the engine itself holds no rule about any
 * particular control: those are the catalogues' data.
 */
public final class ComplianceEngine {

    static final String NO_NODE_FACTS = "no node facts: run 'palisade node-facts' on every node and pass the files"
            + " with --node-facts DIR";

    private final Catalogue catalogue;
    private final Snapshot snapshot;
    private final List<NodeFacts> nodes;
    private final Set<String> checksRun;
    private final Set<String> clusterScopedChecks;
    private final Map<String, List<Finding>> findingsByCheck;
    private final Map<String, ControlResult> results = new HashMap<>();
    private Map<Workload, List<PssViolation>> podSecurity;
    private Map<Component, List<ControlPlane.Instance>> controlPlane;

    private ComplianceEngine(Catalogue catalogue, Snapshot snapshot, List<NodeFacts> nodes, Set<String> checksRun,
                             Set<String> clusterScopedChecks, List<Finding> findings) {
        this.catalogue = catalogue;
        this.snapshot = snapshot;
        this.nodes = List.copyOf(nodes);
        this.checksRun = checksRun;
        this.clusterScopedChecks = clusterScopedChecks;
        this.findingsByCheck = findings.stream().collect(Collectors.groupingBy(Finding::policy));
    }

    /**
     * An engine for a scan's snapshot and findings (the policies' and the analyses'), with the node facts of the
     * configuration. Checks the configuration disables are known, so that their silence is not taken for a pass.
     */
    public static ComplianceEngine of(Snapshot snapshot, ScanConfig config, List<Finding> findings) {
        Set<String> run = new HashSet<>();
        Set<String> clusterScoped = new HashSet<>(RbacAnalysis.policyIds());
        for (Policy policy : PolicyPack.load(config.policies()).policies()) {
            if (policy.enabled()) {
                run.add(policy.id());
            }
            if (policy.target() == Target.ROLEBINDING) {
                clusterScoped.add(policy.id());
            }
        }
        List<String> codeChecks = new ArrayList<>(RbacAnalysis.policyIds());
        codeChecks.addAll(NetworkGaps.checkIds());
        codeChecks.stream().filter(id -> !config.policies().disabled().contains(id)).forEach(run::add);
        return new ComplianceEngine(Catalogue.bundled(), snapshot, config.nodeFacts(), run, clusterScoped, findings);
    }

    public ComplianceReport evaluate(String standardId) {
        return evaluate(catalogue.require(standardId));
    }

    public ComplianceReport evaluate(Standard standard) {
        return new ComplianceReport(standard, snapshot.info().cluster(),
                standard.controls().stream().map(this::evaluate).toList());
    }

    ControlResult evaluate(Control control) {
        ControlResult result = results.get(control.key());
        if (result == null) {
            result = judge(control);
            results.put(control.key(), result);
        }
        return result;
    }

    private ControlResult judge(Control control) {
        Evaluation evaluation = control.evaluation();
        if (evaluation instanceof Evaluation.Checks checks) {
            return checks(control, checks.ids());
        }
        if (evaluation instanceof Evaluation.PodSecurity pss) {
            return podSecurity(control, pss.checks());
        }
        if (evaluation instanceof Evaluation.Settings settings) {
            return settings.component().controlPlane ? controlPlaneSettings(control, settings)
                    : nodeSettings(control, settings);
        }
        if (evaluation instanceof Evaluation.NodeFile file) {
            return nodeFile(control, file);
        }
        if (evaluation instanceof Evaluation.Mapped mapped) {
            return mapped(control, mapped);
        }
        return ControlResult.without(control, Status.MANUAL, ((Evaluation.Manual) evaluation).reason());
    }

    // Findings of Palisade checks: FAIL in the scope of each active finding, PASS in every other namespace (and in
    // the cluster scope for checks that can find cluster-scoped objects). Exempted findings are shown, not counted.
    private ControlResult checks(Control control, List<String> ids) {
        List<String> running = ids.stream().filter(checksRun::contains).toList();
        List<String> disabled = ids.stream().filter(id -> !checksRun.contains(id)).toList();
        String disabledNote = disabled.isEmpty() ? "" : "not evaluated, disabled in this configuration: "
                + String.join(", ", disabled) + " (enable in palisade.yaml policies.enable)";
        if (running.isEmpty()) {
            return ControlResult.without(control, Status.MANUAL, disabledNote);
        }
        Map<Scope, List<Evidence>> evidence = namespaceScopes();
        if (running.stream().anyMatch(clusterScopedChecks::contains)) {
            evidence.put(Scope.CLUSTER, new ArrayList<>());
        }
        for (String id : running) {
            for (Finding finding : findingsByCheck.getOrDefault(id, List.of())) {
                String subject = finding.resource() + (finding.container() == null ? ""
                        : " container " + finding.container());
                String detail = finding.policy() + ": " + finding.message()
                        + (finding.exempted() ? " (exempted: " + finding.exemption() + ")" : "");
                evidence.computeIfAbsent(scopeOf(finding.resource()), s -> new ArrayList<>()).add(new Evidence(
                        finding.active() ? Status.FAIL : Status.PASS, subject, detail, finding.location()));
            }
        }
        return ControlResult.judged(control, verdicts(evidence, "no namespace in the inventory"), disabledNote);
    }

    private Map<Scope, List<Evidence>> namespaceScopes() {
        Map<Scope, List<Evidence>> scopes = new TreeMap<>();
        snapshot.namespaces().forEach(ns -> scopes.put(Scope.namespace(ns), new ArrayList<>()));
        return scopes;
    }

    /** A namespaced object's namespace; a Namespace object is its own namespace; everything else is the cluster. */
    static Scope scopeOf(ObjectRef ref) {
        if (ref.namespaced()) {
            return Scope.namespace(ref.namespace());
        }
        return ref.kind().equals("Namespace") ? Scope.namespace(ref.name()) : Scope.CLUSTER;
    }

    /** A scope without evidence passes: nothing in it breaks the control. */
    private static List<Verdict> verdicts(Map<Scope, List<Evidence>> evidence, String whenNone) {
        if (evidence.isEmpty()) {
            return List.of(new Verdict(Scope.CLUSTER, Status.NOT_APPLICABLE,
                    List.of(new Evidence(Status.NOT_APPLICABLE, "inventory", whenNone, null))));
        }
        List<Verdict> verdicts = new ArrayList<>();
        evidence.forEach((scope, items) -> verdicts.add(items.isEmpty() ? new Verdict(scope, Status.PASS, List.of())
                : Verdict.of(scope, items)));
        return verdicts;
    }

    // Pod Security Standards checks on every workload's pod template, at the newest version Palisade knows.
    private ControlResult podSecurity(Control control, List<String> checks) {
        if (podSecurity == null) {
            podSecurity = new LinkedHashMap<>();
            snapshot.workloads().forEach(w -> podSecurity.put(w,
                    PssEvaluator.evaluateAllChecks(w.podAnnotations(), w.podSpec(), PssVersion.LATEST)));
        }
        Map<Scope, List<Evidence>> evidence = namespaceScopes();
        podSecurity.forEach((workload, violations) -> {
            List<String> messages = violations.stream().filter(v -> checks.contains(v.check()))
                    .map(PssViolation::message).toList();
            if (!messages.isEmpty()) {
                evidence.computeIfAbsent(Scope.namespace(workload.namespace()), s -> new ArrayList<>())
                        .add(new Evidence(Status.FAIL, workload.ref().toString(), String.join("; ", messages),
                                workload.source()));
            }
        });
        return ControlResult.judged(control, verdicts(evidence, "no namespace in the inventory"), "");
    }

    // Control-plane flags: from the static pods in kube-system, else from the processes in node facts.
    private ControlResult controlPlaneSettings(Control control, Evaluation.Settings settings) {
        if (controlPlane == null) {
            controlPlane = ControlPlane.instances(snapshot, nodes);
        }
        List<ControlPlane.Instance> instances = controlPlane.getOrDefault(settings.component(), List.of());
        if (instances.isEmpty()) {
            return ControlResult.without(control, Status.NOT_APPLICABLE, "no " + settings.component().binary
                    + " static pod in kube-system and no " + settings.component().binary + " process in node facts:"
                    + " a managed control plane, or an inventory without the kube-system pods");
        }
        List<Evidence> evidence = instances.stream().map(instance -> {
            SettingsEvaluator.Outcome outcome = SettingsEvaluator.evaluate(settings.test(),
                    new SettingsEvaluator.Settings(instance.flags(), instance.env(), null));
            return Evidence.of(outcome.pass(), instance.subject(), outcome.detail(), instance.location());
        }).toList();
        return ControlResult.judged(control, List.of(Verdict.of(Scope.CLUSTER, evidence)), "");
    }

    // Kubelet and kube-proxy settings, per node: flags win over the kubelet's configuration file.
    private ControlResult nodeSettings(Control control, Evaluation.Settings settings) {
        if (nodes.isEmpty()) {
            return ControlResult.without(control, Status.MANUAL, NO_NODE_FACTS);
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (NodeFacts node : nodes) {
            Scope scope = Scope.node(node.node());
            var process = node.process(settings.component());
            NodeFacts.KubeletConfig config = settings.component() == Component.KUBELET ? node.kubeletConfig() : null;
            if (process.isEmpty() && config == null) {
                verdicts.add(new Verdict(scope, Status.NOT_APPLICABLE, List.of(new Evidence(Status.NOT_APPLICABLE,
                        settings.component().binary, "no " + settings.component().binary + " on this node", null))));
                continue;
            }
            Flags flags = process.map(NodeFacts.Process::flags).orElse(Flags.parse(List.of()));
            SettingsEvaluator.Outcome outcome = SettingsEvaluator.evaluate(settings.test(),
                    new SettingsEvaluator.Settings(flags, Map.of(), config));
            verdicts.add(Verdict.of(scope, List.of(Evidence.of(outcome.pass(), settings.component().binary,
                    outcome.detail(), null))));
        }
        return ControlResult.judged(control, verdicts, "");
    }

    // Owner or permissions of the files of a role, per node; absent files and other nodes' roles do not count.
    private ControlResult nodeFile(Control control, Evaluation.NodeFile file) {
        if (nodes.isEmpty()) {
            return ControlResult.without(control, Status.MANUAL, NO_NODE_FACTS);
        }
        NodeFileRole role = NodeFileRole.bundled().get(file.role());
        List<Verdict> verdicts = new ArrayList<>();
        for (NodeFacts node : nodes) {
            Scope scope = Scope.node(node.node());
            List<NodeFacts.FileFact> facts = node.files(file.role());
            String missing = null;
            if (role.controlPlaneOnly() && !node.controlPlane()) {
                missing = "not a control-plane node";
            } else if (facts.isEmpty()) {
                missing = "role " + file.role() + " not collected";
            } else if (facts.stream().noneMatch(NodeFacts.FileFact::exists)) {
                missing = "absent: " + String.join(", ", facts.stream().map(NodeFacts.FileFact::path).toList());
            }
            // In a tree, permissions are judged on files (directories need their x bits), ownership on everything.
            boolean filesOnly = file.suffix() != null || (role.tree() && file.test() instanceof FileTest.Permissions);
            List<NodeFacts.FileFact> judged = facts.stream().filter(NodeFacts.FileFact::exists)
                    .filter(f -> !filesOnly || "file".equals(f.type()))
                    .filter(f -> file.suffix() == null || f.path().endsWith(file.suffix()))
                    .toList();
            if (missing == null && judged.isEmpty()) {
                missing = "no " + (file.suffix() == null ? "" : "*" + file.suffix() + " ") + "file under "
                        + facts.get(0).path();
            }
            if (missing != null) {
                verdicts.add(new Verdict(scope, Status.NOT_APPLICABLE,
                        List.of(new Evidence(Status.NOT_APPLICABLE, file.role(), missing, null))));
                continue;
            }
            verdicts.add(Verdict.of(scope, judged.stream().map(f -> fileEvidence(f, file.test())).toList()));
        }
        return ControlResult.judged(control, verdicts, "");
    }

    private static Evidence fileEvidence(NodeFacts.FileFact fact, FileTest test) {
        boolean pass;
        String found;
        if (test instanceof FileTest.Permissions permissions) {
            pass = fact.permissions() != null && (fact.permissions() & ~permissions.mask()) == 0;
            found = "permissions " + fact.octal();
        } else {
            found = "owner " + fact.owner() + ":" + fact.group();
            pass = (fact.owner() + ":" + fact.group()).equals(((FileTest.Owner) test).owner());
        }
        return Evidence.of(pass, fact.path(), found + (pass ? "" : ", expected " + test), null);
    }

    // Mapped controls are judged as the controls and checks they name: in each scope, one failing mapping fails.
    private ControlResult mapped(Control control, Evaluation.Mapped mapped) {
        Map<Scope, List<Evidence>> evidence = new TreeMap<>();
        Map<Scope, List<Status>> statuses = new TreeMap<>();
        List<MappingResult> mappings = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        for (Mapping mapping : mapped.mappings()) {
            String label;
            ControlResult target;
            if (mapping.target() instanceof Mapping.ControlRef ref) {
                label = ref.key();
                target = evaluate(catalogue.control(ref.key()).orElseThrow());
            } else {
                String id = ((Mapping.CheckRef) mapping.target()).id();
                label = "check " + id;
                target = checks(control, List.of(id));
            }
            mappings.add(new MappingResult(label, mapping.why(), target.status()));
            if (target.status() == Status.MANUAL || target.status() == Status.NOT_APPLICABLE) {
                unjudged.add(label + " (" + target.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ")");
            }
            for (Verdict verdict : target.verdicts()) {
                statuses.computeIfAbsent(verdict.scope(), s -> new ArrayList<>()).add(verdict.status());
                List<Evidence> items = evidence.computeIfAbsent(verdict.scope(), s -> new ArrayList<>());
                verdict.evidence().forEach(e -> items.add(new Evidence(e.status(), label + ": " + e.subject(),
                        e.detail(), e.location())));
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        statuses.forEach((scope, list) -> verdicts.add(new Verdict(scope, Verdict.combine(list), evidence.get(scope))));
        Status status = Verdict.combine(mappings.stream().map(MappingResult::status).toList());
        String reason = unjudged.isEmpty() ? "" : (status == Status.PASS || status == Status.FAIL
                ? "also needs review: " : "not judged: ") + String.join(", ", unjudged);
        return new ControlResult(control, status, reason, verdicts, mappings);
    }
}
