package dev.warden.harness.claude;

import dev.warden.call.Effect;
import dev.warden.policy.Policy;
import dev.warden.policy.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deny rules written into Claude Code's own {@code permissions.deny}: defence in depth, so
 * that the worst actions stay blocked even if Warden's hook were removed or failed open.
 *
 * <p>Only rules Claude Code's matcher can express exactly go here — Claude's Bash rules are
 * prefix matches on the raw string and would over-block or under-block — so the floor is
 * Warden's self-protection, the classic key files, a few exact catastrophic commands, and every
 * policy deny rule whose match needs no condition.
 */
public final class DenyFloor {

    private DenyFloor() {}

    public static List<String> rules(Policy policy, Path wardenHome) {
        Set<String> out = new LinkedHashSet<>();
        String wh = abs(wardenHome);
        for (String tool : List.of("Edit", "Write")) {
            out.add(tool + "(" + wh + "/**)");
            out.add(tool + "(.warden/**)");
            out.add(tool + "(.claude/settings.json)");
            out.add(tool + "(.claude/settings.local.json)");
            out.add(tool + "(~/.claude/settings.json)");
            out.add(tool + "(//etc/warden/**)");
            out.add(tool + "(//etc/claude-code/**)");
        }
        for (String key : List.of("~/.ssh/id_*", "~/.aws/credentials", "~/.config/gcloud/**", "~/.kube/config")) {
            out.add("Read(" + key + ")");
        }
        for (String cmd : List.of("rm -rf /", "rm -rf /*", "rm -rf ~", "rm -rf ~/", "rm -rf $HOME", "rm -fr /",
                "sudo rm -rf /", "mkfs", ":(){ :|:& };:")) {
            out.add("Bash(" + cmd + ")");
        }
        for (Rule r : policy.rules()) {
            if (r.effect() == Effect.DENY && r.when().isBlank()) {
                out.addAll(r.match());
            }
        }
        return new ArrayList<>(out);
    }

    private static String abs(Path p) {
        String s = p.toAbsolutePath().normalize().toString();
        return "/" + s; // Claude Code writes absolute paths as //path
    }
}
