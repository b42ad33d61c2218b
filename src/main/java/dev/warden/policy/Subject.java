package dev.warden.policy;

import dev.warden.call.Analysis;
import dev.warden.call.Command;
import dev.warden.call.ToolCall;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One call being judged, with what is derived from it once and shared by every matcher:
 * the analysis, the project and home roots, the normalised command lines, and (lazily) the CEL
 * activation.
 */
final class Subject {

    final ToolCall call;
    final Analysis analysis;
    final String project;
    final String home;
    final String profile;
    final List<String> lines;
    private @Nullable Map<String, Object> activation;

    Subject(ToolCall call, Analysis analysis, String project, String home, String profile) {
        this.call = call;
        this.analysis = analysis;
        this.project = project;
        this.home = home;
        this.profile = profile;
        List<Command> commands = analysis.commands();
        String[] ls = new String[commands.size()];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = CommandPattern.line(commands.get(i));
        }
        this.lines = List.of(ls);
    }

    Map<String, Object> activation() {
        if (activation == null) {
            activation = CelCondition.activation(this);
        }
        return activation;
    }
}
