package dev.palisade.cli;

import dev.palisade.Palisade;
import dev.palisade.source.SourceException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palisade}: the entry point. Each capability is a subcommand; this class only wires them. */
@Command(name = "palisade", mixinStandardHelpOptions = true, versionProvider = PalisadeCommand.Version.class,
        description = "Kubernetes security posture: inventory, exposure, privileges, ownership and more.",
        subcommands = {ScanCommand.class, CheckCommand.class, PssCommand.class, RbacCommand.class, DemoCommand.class,
                PolicyCommand.class, NetpolCommand.class, RiskCommand.class, DbCommand.class, VulnCommand.class,
                ComplianceCommand.class, NodeFactsCommand.class, SnapshotCommand.class, ImageCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:",
                "  0  no finding at or above --fail-on (or no --fail-on given)",
                "  1  findings at or above --fail-on",
                "  2  usage error, unreadable input, or input errors with --strict"})
public final class PalisadeCommand implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PalisadeCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("palisade: " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof SourceException || e instanceof IllegalArgumentException
                    || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
                err.println("palisade: " + e.getMessage());
            } else {
                err.println("palisade: internal error: " + e);
            }
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"palisade " + Palisade.version()};
        }
    }
}
