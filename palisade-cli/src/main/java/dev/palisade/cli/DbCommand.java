package dev.palisade.cli;

import dev.palisade.vuln.db.SourceInfo;
import dev.palisade.vuln.db.SourceOutcome;
import dev.palisade.vuln.db.StoreInfo;
import dev.palisade.vuln.db.StoreInfoJson;
import dev.palisade.vuln.db.VulnerabilityDatabase;
import dev.palisade.vuln.db.VulnerabilityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code palisade db}: download, import and inspect the vulnerability database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "The vulnerability database (OSV records) used to match image packages.",
        subcommands = {DbCommand.Update.class, DbCommand.Import.class, DbCommand.Status.class})
final class DbCommand implements Runnable {

    /** How many skipped documents are listed before the rest are only counted. */
    private static final int PROBLEMS_SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static VulnerabilityDatabase database(DataDirOptions data) {
        return new VulnerabilityDatabase(data.dataDirectory().db(), Clock.systemUTC());
    }

    static void report(VulnerabilityDatabase.Result result, PrintWriter out, PrintWriter err) {
        List<String> problems = result.problems();
        problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> err.println("palisade: skipped " + p));
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println("palisade: ... and " + (problems.size() - PROBLEMS_SHOWN) + " more skipped documents");
        }
        StoreInfo info = result.info();
        out.println((result.changed() ? "database updated: " : "database up to date: ") + info.records()
                + " records (" + info.withdrawn() + " withdrawn), " + info.identity());
        out.flush();
    }

    @Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Download the configured OSV sources and rebuild the database when any changed.",
                    "Requests are conditional (ETag, Last-Modified); checksums the server sends are verified. The"
                            + " new database replaces the old one only when every source was read; otherwise the"
                            + " old one stays in use and the next run downloads only what is still missing.",
                    "Default sources: osv.dev's all.zip for Debian, Alpine, Maven, npm, PyPI and Go."})
    static final class Update implements Callable<Integer> {

        @Option(names = "--source", paramLabel = "URL", description = "An OSV zip archive URL; repeatable;"
                + " replaces the default sources.")
        List<URI> sources = new ArrayList<>();

        @Mixin
        DataDirOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            List<URI> urls = sources.isEmpty() ? VulnerabilityDatabase.DEFAULT_SOURCES : sources;
            VulnerabilityDatabase.Result result = database(data).update(urls, client);
            PrintWriter out = spec.commandLine().getOut();
            for (SourceOutcome source : result.sources()) {
                out.println((source.status() == SourceOutcome.Status.DOWNLOADED ? "downloaded    " : "not modified  ")
                        + source.source());
            }
            report(result, out, spec.commandLine().getErr());
            return PalisadeCommand.EXIT_OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Build the database from local OSV records: directories of .json files or zip archives"
                    + " (such as osv.dev's all.zip), for machines without network access. Replaces the database;"
                    + " unreadable documents are reported and skipped.")
    static final class Import implements Callable<Integer> {

        @Parameters(paramLabel = "DIR|ZIP", arity = "1..*", description = "Directories or zip archives of OSV JSON.")
        List<Path> inputs = new ArrayList<>();

        @Mixin
        DataDirOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            report(database(data).importFrom(inputs), spec.commandLine().getOut(), spec.commandLine().getErr());
            return PalisadeCommand.EXIT_OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the database: identity, when it was built and how old it is, records per ecosystem,"
                    + " and its sources.")
    static final class Status implements Callable<Integer> {

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json.")
        String format;

        @Mixin
        DataDirOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            VulnerabilityStore store = database(data).open();
            StoreInfo info = store.info();
            PrintWriter out = spec.commandLine().getOut();
            Duration age = Duration.between(info.builtAt(), Instant.now());
            if (format.equalsIgnoreCase("json")) {
                out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(json(store, info, age)));
            } else if (format.equalsIgnoreCase("table")) {
                out.println("database:   " + store.file());
                out.println("identity:   " + info.identity());
                out.println("built:      " + info.builtAt() + " (" + describe(age) + " ago)");
                out.println("records:    " + info.records() + " (" + info.withdrawn() + " withdrawn)");
                out.println("ecosystems:");
                info.recordsPerEcosystem().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(e -> out.printf(Locale.ROOT, "  %-16s %7d%n", e.getKey(), e.getValue()));
                out.println("sources:");
                for (SourceInfo source : info.sources()) {
                    out.println("  " + source.location());
                    out.println("    fetched " + source.fetchedAt() + ", " + source.records() + " records"
                            + (source.problems() == 0 ? "" : ", " + source.problems() + " skipped")
                            + (source.etag() == null ? "" : ", ETag " + source.etag()));
                }
            } else {
                throw new IllegalArgumentException("unknown output format '" + format + "' (expected table or json)");
            }
            out.flush();
            return PalisadeCommand.EXIT_OK;
        }

        private static ObjectNode json(VulnerabilityStore store, StoreInfo info, Duration age) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("file", store.file().toString());
            node.put("identity", info.identity());
            node.put("ageSeconds", age.toSeconds());
            node.setAll(StoreInfoJson.toJson(info));
            return node;
        }

        /** e.g. {@code 3 days 4 hours}, {@code 12 minutes}. */
        static String describe(Duration age) {
            if (age.toDays() > 0) {
                return age.toDays() + " days " + age.toHoursPart() + " hours";
            }
            if (age.toHours() > 0) {
                return age.toHours() + " hours " + age.toMinutesPart() + " minutes";
            }
            return Math.max(0, age.toMinutes()) + " minutes";
        }
    }
}
