package dev.palisade.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a synthetic but realistic cluster as YAML manifests: {@value #NAMESPACES} namespaces, one
 * multi-document file per namespace, {@value #WORKLOADS_PER_NAMESPACE} workloads and exactly
 * {@value #OBJECTS_PER_NAMESPACE} objects per namespace (the Namespace object included), so 10,000 workloads
 * and 60,000 objects in all.
 *
 * <p>Each namespace holds a seeded mix of Deployments (most), StatefulSets, DaemonSets, CronJobs and Jobs
 * with full pod templates (app container plus a sidecar, resources, probes, security contexts, env with
 * secretKeyRef, volume mounts), and around them what a real namespace has: ServiceAccounts, ConfigMaps,
 * Secrets (fake values), Services, PodDisruptionBudgets, HorizontalPodAutoscalers, Ingresses with their TLS
 * Secrets, NetworkPolicies, Roles and RoleBindings. The output depends only on the seed.
 */
public final class ClusterGenerator {

    public static final int NAMESPACES = 100;
    public static final int WORKLOADS_PER_NAMESPACE = 100;
    public static final int OBJECTS_PER_NAMESPACE = 600;
    public static final long DEFAULT_SEED = 20_250_611L;

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job");

    private static final String[] TEAMS = {
        "shop", "payments", "checkout", "identity", "search", "catalog", "ledger", "billing", "notify",
        "reporting", "ingest", "analytics", "media", "messaging", "logistics", "pricing", "loyalty", "support",
        "partner", "fraud", "inventory", "orders", "recommend", "platform", "edge",
    };
    private static final String[] ENVIRONMENTS = {"prod", "staging", "qa", "dev"};
    private static final String[] COMPONENTS = {
        "api", "web", "cart", "catalog", "search", "checkout", "billing", "ledger", "auth", "profile",
        "notifier", "mailer", "report", "exporter", "importer", "scheduler", "gateway", "proxy", "cache",
        "indexer", "ingest", "stream", "metrics", "audit", "session", "pricing", "quote", "tax", "shipping",
        "tracking", "media", "thumbnail", "upload", "webhook", "events", "feed", "rank", "sync", "admin",
        "console",
    };
    private static final String[] ROLES = {"", "-worker", "-api", "-sync"};
    private static final String[] LANGUAGES = {"java", "go", "node", "python"};
    private static final String[][] SIDECARS = {
        {"envoy", "envoyproxy/envoy:v1.31.2", "15001"},
        {"fluent-bit", "fluent/fluent-bit:3.1.9", null},
        {"otel-agent", "otel/opentelemetry-collector-contrib:0.111.0", "4317"},
        {"vault-agent", "hashicorp/vault:1.17.6", null},
    };
    private static final String[] CPU_REQUESTS = {"50m", "100m", "250m", "500m", "1"};
    private static final String[] MEMORY_REQUESTS = {"64Mi", "128Mi", "256Mi", "512Mi", "1Gi"};
    private static final String[] CPU_LIMITS = {"200m", "500m", "1", "2", "4"};
    private static final String[] MEMORY_LIMITS = {"128Mi", "256Mi", "512Mi", "1Gi", "2Gi"};
    private static final String[] SCHEDULES = {"*/5 * * * *", "0 * * * *", "15 2 * * *", "0 4 * * 0", "30 */6 * * *"};

    /**
     * What was written.
     *
     * @param countsByKind objects per kind, sorted by kind
     * @param deploymentLines YAML lines of all Deployments (for the average size)
     */
    public record Summary(Path directory, int files, long bytes, long lines, Map<String, Integer> countsByKind,
                          int workloads, int objects, long deploymentLines) {

        public double averageDeploymentLines() {
            int deployments = countsByKind.getOrDefault("Deployment", 0);
            return deployments == 0 ? 0 : (double) deploymentLines / deployments;
        }

        public String describe() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "generated %d files in %s: %.1f MB, %,d lines%n", files, directory,
                    bytes / (1024.0 * 1024.0), lines));
            out.append(String.format(Locale.ROOT, "objects: %,d, workloads: %,d, average Deployment: %.1f lines%n",
                    objects, workloads, averageDeploymentLines()));
            countsByKind.forEach((kind, count) -> out.append(String.format(Locale.ROOT, "  %-24s %,7d%n", kind,
                    count)));
            return out.toString();
        }
    }

    private final long seed;

    public ClusterGenerator(long seed) {
        this.seed = seed;
    }

    /** Generates the cluster into {@code directory} (created if needed) with the default seed. */
    public static Summary generate(Path directory) throws IOException {
        return new ClusterGenerator(DEFAULT_SEED).writeTo(directory);
    }

    /** {@code ClusterGenerator DIR [SEED]}: writes the cluster and prints the counts. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ClusterGenerator DIR [SEED]");
            System.exit(2);
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        Summary summary = new ClusterGenerator(seed).writeTo(Path.of(args[0]));
        System.out.print(summary.describe());
    }

    public Summary writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Integer> counts = new TreeMap<>();
        long bytes = 0;
        long lines = 0;
        long deploymentLines = 0;
        int objects = 0;
        int workloads = 0;
        for (int index = 0; index < NAMESPACES; index++) {
            Namespace namespace = new Namespace(index, new Random(seed * 1_000_003L + index));
            namespace.generate();
            if (namespace.objects != OBJECTS_PER_NAMESPACE || namespace.workloads != WORKLOADS_PER_NAMESPACE) {
                throw new IllegalStateException("namespace " + namespace.name + " has " + namespace.objects
                        + " objects and " + namespace.workloads + " workloads");
            }
            byte[] content = namespace.out.toString().getBytes(StandardCharsets.UTF_8);
            Path file = directory.resolve(String.format(Locale.ROOT, "%03d-%s.yaml", index, namespace.name));
            Files.write(file, content);
            bytes += content.length;
            lines += namespace.lines;
            deploymentLines += namespace.deploymentLines;
            objects += namespace.objects;
            workloads += namespace.workloads;
            namespace.counts.forEach((kind, count) -> counts.merge(kind, count, Integer::sum));
        }
        return new Summary(directory, NAMESPACES, bytes, lines, Collections.unmodifiableMap(counts), workloads,
                objects, deploymentLines);
    }

    /** Deletes a generated directory and everything under it; nothing to do when it is gone. */
    public static void delete(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One application: a workload and the objects around it. */
    private static final class App {
        String name;
        String kind;
        String language;
        String version;
        int replicas;
        int port;
        int size;
        String serviceAccount;
        boolean ownServiceAccount;
        String[] sidecar;
        boolean secondSidecar;
        boolean hardened;
        boolean pdb;
        boolean hpa;
        boolean ingress;
        boolean networkPolicy;
        boolean role;
    }

    /** Writes one namespace file. */
    private static final class Namespace {
        final String name;
        final String team;
        final String environment;
        final Random random;
        final StringBuilder out = new StringBuilder(600 * 1024);
        final Map<String, Integer> counts = new TreeMap<>();
        int objects;
        int workloads;
        long lines;
        long deploymentLines;
        int documentStart;

        Namespace(int index, Random random) {
            this.team = TEAMS[index / ENVIRONMENTS.length % TEAMS.length];
            this.environment = ENVIRONMENTS[index % ENVIRONMENTS.length];
            this.name = team + "-" + environment;
            this.random = random;
        }

        void generate() {
            List<App> apps = apps();
            out.append("# Namespace ").append(name).append(": generated by palisade-bench ClusterGenerator.\n");
            lines++;
            namespaceObject();
            String runner = team + "-runner";
            serviceAccount(runner, null, true);
            for (App app : apps) {
                if (app.ownServiceAccount) {
                    serviceAccount(app.name, app, random.nextInt(3) > 0);
                }
                configMap(app);
                secret(app);
                switch (app.kind) {
                    case "Deployment" -> deployment(app);
                    case "StatefulSet" -> statefulSet(app);
                    case "DaemonSet" -> daemonSet(app);
                    case "CronJob" -> cronJob(app);
                    default -> job(app);
                }
                if (app.kind.equals("Deployment") || app.kind.equals("StatefulSet")) {
                    service(app);
                }
                if (app.pdb) {
                    podDisruptionBudget(app);
                }
                if (app.hpa) {
                    horizontalPodAutoscaler(app);
                }
                if (app.ingress) {
                    tlsSecret(app);
                    ingress(app);
                }
                if (app.networkPolicy) {
                    networkPolicy(app);
                }
                if (app.role) {
                    role(app);
                    roleBinding(app);
                }
            }
            defaultDenyPolicy();
            allowDnsPolicy();
            int filler = 0;
            while (objects < OBJECTS_PER_NAMESPACE) {
                sharedConfigMap(filler++);
            }
        }

        /** The applications of this namespace, with a seeded mix of kinds and features. */
        private List<App> apps() {
            List<String> names = new ArrayList<>();
            for (String component : COMPONENTS) {
                for (String role : ROLES) {
                    names.add(component + role);
                }
            }
            Collections.shuffle(names, random);
            int statefulSets = 8 + random.nextInt(5);
            int cronJobs = 8 + random.nextInt(5);
            int jobs = 5 + random.nextInt(5);
            int daemonSets = 1 + random.nextInt(3);
            List<String> kinds = new ArrayList<>();
            add(kinds, "StatefulSet", statefulSets);
            add(kinds, "CronJob", cronJobs);
            add(kinds, "Job", jobs);
            add(kinds, "DaemonSet", daemonSets);
            add(kinds, "Deployment", WORKLOADS_PER_NAMESPACE - kinds.size());
            Collections.shuffle(kinds, random);
            List<App> apps = new ArrayList<>();
            for (int i = 0; i < WORKLOADS_PER_NAMESPACE; i++) {
                App app = new App();
                app.name = names.get(i);
                app.kind = kinds.get(i);
                app.language = LANGUAGES[random.nextInt(LANGUAGES.length)];
                app.version = (1 + random.nextInt(4)) + "." + random.nextInt(20) + "." + random.nextInt(10);
                app.replicas = switch (environment) {
                    case "prod" -> 2 + random.nextInt(5);
                    case "staging" -> 1 + random.nextInt(3);
                    default -> 1;
                };
                app.port = random.nextInt(4) == 0 ? 3000 : 8080;
                app.size = random.nextInt(CPU_REQUESTS.length);
                app.sidecar = SIDECARS[random.nextInt(SIDECARS.length)];
                app.secondSidecar = random.nextInt(10) == 0;
                app.hardened = random.nextInt(10) < 8;
                apps.add(app);
            }
            // Fixed quotas per namespace keep the object count exact; which apps get them is seeded.
            int ownAccounts = 0;
            int roles = 0;
            int policies = 0;
            int pdbs = 0;
            int hpas = 0;
            int ingresses = 0;
            for (App app : apps) {
                if (ownAccounts < 60) {
                    app.ownServiceAccount = true;
                    ownAccounts++;
                }
                app.serviceAccount = app.ownServiceAccount ? app.name : team + "-runner";
                if (app.ownServiceAccount && roles < 15 && !app.kind.equals("DaemonSet")) {
                    app.role = true;
                    roles++;
                }
                boolean serving = app.kind.equals("Deployment") || app.kind.equals("StatefulSet");
                if (serving && policies < 20) {
                    app.networkPolicy = true;
                    policies++;
                }
                if (app.kind.equals("Deployment")) {
                    if (pdbs < 35) {
                        app.pdb = true;
                        pdbs++;
                        if (hpas < 15) {
                            app.hpa = true;
                            hpas++;
                        }
                    } else if (ingresses < 15) {
                        app.ingress = true;
                        ingresses++;
                    }
                }
            }
            if (ownAccounts != 60 || roles != 15 || policies != 20 || pdbs != 35 || hpas != 15 || ingresses != 15) {
                throw new IllegalStateException("quota not met in " + name);
            }
            return apps;
        }

        private static void add(List<String> list, String value, int times) {
            for (int i = 0; i < times; i++) {
                list.add(value);
            }
        }

        // ---- writing ----

        private void begin(String apiVersion, String kind, String objectName) {
            if (objects > 0) {
                line(0, "---");
            }
            documentStart = out.length();
            objects++;
            counts.merge(kind, 1, Integer::sum);
            if (WORKLOAD_KINDS.contains(kind)) {
                workloads++;
            }
            line(0, "apiVersion: " + apiVersion);
            line(0, "kind: " + kind);
            line(0, "metadata:");
            line(2, "name: " + objectName);
            if (!kind.equals("Namespace")) {
                line(2, "namespace: " + name);
            }
        }

        private void line(int indent, String text) {
            for (int i = 0; i < indent; i++) {
                out.append(' ');
            }
            out.append(text).append('\n');
            lines++;
        }

        private void labels(int indent, App app, boolean full) {
            line(indent, "labels:");
            line(indent + 2, "app.kubernetes.io/name: " + app.name);
            line(indent + 2, "app.kubernetes.io/instance: " + app.name + "-" + environment);
            if (full) {
                line(indent + 2, "app.kubernetes.io/version: " + quote(app.version));
                line(indent + 2, "app.kubernetes.io/part-of: " + team);
            }
            line(indent + 2, "team: " + team);
        }

        private void selector(int indent, App app) {
            line(indent, "app.kubernetes.io/name: " + app.name);
            line(indent, "app.kubernetes.io/instance: " + app.name + "-" + environment);
        }

        private void namespaceObject() {
            begin("v1", "Namespace", name);
            line(2, "labels:");
            line(4, "kubernetes.io/metadata.name: " + name);
            line(4, "team: " + team);
            line(4, "environment: " + environment);
            line(4, "pod-security.kubernetes.io/enforce: " + (environment.equals("prod") ? "restricted" : "baseline"));
            line(2, "annotations:");
            line(4, "owner: " + quote(team + "@example.com"));
        }

        private void serviceAccount(String accountName, App app, boolean noToken) {
            begin("v1", "ServiceAccount", accountName);
            if (app != null) {
                labels(2, app, false);
            } else {
                line(2, "labels:");
                line(4, "team: " + team);
            }
            if (noToken) {
                line(0, "automountServiceAccountToken: false");
            }
            line(0, "imagePullSecrets:");
            line(2, "- name: regcred");
        }

        private void configMap(App app) {
            begin("v1", "ConfigMap", app.name + "-config");
            labels(2, app, false);
            line(0, "data:");
            line(2, "LOG_LEVEL: " + quote(random.nextInt(5) == 0 ? "debug" : "info"));
            line(2, "LOG_FORMAT: \"json\"");
            line(2, "HTTP_PORT: " + quote(Integer.toString(app.port)));
            line(2, "UPSTREAM_URL: " + quote("http://" + COMPONENTS[random.nextInt(COMPONENTS.length)] + "." + name
                    + ".svc.cluster.local:8080"));
            if (random.nextBoolean()) {
                line(2, "application.yaml: |");
                line(4, "server:");
                line(6, "port: " + app.port);
                line(6, "shutdown: graceful");
                line(4, "cache:");
                line(6, "ttl: " + (30 + random.nextInt(600)) + "s");
                line(6, "maxEntries: " + (1000 * (1 + random.nextInt(50))));
                line(4, "features:");
                line(6, "newCheckout: " + random.nextBoolean());
                line(6, "rateLimit: " + (50 + random.nextInt(950)));
            }
        }

        private void secret(App app) {
            begin("v1", "Secret", app.name + "-credentials");
            labels(2, app, false);
            line(0, "type: Opaque");
            line(0, "data:");
            line(2, "username: " + fake(app.name + "-user"));
            line(2, "password: " + fake("fake-password-" + Long.toHexString(random.nextLong())));
            if (random.nextBoolean()) {
                line(2, "api-token: " + fake("fake-token-" + Long.toHexString(random.nextLong())
                        + Long.toHexString(random.nextLong())));
            }
        }

        private void tlsSecret(App app) {
            begin("v1", "Secret", app.name + "-tls");
            labels(2, app, false);
            line(2, "annotations:");
            line(4, "cert-manager.io/issuer-name: letsencrypt-prod");
            line(0, "type: kubernetes.io/tls");
            line(0, "data:");
            line(2, "tls.crt: " + fake("fake-certificate-" + app.name + "-" + Long.toHexString(random.nextLong())));
            line(2, "tls.key: " + fake("fake-private-key-" + app.name + "-" + Long.toHexString(random.nextLong())));
        }

        private void sharedConfigMap(int index) {
            begin("v1", "ConfigMap", team + "-dashboard-" + index);
            line(2, "labels:");
            line(4, "grafana_dashboard: \"1\"");
            line(4, "team: " + team);
            line(0, "data:");
            line(2, "dashboard.json: |");
            line(4, "{\"title\": \"" + team + " " + index + "\", \"uid\": \"" + Long.toHexString(random.nextLong())
                    + "\", \"refresh\": \"30s\",");
            line(4, " \"panels\": [{\"type\": \"timeseries\", \"title\": \"requests\", \"targets\": [{\"expr\":"
                    + " \"sum(rate(http_requests_total{namespace='" + name + "'}[5m]))\"}]}]}");
        }

        // ---- workloads ----

        private void deployment(App app) {
            int start = out.length();
            long before = lines;
            begin("apps/v1", "Deployment", app.name);
            labels(2, app, true);
            line(2, "annotations:");
            line(4, "deployment.kubernetes.io/revision: " + quote(Integer.toString(1 + random.nextInt(40))));
            line(0, "spec:");
            line(2, "replicas: " + app.replicas);
            line(2, "selector:");
            line(4, "matchLabels:");
            selector(6, app);
            if (random.nextBoolean()) {
                line(2, "strategy:");
                line(4, "rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}");
            }
            podTemplate(2, app, true, "Always");
            boolean separator = documentStart > start; // the "---" line belongs to no document
            deploymentLines += lines - before - (separator ? 1 : 0);
        }

        private void statefulSet(App app) {
            begin("apps/v1", "StatefulSet", app.name);
            labels(2, app, true);
            line(0, "spec:");
            line(2, "serviceName: " + app.name);
            line(2, "replicas: " + Math.max(app.replicas, environment.equals("prod") ? 3 : 1));
            line(2, "podManagementPolicy: Parallel");
            line(2, "selector:");
            line(4, "matchLabels:");
            selector(6, app);
            podTemplate(2, app, true, "Always");
            line(2, "volumeClaimTemplates:");
            line(4, "- metadata:");
            line(8, "name: data");
            line(6, "spec:");
            line(8, "accessModes: [\"ReadWriteOnce\"]");
            line(8, "storageClassName: gp3");
            line(8, "resources:");
            line(10, "requests:");
            line(12, "storage: " + (10 * (1 + random.nextInt(20))) + "Gi");
        }

        private void daemonSet(App app) {
            begin("apps/v1", "DaemonSet", app.name);
            labels(2, app, true);
            line(0, "spec:");
            line(2, "selector:");
            line(4, "matchLabels:");
            selector(6, app);
            line(2, "updateStrategy:");
            line(4, "type: RollingUpdate");
            podTemplate(2, app, false, "Always");
        }

        private void cronJob(App app) {
            begin("batch/v1", "CronJob", app.name);
            labels(2, app, true);
            line(0, "spec:");
            line(2, "schedule: " + quote(SCHEDULES[random.nextInt(SCHEDULES.length)]));
            line(2, "concurrencyPolicy: Forbid");
            line(2, "successfulJobsHistoryLimit: 3");
            line(2, "failedJobsHistoryLimit: 1");
            line(2, "jobTemplate:");
            line(4, "spec:");
            line(6, "backoffLimit: 2");
            line(6, "activeDeadlineSeconds: " + (600 * (1 + random.nextInt(6))));
            podTemplate(6, app, false, "OnFailure");
        }

        private void job(App app) {
            begin("batch/v1", "Job", app.name + "-migrate-" + app.version.replace('.', '-'));
            labels(2, app, true);
            line(2, "annotations:");
            line(4, "helm.sh/hook: pre-upgrade");
            line(0, "spec:");
            line(2, "backoffLimit: 1");
            line(2, "ttlSecondsAfterFinished: 86400");
            podTemplate(2, app, false, "Never");
        }

        /**
         * Writes {@code template:} at {@code indent} under a workload spec. {@code serving} apps get ports,
         * probes and the sidecar; batch and node agents get a leaner pod.
         */
        private void podTemplate(int indent, App app, boolean serving, String restartPolicy) {
            int i = indent;
            line(i, "template:");
            line(i + 2, "metadata:");
            line(i + 4, "labels:");
            selector(i + 6, app);
            line(i + 6, "team: " + team);
            if (serving) {
                line(i + 4, "annotations:");
                line(i + 6, "prometheus.io/scrape: \"true\"");
                line(i + 6, "prometheus.io/port: \"9090\"");
            }
            line(i + 2, "spec:");
            int s = i + 4;
            line(s, "serviceAccountName: " + app.serviceAccount);
            if (!restartPolicy.equals("Always")) {
                line(s, "restartPolicy: " + restartPolicy);
            }
            boolean nodeAgent = app.kind.equals("DaemonSet");
            if (nodeAgent && random.nextBoolean()) {
                line(s, "hostNetwork: true");
            }
            if (app.hardened) {
                line(s, "securityContext:");
                line(s + 2, "runAsNonRoot: true");
                line(s + 2, "fsGroup: 10001");
                line(s + 2, "seccompProfile: {type: RuntimeDefault}");
            }
            line(s, "containers:");
            int c = s + 2;
            line(c, "- name: " + app.name);
            int f = c + 2;
            line(f, "image: registry.example.com/" + team + "/" + app.name + ":"
                    + (random.nextInt(25) == 0 ? "latest" : app.version));
            if (!serving) {
                line(f, "args: [\"--mode=" + (nodeAgent ? "agent" : "batch") + "\", \"--log-format=json\"]");
            }
            if (serving) {
                line(f, "ports:");
                line(f + 2, "- {name: http, containerPort: " + app.port + "}");
                line(f + 2, "- {name: metrics, containerPort: 9090}");
            }
            line(f, "env:");
            line(f + 2, "- name: APP_ENV");
            line(f + 4, "value: " + quote(environment));
            line(f + 2, "- name: DB_PASSWORD");
            line(f + 4, "valueFrom:");
            line(f + 6, "secretKeyRef: {name: " + app.name + "-credentials, key: password}");
            if (random.nextBoolean()) {
                line(f + 2, "- name: POD_NAME");
                line(f + 4, "valueFrom:");
                line(f + 6, "fieldRef: {fieldPath: metadata.name}");
            }
            if (app.language.equals("java")) {
                line(f + 2, "- name: JAVA_TOOL_OPTIONS");
                line(f + 4, "value: \"-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError\"");
            }
            line(f, "envFrom:");
            line(f + 2, "- configMapRef: {name: " + app.name + "-config}");
            resources(f, app.size, app.size);
            if (serving) {
                line(f, "readinessProbe:");
                line(f + 2, "httpGet: {path: /ready, port: http}");
                line(f + 2, "periodSeconds: 10");
                line(f, "livenessProbe:");
                line(f + 2, "httpGet: {path: /healthz, port: http}");
                line(f + 2, "initialDelaySeconds: " + (5 + random.nextInt(30)));
            }
            line(f, "securityContext:");
            if (nodeAgent && !app.hardened) {
                line(f + 2, "privileged: true");
            } else {
                line(f + 2, "allowPrivilegeEscalation: false");
                line(f + 2, "readOnlyRootFilesystem: " + app.hardened);
                line(f + 2, "capabilities: {drop: [\"ALL\"]}");
            }
            line(f, "volumeMounts:");
            line(f + 2, "- {name: tmp, mountPath: /tmp}");
            line(f + 2, "- {name: config, mountPath: /etc/" + app.name + ", readOnly: true}");
            if (app.kind.equals("StatefulSet")) {
                line(f + 2, "- {name: data, mountPath: /var/lib/" + app.name + "}");
            }
            if (nodeAgent) {
                line(f + 2, "- {name: varlog, mountPath: /var/log, readOnly: true}");
            }
            if (serving || nodeAgent) {
                sidecar(c, app, app.sidecar, 0);
                if (app.secondSidecar) {
                    sidecar(c, app, SIDECARS[(indexOf(app.sidecar) + 1) % SIDECARS.length], 1);
                }
            }
            line(s, "volumes:");
            line(s + 2, "- {name: tmp, emptyDir: {}}");
            line(s + 2, "- name: config");
            line(s + 4, "configMap: {name: " + app.name + "-config}");
            if (nodeAgent) {
                line(s + 2, "- name: varlog");
                line(s + 4, "hostPath: {path: /var/log}");
            }
        }

        private void sidecar(int c, App app, String[] sidecar, int offset) {
            line(c, "- name: " + sidecar[0]);
            line(c + 2, "image: " + sidecar[1]);
            if (sidecar[2] != null) {
                line(c + 2, "ports: [{name: " + sidecar[0] + ", containerPort: " + sidecar[2] + "}]");
            }
            resources(c + 2, 0, Math.min(1 + offset, CPU_LIMITS.length - 1));
            line(c + 2, "securityContext:");
            line(c + 4, "allowPrivilegeEscalation: false");
            line(c + 4, "runAsUser: " + (1337 + offset));
        }

        private static int indexOf(String[] sidecar) {
            for (int i = 0; i < SIDECARS.length; i++) {
                if (SIDECARS[i] == sidecar) {
                    return i;
                }
            }
            return 0;
        }

        private void resources(int indent, int request, int limit) {
            line(indent, "resources:");
            line(indent + 2, "requests: {cpu: " + CPU_REQUESTS[request] + ", memory: " + MEMORY_REQUESTS[request] + "}");
            line(indent + 2, "limits: {cpu: " + quote(CPU_LIMITS[limit]) + ", memory: " + MEMORY_LIMITS[limit] + "}");
        }

        // ---- around the workloads ----

        private void service(App app) {
            begin("v1", "Service", app.name);
            labels(2, app, false);
            line(0, "spec:");
            if (app.kind.equals("StatefulSet")) {
                line(2, "clusterIP: None");
            } else {
                line(2, "type: ClusterIP");
            }
            line(2, "selector:");
            selector(4, app);
            line(2, "ports:");
            line(4, "- name: http");
            line(6, "port: 80");
            line(6, "targetPort: " + (random.nextBoolean() ? "http" : Integer.toString(app.port)));
            line(6, "protocol: TCP");
            line(4, "- name: metrics");
            line(6, "port: 9090");
            line(6, "targetPort: metrics");
        }

        private void podDisruptionBudget(App app) {
            begin("policy/v1", "PodDisruptionBudget", app.name);
            labels(2, app, false);
            line(0, "spec:");
            if (random.nextBoolean()) {
                line(2, "minAvailable: 1");
            } else {
                line(2, "maxUnavailable: 25%");
            }
            line(2, "selector:");
            line(4, "matchLabels:");
            selector(6, app);
        }

        private void horizontalPodAutoscaler(App app) {
            begin("autoscaling/v2", "HorizontalPodAutoscaler", app.name);
            labels(2, app, false);
            line(0, "spec:");
            line(2, "scaleTargetRef:");
            line(4, "apiVersion: apps/v1");
            line(4, "kind: Deployment");
            line(4, "name: " + app.name);
            line(2, "minReplicas: " + app.replicas);
            line(2, "maxReplicas: " + (app.replicas * 4));
            line(2, "metrics:");
            line(4, "- type: Resource");
            line(6, "resource:");
            line(8, "name: cpu");
            line(8, "target:");
            line(10, "type: Utilization");
            line(10, "averageUtilization: " + (60 + 5 * random.nextInt(5)));
        }

        private void ingress(App app) {
            String host = app.name + "." + team + (environment.equals("prod") ? "" : "." + environment)
                    + ".example.com";
            begin("networking.k8s.io/v1", "Ingress", app.name);
            labels(2, app, false);
            line(2, "annotations:");
            line(4, "cert-manager.io/cluster-issuer: letsencrypt-prod");
            line(4, "nginx.ingress.kubernetes.io/proxy-body-size: \"8m\"");
            line(0, "spec:");
            line(2, "ingressClassName: nginx");
            line(2, "tls:");
            line(4, "- hosts: [" + host + "]");
            line(6, "secretName: " + app.name + "-tls");
            line(2, "rules:");
            line(4, "- host: " + host);
            line(6, "http:");
            line(8, "paths:");
            line(10, "- path: /");
            line(12, "pathType: Prefix");
            line(12, "backend:");
            line(14, "service:");
            line(16, "name: " + app.name);
            line(16, "port: {name: http}");
        }

        private void networkPolicy(App app) {
            begin("networking.k8s.io/v1", "NetworkPolicy", app.name + "-ingress");
            labels(2, app, false);
            line(0, "spec:");
            line(2, "podSelector:");
            line(4, "matchLabels:");
            selector(6, app);
            line(2, "policyTypes: [Ingress]");
            line(2, "ingress:");
            line(4, "- from:");
            line(8, "- podSelector:");
            line(12, "matchLabels: {team: " + team + "}");
            line(8, "- namespaceSelector:");
            line(12, "matchLabels: {kubernetes.io/metadata.name: ingress-nginx}");
            line(6, "ports:");
            line(8, "- {protocol: TCP, port: " + app.port + "}");
        }

        private void defaultDenyPolicy() {
            begin("networking.k8s.io/v1", "NetworkPolicy", "default-deny");
            line(0, "spec:");
            line(2, "podSelector: {}");
            line(2, "policyTypes: [Ingress, Egress]");
        }

        private void allowDnsPolicy() {
            begin("networking.k8s.io/v1", "NetworkPolicy", "allow-dns");
            line(0, "spec:");
            line(2, "podSelector: {}");
            line(2, "policyTypes: [Egress]");
            line(2, "egress:");
            line(4, "- to:");
            line(8, "- namespaceSelector:");
            line(12, "matchLabels: {kubernetes.io/metadata.name: kube-system}");
            line(6, "ports:");
            line(8, "- {protocol: UDP, port: 53}");
            line(8, "- {protocol: TCP, port: 53}");
        }

        private void role(App app) {
            begin("rbac.authorization.k8s.io/v1", "Role", app.name);
            labels(2, app, false);
            line(0, "rules:");
            line(2, "- apiGroups: [\"\"]");
            line(4, "resources: [configmaps, endpoints]");
            line(4, "verbs: [get, list, watch]");
            line(2, "- apiGroups: [\"\"]");
            line(4, "resources: [secrets]");
            line(4, "resourceNames: [" + app.name + "-credentials]");
            line(4, "verbs: [get]");
            if (random.nextInt(5) == 0) {
                line(2, "- apiGroups: [coordination.k8s.io]");
                line(4, "resources: [leases]");
                line(4, "verbs: [get, create, update]");
            }
        }

        private void roleBinding(App app) {
            begin("rbac.authorization.k8s.io/v1", "RoleBinding", app.name);
            labels(2, app, false);
            line(0, "roleRef:");
            line(2, "apiGroup: rbac.authorization.k8s.io");
            line(2, "kind: Role");
            line(2, "name: " + app.name);
            line(0, "subjects:");
            line(2, "- kind: ServiceAccount");
            line(4, "name: " + app.serviceAccount);
            line(4, "namespace: " + name);
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String fake(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
