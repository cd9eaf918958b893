package dev.palisade.cli;

import dev.palisade.image.ImageProblem;
import dev.palisade.image.ImageResult;
import dev.palisade.image.sbom.SbomFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade image}: read container images; each use is a subcommand. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Read container images from registries, archives and layouts, and catalogue their packages.",
        subcommands = {ImageCommand.Sbom.class, ImageCommand.Scan.class})
final class ImageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "sbom", mixinStandardHelpOptions = true, description = {"List every package of an image: OS"
            + " packages (dpkg, apk, rpm) and language packages (Java, npm, Python, Go), with purls, locations and"
            + " the layer that added them.",
            "Exit 0 when the image was read (problems with single files are printed to stderr), 2 when it could"
                    + " not be read, or had problems and --strict is given."})
    static final class Sbom implements Callable<Integer> {

        @Mixin
        ImageOptions image;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), json, cyclonedx (CycloneDX 1.5 JSON) or spdx (SPDX 2.3 JSON).")
        String format;

        @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path outputFile;

        @Option(names = "--strict", description = "Exit 2 when any part of the image could not be read.")
        boolean strict;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SbomFormat sbomFormat = SbomFormat.parse(format);
            ImageResult result = image.catalogues().catalogue(image.source(), image.platform());
            PrintWriter err = spec.commandLine().getErr();
            Output.write(outputFile, spec.commandLine().getOut(), writer -> sbomFormat.write(result.catalogue(),
                    writer));
            for (ImageProblem problem : result.problems()) {
                err.println("palisade: " + problem);
            }
            if (outputFile != null) {
                err.println("palisade: " + result.catalogue().packages().size() + " packages written to "
                        + outputFile + (result.cached() ? " (from the image cache)" : ""));
            }
            err.flush();
            return strict && !result.problems().isEmpty() ? PalisadeCommand.EXIT_USAGE : PalisadeCommand.EXIT_OK;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false, description = {"Catalogue an image"
            + " and match its packages against the vulnerability database (palisade db update/import).",
            "Exit 1 when a shown vulnerability is at or above --fail-on, 2 when the image could not be read or there"
                    + " is no database."})
    static final class Scan implements Callable<Integer> {

        @Mixin
        ImageOptions image;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), json, sarif or cyclonedx (the SBOM with its vulnerabilities).")
        String format;

        @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path outputFile;

        @Option(names = "--severity", paramLabel = "LEVEL[,LEVEL...]", split = ",",
                description = "Only these severities: critical, high, medium, low, unknown.")
        java.util.List<String> severities = new java.util.ArrayList<>();

        @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities without a fixed version.")
        boolean ignoreUnfixed;

        @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a shown vulnerability is at or"
                + " above SEVERITY (low, medium, high, critical).")
        String failOn;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var renderer = dev.palisade.report.ImageScanRenderer.parse(format);
            java.util.Set<dev.palisade.vuln.VulnSeverity> wanted = new java.util.HashSet<>();
            for (String severity : severities) {
                wanted.add(severity(severity));
            }
            dev.palisade.vuln.VulnSeverity threshold = failOn == null ? null : severity(failOn);
            var db = image.data.dataDirectory().db();
            if (!dev.palisade.vuln.db.VulnerabilityStore.existsIn(db)) {
                throw new IllegalArgumentException("no vulnerability database in " + db
                        + ": run 'palisade db update' or 'palisade db import DIR|ZIP'");
            }
            var store = dev.palisade.vuln.db.VulnerabilityStore.openIn(db);
            ImageResult result = image.catalogues().catalogue(image.source(), image.platform());
            var matched = dev.palisade.vuln.VulnerabilityMatcher.match(result.catalogue(), store);
            java.util.List<String> problems = new java.util.ArrayList<>();
            result.problems().forEach(p -> problems.add(p.toString()));
            problems.addAll(matched.problems());
            var scan = new dev.palisade.vuln.ImageScan(result.catalogue().reference(), result.catalogue(),
                    matched.vulnerabilities(), result.catalogue().analysedAt(), store.info().identity(), problems);
            var shown = scan.vulnerabilities().stream()
                    .filter(v -> wanted.isEmpty() || wanted.contains(v.severity()))
                    .filter(v -> !ignoreUnfixed || v.fixable())
                    .sorted(dev.palisade.vuln.ImageScan.WORST_FIRST).toList();
            Output.write(outputFile, spec.commandLine().getOut(), writer -> renderer.write(scan, shown, writer));
            problems.forEach(p -> spec.commandLine().getErr().println("palisade: " + p));
            spec.commandLine().getErr().flush();
            return threshold != null && shown.stream().anyMatch(v -> v.severity().compareTo(threshold) >= 0)
                    ? PalisadeCommand.EXIT_FINDINGS : PalisadeCommand.EXIT_OK;
        }

        private static dev.palisade.vuln.VulnSeverity severity(String text) {
            try {
                return dev.palisade.vuln.VulnSeverity.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown severity '" + text
                        + "' (expected critical, high, medium, low or unknown)");
            }
        }
    }
}
