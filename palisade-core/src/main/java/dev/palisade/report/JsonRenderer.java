package dev.palisade.report;

import dev.palisade.Palisade;
import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.PodInstance;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON report; its schema is documented in docs/report-json.md and versioned by {@code schemaVersion}. */
public final class JsonRenderer implements ReportRenderer {

    /** Leaves the writer open: renderers add a final newline, and the caller owns (and closes) the file. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public void render(ScanReport report, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
        out.write('\n');
    }

    /** {@code --by team}: {@code {"schemaVersion", "teams": [{"team", "report": <report>}]}}. */
    public static void renderTeams(List<dev.palisade.ownership.TeamReports.TeamReport> teams, Writer out) throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", ScanReport.SCHEMA_VERSION);
        ArrayNode array = root.putArray("teams");
        teams.forEach(t -> array.addObject().put("team", t.team()).set("report", toJson(t.report())));
        MAPPER.writeValue(out, root);
        out.write('\n');
    }

    static ObjectNode toJson(ScanReport report) {
        Snapshot snapshot = report.snapshot();
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", ScanReport.SCHEMA_VERSION);
        root.putObject("tool").put("name", Palisade.NAME).put("version", Palisade.version());
        root.set("inventory", inventory(snapshot));
        root.put("policiesEvaluated", report.policiesEvaluated());
        ArrayNode problems = root.putArray("problems");
        report.problems().forEach(p -> problems.add(problem(p)));
        ArrayNode workloads = root.putArray("workloads");
        dev.palisade.rbac.RbacIndex rbac = dev.palisade.rbac.RbacIndex.of(snapshot);
        snapshot.workloads().forEach(w -> workloads.add(workload(w, rbac)));
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode answers = root.putArray("answers");
        report.answers().forEach(a -> answers.add(answer(a)));
        ArrayNode sections = root.putArray("sections");
        for (var section : report.sections()) {
            ObjectNode node = sections.addObject();
            node.put("title", section.title());
            node.put("summary", section.summary());
            table(node, section.table());
        }
        return root;
    }

    private static ObjectNode inventory(Snapshot snapshot) {
        ObjectNode inventory = NODES.objectNode();
        ArrayNode sources = inventory.putArray("sources");
        snapshot.info().sources().forEach(sources::add);
        inventory.put("cluster", snapshot.info().cluster());
        inventory.put("loadedAt", snapshot.info().loadedAt().toString());
        inventory.put("problems", snapshot.problems().size());
        inventory.put("objects", snapshot.objects().size());
        inventory.put("workloads", snapshot.workloads().size());
        inventory.put("namespaces", snapshot.namespaces().size());
        ObjectNode kinds = inventory.putObject("kinds");
        snapshot.countsByKind().forEach(kinds::put);
        return inventory;
    }

    static ObjectNode location(SourceLocation location) {
        ObjectNode node = NODES.objectNode();
        node.put("file", location.origin());
        node.put("document", location.document());
        node.put("line", location.line());
        return node;
    }

    private static ObjectNode problem(InputProblem problem) {
        ObjectNode node = NODES.objectNode();
        node.put("level", problem.level().name());
        node.set("location", location(problem.location()));
        node.put("message", problem.message());
        return node;
    }

    private static ObjectNode resource(ObjectRef ref) {
        ObjectNode node = NODES.objectNode();
        node.put("apiVersion", ref.apiVersion());
        node.put("kind", ref.kind());
        node.put("namespace", ref.namespace());
        node.put("name", ref.name());
        return node;
    }

    private static ObjectNode workload(Workload workload, dev.palisade.rbac.RbacIndex rbac) {
        ObjectNode node = resource(workload.ref());
        node.set("source", location(workload.source()));
        node.put("serviceAccount", workload.serviceAccountName());
        ObjectNode permissions = node.putObject("serviceAccountPermissions");
        rbac.effectiveRules(dev.palisade.rbac.Identity.serviceAccount(workload.namespace(), workload.serviceAccountName()))
                .forEach((scope, rules) -> {
                    ArrayNode list = permissions.putArray(scope);
                    rules.forEach(rule -> list.add(rule.toString()));
                });
        if (workload.replicas() != null) {
            node.put("replicas", workload.replicas());
        }
        node.set("labels", map(workload.labels()));
        ArrayNode containers = node.putArray("containers");
        for (WorkloadContainer container : workload.containers()) {
            ObjectNode c = containers.addObject();
            c.put("name", container.name());
            c.put("kind", container.kind().name().toLowerCase(java.util.Locale.ROOT));
            c.put("image", container.imageReference());
            if (container.image() != null) {
                c.put("registry", container.image().registry());
                c.put("repository", container.image().repository());
                c.put("tag", container.image().tag());
                c.put("digest", container.image().digest());
            }
        }
        ArrayNode pods = node.putArray("pods");
        for (PodInstance pod : workload.pods()) {
            ObjectNode p = pods.addObject();
            p.put("name", pod.name());
            p.put("node", pod.node());
            p.put("phase", pod.phase());
            ArrayNode images = p.putArray("images");
            for (PodInstance.RunningImage image : pod.images()) {
                images.addObject().put("container", image.container()).put("image", image.image())
                        .put("imageID", image.imageId());
            }
        }
        return node;
    }

    static ObjectNode finding(Finding finding) {
        ObjectNode node = NODES.objectNode();
        node.put("policy", finding.policy());
        node.put("title", finding.title());
        node.put("severity", finding.severity().name());
        node.set("resource", resource(finding.resource()));
        node.put("container", finding.container());
        node.put("path", finding.path());
        node.put("message", finding.message());
        node.set("source", location(finding.location()));
        node.put("remediation", finding.remediation());
        ArrayNode categories = node.putArray("categories");
        finding.categories().forEach(categories::add);
        node.set("equivalents", map(new java.util.TreeMap<>(finding.equivalents())));
        node.put("enforcement", finding.enforcement().name());
        node.put("exempted", finding.exempted());
        node.put("exemption", finding.exemption());
        return node;
    }

    private static ObjectNode answer(Answer answer) {
        ObjectNode node = NODES.objectNode();
        node.put("number", answer.number());
        node.put("question", answer.question());
        node.put("status", answer.status().name());
        node.put("summary", answer.summary());
        node.put("needs", answer.needs());
        table(node, answer.table());
        return node;
    }

    private static void table(ObjectNode node, dev.palisade.scan.Table table) {
        ArrayNode columns = node.putArray("columns");
        table.columns().forEach(columns::add);
        ArrayNode rows = node.putArray("rows");
        for (var row : table.rows()) {
            ArrayNode cells = rows.addArray();
            row.forEach(cells::add);
        }
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach(node::put);
        return node;
    }
}
