package dev.warden.policy;

import dev.warden.call.Command;
import dev.warden.call.PathUse;
import dev.warden.call.Reason;
import dev.warden.call.Effect;
import java.util.List;
import java.util.function.Consumer;

/** A profile ready to check calls against: its patterns compiled once. */
final class CompiledProfile {

    private static final int SHOWN = 8;

    private final Profile view;
    private final List<String> tools;
    private final List<CommandPattern> commands;
    private final boolean anyCommand;
    private final List<PathPattern> read;
    private final List<PathPattern> write;
    private final List<DomainPattern> network;
    private final boolean anyHost;

    private CompiledProfile(Profile view) {
        this.view = view;
        this.tools = view.tools();
        this.commands = view.commands().stream().map(CommandPattern::compile).toList();
        this.anyCommand = commands.stream().anyMatch(CommandPattern::any);
        this.read = view.read().stream().map(PathPattern::compile).toList();
        this.write = view.write().stream().map(PathPattern::compile).toList();
        this.network = view.network().stream().map(DomainPattern::compile).toList();
        this.anyHost = network.stream().anyMatch(DomainPattern::any);
    }

    static CompiledProfile compile(Profile view) {
        for (String s : view.tools()) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("empty tool name");
            }
        }
        return new CompiledProfile(view);
    }

    Profile view() {
        return view;
    }

    String name() {
        return view.name();
    }

    /**
     * Checks the call against the profile's scope; reports each thing out of scope as a deny
     * reason that says what the profile allows.
     */
    void check(Subject s, Consumer<Reason> out) {
        String tool = s.call.tool();
        boolean toolOk = false;
        for (String t : tools) {
            if (Glob.matches(t, tool)) {
                toolOk = true;
                break;
            }
        }
        if (!toolOk) {
            out.accept(new Reason("profile.tool", Effect.DENY,
                    "profile '" + name() + "' does not allow the tool " + tool, tool,
                    "use one of the tools this profile allows: " + shown(tools)));
            return;
        }
        if (!anyCommand) {
            List<Command> cs = s.analysis.commands();
            for (int i = 0; i < cs.size(); i++) {
                String line = s.lines.get(i);
                boolean ok = false;
                for (CommandPattern p : commands) {
                    if (p.matches(line)) {
                        ok = true;
                        break;
                    }
                }
                if (!ok) {
                    out.accept(new Reason("profile.command", Effect.DENY,
                            "profile '" + name() + "' does not allow this command", cs.get(i).text(),
                            "run only commands this profile allows: " + shown(view.commands())));
                }
            }
        }
        for (PathUse p : s.analysis.paths()) {
            boolean writing = p.access() == PathUse.Access.WRITE || p.access() == PathUse.Access.DELETE;
            if (p.access() == PathUse.Access.EXECUTE || (writing && isStream(p.path()))) {
                continue;
            }
            List<PathPattern> allowed = writing ? write : read;
            boolean ok = false;
            for (PathPattern pp : allowed) {
                if (pp.matches(p.path(), s.project, s.home)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                List<String> src = writing ? view.write() : view.read();
                out.accept(new Reason("profile.path", Effect.DENY,
                        "profile '" + name() + "' does not allow " + (writing ? "writing " : "reading ") + p.path(), p.origin(),
                        src.isEmpty() ? "this profile may not " + (writing ? "write" : "read") + " files at all"
                                : (writing ? "write" : "read") + " only under: " + shown(src)));
            }
        }
        if (!anyHost) {
            for (String h : s.analysis.hosts()) {
                boolean ok = false;
                for (DomainPattern d : network) {
                    if (d.matches(h)) {
                        ok = true;
                        break;
                    }
                }
                if (!ok) {
                    out.accept(new Reason("profile.network", Effect.DENY,
                            "profile '" + name() + "' does not allow contacting " + h, h,
                            view.network().isEmpty() ? "this profile has no network access"
                                    : "contact only: " + shown(view.network())));
                }
            }
        }
    }

    /** Writing to these is not writing a file: output streams every profile may use. */
    static boolean isStream(String path) {
        return path.equals("/dev/null") || path.equals("/dev/stdout") || path.equals("/dev/stderr")
                || path.equals("/dev/tty") || path.startsWith("/dev/fd/") || path.startsWith("/proc/self/fd/");
    }

    private static String shown(List<String> items) {
        if (items.isEmpty()) {
            return "(none)";
        }
        if (items.size() <= SHOWN) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, SHOWN)) + " and " + (items.size() - SHOWN) + " more";
    }
}
