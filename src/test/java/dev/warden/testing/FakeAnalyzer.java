package dev.warden.testing;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Analyzer;
import dev.warden.call.Analysis;
import dev.warden.call.Command;
import dev.warden.call.Finding;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A fake for the analysis seam, so adapter and engine tests do not depend on the rule packs:
 * Bash commands split on {@code ;} and spaces; {@code --force} is a HIGH finding, {@code rm -rf /}
 * a CRITICAL one, {@code THROW} makes analysis fail; file tools yield their path.
 */
public final class FakeAnalyzer implements Analyzer {

    @Override
    public Analysis analyze(ToolCall call, AnalysisContext context) {
        List<Command> commands = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<PathUse> paths = new ArrayList<>();
        String cmd = call.text("command").orElse("");
        if (cmd.contains("THROW")) {
            throw new IllegalStateException("analysis exploded (test)");
        }
        if (call.tool().equals("Bash")) {
            for (String part : cmd.split(";")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    commands.add(Command.of(p.split("\\s+")));
                }
                if (p.contains("--force")) {
                    findings.add(new Finding("git.force-push", Severity.HIGH, "force push rewrites history", p, "push a branch"));
                }
                if (p.startsWith("rm -rf /") || p.startsWith("rm -rf ~")) {
                    findings.add(new Finding("fs.rm-root", Severity.CRITICAL, "deletes everything", p, "delete only build output"));
                }
            }
        }
        call.text("file_path").ifPresent(f -> paths.add(new PathUse(f,
                call.tool().equals("Read") ? PathUse.Access.READ : PathUse.Access.WRITE, call.tool() + ".file_path")));
        return new Analysis(commands, paths, Set.of(), findings);
    }
}
