package dev.palisade.network;

import dev.palisade.inventory.InputText;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.NetworkModel.NetPod;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Observed flows read from JSON or CSV text and resolved against an inventory (docs/network.md, "Observed flows").
 * Text whose first character is {@code [} or <code>{</code> is JSON (a bare array of flows, or an object with a
 * {@code flows} array); anything else is CSV with a header row. Each flow names its source and destination as
 * {@code NS/NAME}, {@code NS/KIND/NAME} or an IP address; an address that is a pod IP of a workload is that
 * workload, any other address is external. A bad flow is reported with its line (CSV) or index (JSON) and left
 * out; it never loses the others.
 *
 * @param problems what was wrong, in input order
 */
public record ObservedFlows(List<ObservedFlow> flows, List<Problem> problems) {

    public ObservedFlows {
        flows = List.copyOf(flows);
        problems = List.copyOf(problems);
    }

    /**
     * Something wrong with the input.
     *
     * @param position {@code line 4} (CSV), {@code flows[3]} (JSON), or empty when the whole input is unreadable
     */
    public record Problem(String origin, String position, String message) {
        @Override
        public String toString() {
            return origin + (position.isEmpty() ? "" : ": " + position) + ": " + message;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_QUOTED = 64;

    /**
     * One flow as written, before it is checked and resolved.
     *
     * @param errors   what is wrong with the row's shape (cells, JSON types)
     * @param mistyped JSON fields whose value is not a scalar (already in errors, so not reported missing too)
     */
    private record RawFlow(String position, List<String> errors, Set<String> mistyped, String source,
                           String destination, String port, String protocol, String lastSeen) {
    }

    /** Reads flows from text that came from {@code origin} (a file name, for problems). */
    public static ObservedFlows parse(String origin, String text, Snapshot snapshot) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Reading reading = new Reading(origin, new Resolver(snapshot));
        String start = body.stripLeading();
        if (start.startsWith("[") || start.startsWith("{")) {
            readJson(body, reading);
        } else {
            readCsv(body, reading);
        }
        return new ObservedFlows(reading.flows, reading.problems);
    }

    /** What has been read so far; rows are checked as they come, so problems stay in input order. */
    private static final class Reading {
        final String origin;
        final Resolver resolver;
        final List<ObservedFlow> flows = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();

        Reading(String origin, Resolver resolver) {
            this.origin = origin;
            this.resolver = resolver;
        }

        void problem(String position, String message) {
            problems.add(new Problem(origin, position, message));
        }

        void row(RawFlow row) {
            List<String> errors = new ArrayList<>(row.errors());
            ObservedFlow flow = check(row, resolver, errors);
            if (errors.isEmpty()) {
                flows.add(flow);
            } else {
                problem(row.position(), String.join("; ", errors));
            }
        }
    }

    private static ObservedFlow check(RawFlow row, Resolver resolver, List<String> errors) {
        Optional<Endpoint> source = present(row, "source", row.source(), errors)
                ? resolver.resolve("source", row.source(), errors) : Optional.empty();
        Optional<Endpoint> destination = present(row, "destination", row.destination(), errors)
                ? resolver.resolve("destination", row.destination(), errors) : Optional.empty();
        int port = present(row, "port", row.port(), errors) ? port(row.port(), errors) : 0;
        Optional<Protocol> protocol = Protocol.parse(row.protocol());
        if (protocol.isEmpty()) {
            errors.add("unknown protocol " + quoted(row.protocol()) + " (expected TCP, UDP or SCTP)");
        }
        Instant lastSeen = lastSeen(row.lastSeen(), errors);
        if (source.isPresent() && destination.isPresent() && source.get() instanceof Endpoint.External
                && destination.get() instanceof Endpoint.External) {
            errors.add("neither end is a workload of the inventory");
        }
        return errors.isEmpty() ? new ObservedFlow(source.get(), destination.get(), protocol.get(), port, lastSeen) : null;
    }

    /** Whether a required field has a value; reports it missing unless its type is already reported. */
    private static boolean present(RawFlow row, String field, String value, List<String> errors) {
        if (!isBlank(value)) {
            return true;
        }
        if (!row.mistyped().contains(field)) {
            errors.add("missing " + field);
        }
        return false;
    }

    private static int port(String text, List<String> errors) {
        String value = text.trim();
        if (value.length() <= 5 && !value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            int port = Integer.parseInt(value);
            if (port >= PortSet.MIN && port <= PortSet.MAX) {
                return port;
            }
        }
        errors.add("port " + quoted(text) + " is not a number from 1 to 65535");
        return 0;
    }

    private static Instant lastSeen(String text, List<String> errors) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add("lastSeen " + quoted(text) + " is not an ISO-8601 time such as 2026-11-20T10:00:00Z");
            return null;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** A value from the input, shortened: problems name the offending field, never more of the input. */
    static String quoted(String text) {
        String value = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
        return "'" + value + "'";
    }

    // ---- JSON ----

    private static void readJson(String text, Reading reading) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            String position = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            reading.problem(position, "invalid JSON: " + InputText.safeMessage(e.getOriginalMessage()));
            return;
        }
        JsonNode flows = root.isArray() ? root : root.path("flows");
        if (!flows.isArray()) {
            reading.problem("", "expected an array of flows or an object with a \"flows\" array");
            return;
        }
        String prefix = root.isArray() ? "" : "flows";
        for (int i = 0; i < flows.size(); i++) {
            String position = prefix + "[" + i + "]";
            JsonNode flow = flows.get(i);
            if (!flow.isObject()) {
                reading.problem(position, "not an object");
                continue;
            }
            List<String> errors = new ArrayList<>();
            Set<String> mistyped = new java.util.HashSet<>();
            Function<String, String> field = name -> {
                JsonNode value = flow.get(name);
                if (value != null && value.isContainer()) {
                    errors.add(name + " must be a string or a number");
                    mistyped.add(name);
                    return null;
                }
                return value == null || value.isNull() ? null : value.asString(); // numbers as written
            };
            reading.row(new RawFlow(position, errors, mistyped, field.apply("source"), field.apply("destination"),
                    field.apply("port"), field.apply("protocol"), field.apply("lastSeen")));
        }
    }

    // ---- CSV ----

    private static final List<String> CSV_REQUIRED = List.of("source", "destination", "port");

    private static void readCsv(String text, Reading reading) {
        String[] lines = text.split("\r?\n", -1);
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String position = "line " + (i + 1);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells == null) {
                reading.problem(position, "a quoted cell is not closed");
                continue;
            }
            if (header == null) {
                header = cells.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
                List<String> names = header;
                List<String> missing = CSV_REQUIRED.stream().filter(c -> !names.contains(c)).toList();
                if (!missing.isEmpty()) {
                    reading.problem(position, "not a flows file: the CSV header must name source, destination and"
                            + " port (optional: protocol, lastSeen); missing " + String.join(", ", missing));
                    return;
                }
                continue;
            }
            List<String> errors = new ArrayList<>();
            if (cells.size() > header.size()) {
                errors.add("has " + cells.size() + " cells, the header " + header.size());
            }
            List<String> columns = header;
            Function<String, String> cell = name -> {
                int index = columns.indexOf(name);
                return index < 0 || index >= cells.size() ? null : cells.get(index);
            };
            reading.row(new RawFlow(position, errors, Set.of(), cell.apply("source"), cell.apply("destination"),
                    cell.apply("port"), cell.apply("protocol"), cell.apply("lastseen")));
        }
        if (header == null) {
            reading.problem("", "no flows: neither JSON nor a CSV header");
        }
    }

    /** The cells of one CSV line (RFC 4180 quoting within the line); null when a quote is left open. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return quoted ? null : cells;
    }

    // ---- resolution ----

    /** Finds workloads by name and by pod IP; remembers each answer, as flow logs repeat their endpoints. */
    private static final class Resolver {

        private final Map<String, List<ObjectRef>> byName = new HashMap<>();
        private final Map<BigInteger, Set<ObjectRef>> byAddress = new HashMap<>();
        private final Set<ObjectRef> withPods = new java.util.HashSet<>();
        private final Map<String, Resolution> resolved = new HashMap<>();

        /** A name's endpoint, or why it has none. */
        private record Resolution(Endpoint endpoint, String problem) {
            static Resolution of(Endpoint endpoint) {
                return new Resolution(endpoint, null);
            }

            static Resolution failed(String problem) {
                return new Resolution(null, problem);
            }
        }

        Resolver(Snapshot snapshot) {
            for (Workload workload : snapshot.workloads()) {
                byName.computeIfAbsent(workload.namespace() + "/" + workload.name(), k -> new ArrayList<>())
                        .add(workload.ref());
            }
            for (NetPod pod : NetworkModel.of(snapshot, List.of(), true).pods()) {
                withPods.add(pod.workload().ref());
                pod.ips().forEach(ip -> byAddress.computeIfAbsent(ip, k -> new LinkedHashSet<>()).add(pod.workload().ref()));
            }
        }

        /** The endpoint a field names, or empty with the reason added to {@code errors}. */
        Optional<Endpoint> resolve(String field, String text, List<String> errors) {
            Resolution resolution = resolved.computeIfAbsent(text.trim(), this::lookUp);
            if (resolution.problem() != null) {
                errors.add(field + " " + resolution.problem());
            }
            return Optional.ofNullable(resolution.endpoint());
        }

        private Resolution lookUp(String text) {
            Optional<BigInteger> address = IpSet.toNumber(text);
            if (address.isPresent()) {
                Set<ObjectRef> owners = byAddress.getOrDefault(address.get(), Set.of());
                if (owners.size() > 1) {
                    return Resolution.failed(quoted(text) + " is a pod IP of several workloads (" + names(owners) + ")");
                }
                return Resolution.of(owners.isEmpty() ? new Endpoint.External(IpSet.ofAddress(text))
                        : new Endpoint.WorkloadEndpoint(owners.iterator().next()));
            }
            String[] parts = text.split("/", -1);
            if (parts.length < 2 || parts.length > 3) {
                return Resolution.failed(quoted(text) + " is neither NS/NAME, NS/KIND/NAME nor an IP address");
            }
            List<ObjectRef> matches = byName.getOrDefault(parts[0] + "/" + parts[parts.length - 1], List.of()).stream()
                    .filter(ref -> parts.length == 2 || ref.kind().equalsIgnoreCase(parts[1])).toList();
            if (matches.isEmpty()) {
                return Resolution.failed(quoted(text) + " is not a workload of the inventory");
            }
            if (matches.size() > 1) {
                return Resolution.failed(quoted(text) + " names several workloads (" + names(matches) + "): use NS/KIND/NAME");
            }
            if (!withPods.contains(matches.get(0))) {
                return Resolution.failed(quoted(text) + " has no running pod to take traffic");
            }
            return Resolution.of(new Endpoint.WorkloadEndpoint(matches.get(0)));
        }

        private static String names(java.util.Collection<ObjectRef> refs) {
            return refs.stream().map(ObjectRef::toString).sorted().collect(Collectors.joining(", "));
        }
    }
}
