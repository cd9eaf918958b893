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
        subcommands = {ImageCommand.Sbom.class})
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
}
