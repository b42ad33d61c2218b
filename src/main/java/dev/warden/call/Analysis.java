package dev.warden.call;

import java.util.List;
import java.util.Set;

/**
 * What analysis learnt about a call: the commands it will run, the paths and network hosts it
 * touches, and the findings (risky actions, or parts it could not analyse).
 *
 * @param commands the simple commands a Bash call will execute (empty for other tools)
 * @param paths    the file-system paths touched, canonicalised
 * @param hosts    network hosts contacted (WebFetch URLs, curl/wget/git remotes, ...), lower-case
 * @param findings what was found; an unanalysable input is itself a finding, never silence
 */
public record Analysis(List<Command> commands, List<PathUse> paths, Set<String> hosts, List<Finding> findings) {

    public static final Analysis EMPTY = new Analysis(List.of(), List.of(), Set.of(), List.of());

    public Analysis {
        commands = List.copyOf(commands);
        paths = List.copyOf(paths);
        hosts = Set.copyOf(hosts);
        findings = List.copyOf(findings);
    }
}
