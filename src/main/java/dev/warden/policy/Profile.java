package dev.warden.policy;

import java.util.List;

/**
 * A least-privilege profile as written (after {@code extends} is resolved): what an agent
 * governed by it may use. An empty list allows nothing of that kind; {@code ["*"]} allows all.
 *
 * @param name        the profile's name
 * @param description what kind of agent or task it is for
 * @param layer       the layer that defined it
 * @param tools       tool-name globs ({@code Read}, {@code mcp__github__*}, {@code *})
 * @param commands    Bash command patterns ({@code git status}, {@code mvn test:*}, {@code *})
 * @param read        path globs it may read (Claude Code syntax: {@code //abs}, {@code ~/x}, {@code /project-relative})
 * @param write       path globs it may write or delete
 * @param network     domains it may contact ({@code github.com}, {@code *.npmjs.org}, {@code *})
 */
public record Profile(
        String name,
        String description,
        Layer layer,
        List<String> tools,
        List<String> commands,
        List<String> read,
        List<String> write,
        List<String> network) {

    public Profile {
        tools = List.copyOf(tools);
        commands = List.copyOf(commands);
        read = List.copyOf(read);
        write = List.copyOf(write);
        network = List.copyOf(network);
    }
}
