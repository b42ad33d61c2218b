package dev.warden.cli;

import dev.warden.call.WardenException;
import dev.warden.eval.CommandEval;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code warden eval}: score Warden against labelled corpora. */
@Command(name = "eval", description = "Score Warden's decisions against labelled corpora.",
        mixinStandardHelpOptions = true, subcommands = {EvalCommand.Commands.class})
public final class EvalCommand {

    /**
     * Builds the decider for a policy file (null: the built-in analyzer with the default
     * severity mapping). The lead's policy engine plugs in here.
     */
    @FunctionalInterface
    public interface Deciders {
        Function<String, CommandEval.Judgement> forPolicy(@Nullable Path policy);

        /** The built-in analyzer and severity mapping; refuses a policy file (not wired here). */
        Deciders STANDARD = policy -> {
            if (policy != null) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT,
                        "--policy is not supported by this build's evaluator");
            }
            return CommandEval.standardDecider(CommandEval.sampleContext());
        };
    }

    /** {@code warden eval commands FILE.jsonl}. */
    @Command(name = "commands", mixinStandardHelpOptions = true,
            description = {"Decide every command of a JSONL corpus ({\"command\",\"expected\",\"category\",\"source\"})",
                    "and report the catch rate (dangerous rows not allowed) and the false-positive rate",
                    "(benign rows not allowed), overall, per category and per source, listing every miss.",
                    "Exit codes: 0 scored (and within --min-catch/--max-fp), 1 a threshold missed, 65 unreadable input."})
    public static final class Commands implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "the corpus, one JSON object per line")
        Path file;

        @Option(names = "--policy", paramLabel = "FILE", description = "decide with this policy instead of the built-in defaults")
        @Nullable Path policy;

        @Option(names = "--format", paramLabel = "text|jsonl", defaultValue = "text",
                description = "text: the report; jsonl: every row with its decision (report on stderr)")
        String format;

        @Option(names = "--min-catch", paramLabel = "RATE", description = "fail (exit 1) below this catch rate, e.g. 0.98")
        @Nullable Double minCatch;

        @Option(names = "--max-fp", paramLabel = "RATE", description = "fail (exit 1) above this false-positive rate, e.g. 0.02")
        @Nullable Double maxFp;

        private final Deciders deciders;

        /** With Warden's real decision path (policy + analysis). */
        public Commands() {
            this(Wiring.policyDeciders());
        }

        /** With a pluggable decider (the policy engine). */
        public Commands(Deciders deciders) {
            this.deciders = deciders;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean jsonl = format.equalsIgnoreCase("jsonl");
            if (!jsonl && !format.equalsIgnoreCase("text")) {
                err.println("warden: --format must be text or jsonl");
                return ExitCodes.USAGE;
            }
            Function<String, CommandEval.Judgement> decider = deciders.forPolicy(policy);
            ObjectMapper json = JsonMapper.builder().build();
            CommandEval.Result result;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                result = CommandEval.run(in, decider, o -> {
                    if (jsonl) {
                        ObjectNode n = json.createObjectNode();
                        n.put("line", o.line());
                        n.put("command", o.row().command());
                        n.put("expected", o.row().expected());
                        n.put("decision", o.judgement().effect().label());
                        n.put("miss", o.miss());
                        n.put("category", o.row().category());
                        n.put("source", o.row().source());
                        n.put("findings", o.judgement().why());
                        out.println(json.writeValueAsString(n));
                    }
                });
            } catch (NoSuchFileException e) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "no such file: " + file);
            } catch (IOException e) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
            }
            PrintWriter report = jsonl ? err : out;
            print(result, report);
            report.flush();
            boolean failed = minCatch != null && result.overall().catchRate() < minCatch
                    || maxFp != null && result.overall().falsePositiveRate() > maxFp;
            return failed ? ExitCodes.FAILED : ExitCodes.OK;
        }

        static void print(CommandEval.Result r, PrintWriter out) {
            out.println("overall   " + line(r.overall()));
            out.println();
            out.println("by category");
            table(r.byCategory(), out);
            out.println();
            out.println("by source");
            table(r.bySource(), out);
            if (!r.misses().isEmpty()) {
                out.println();
                out.println("misses (" + r.misses().size() + ")");
                for (CommandEval.Outcome o : r.misses()) {
                    out.printf(Locale.ROOT, "  %-5s -> %-7s line %-5d %-14s %s%n", o.row().expected(),
                            o.judgement().effect().label(), o.line(), o.row().category(), oneLine(o.row().command()));
                    if (!o.judgement().why().isEmpty()) {
                        out.println("        findings: " + o.judgement().why());
                    }
                }
            }
            if (!r.errors().isEmpty()) {
                out.println();
                out.println("unreadable rows (" + r.errors().size() + ")");
                for (String e : r.errors()) {
                    out.println("  " + e);
                }
            }
        }

        private static void table(Map<String, CommandEval.Score> scores, PrintWriter out) {
            for (Map.Entry<String, CommandEval.Score> e : scores.entrySet()) {
                out.printf(Locale.ROOT, "  %-32s %s%n", e.getKey().isEmpty() ? "(none)" : e.getKey(), line(e.getValue()));
            }
        }

        private static String line(CommandEval.Score s) {
            return String.format(Locale.ROOT, "catch %6.2f%% (%d/%d)   false positives %5.2f%% (%d/%d)",
                    100 * s.catchRate(), s.caught(), s.dangerous(), 100 * s.falsePositiveRate(), s.falsePositives(), s.benign());
        }

        private static String oneLine(String s) {
            String t = s.replace("\n", "\\n");
            return t.length() > 140 ? t.substring(0, 140) + "..." : t;
        }
    }
}
