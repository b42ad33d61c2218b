package dev.warden.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML document as a small tree that remembers where each node came from, so that every
 * compile problem can name its {@code file:line:col}. Anchors/aliases are refused (a policy has
 * no use for them and they enable billion-laughs documents).
 */
final class Yaml {

    private Yaml() {}

    /** A position in a policy file; line and column are 1-based. */
    record Pos(String file, int line, int col) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + col;
        }
    }

    sealed interface YNode permits YMap, YList, YScalar {
        Pos pos();
    }

    record YMap(Pos pos, Map<String, YNode> entries, Map<String, Pos> keyPos) implements YNode {
        @Nullable YNode get(String key) {
            return entries.get(key);
        }
    }

    record YList(Pos pos, List<YNode> items) implements YNode {}

    /** A scalar; {@code plain} is false for quoted scalars (so "yes" stays a string). */
    record YScalar(Pos pos, String value, boolean plain) implements YNode {}

    /** Parses one document. Problems go to the list; returns empty when the text is unusable. */
    static Optional<YNode> parse(String file, String text, List<PolicyProblem> problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0)
                .setCodePointLimit(4 * 1024 * 1024)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(convert(file, root.get(), problems, 0));
        } catch (MarkedYamlEngineException e) {
            Pos pos = e.getProblemMark().or(e::getContextMark).map(m -> pos(file, m)).orElse(new Pos(file, 1, 1));
            problems.add(new PolicyProblem(pos.file(), pos.line(), pos.col(), "invalid YAML: " + firstLine(e.getProblem())));
        } catch (YamlEngineException e) {
            problems.add(new PolicyProblem(file, 1, 1, "invalid YAML: " + firstLine(String.valueOf(e.getMessage()))));
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Pos pos(String file, Mark m) {
        return new Pos(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private static Pos pos(String file, Node n) {
        return n.getStartMark().map(m -> pos(file, m)).orElse(new Pos(file, 1, 1));
    }

    private static YNode convert(String file, Node node, List<PolicyProblem> problems, int depth) {
        Pos p = pos(file, node);
        if (depth > 64) {
            problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "document nested too deeply"));
            return new YScalar(p, "", true);
        }
        if (node.getAnchor().isPresent()) {
            problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "anchors and aliases are not supported in policies"));
        }
        return switch (node) {
            case MappingNode m -> {
                Map<String, YNode> entries = new LinkedHashMap<>();
                Map<String, Pos> keys = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    Node k = t.getKeyNode();
                    if (!(k instanceof ScalarNode ks)) {
                        Pos kp = pos(file, k);
                        problems.add(new PolicyProblem(kp.file(), kp.line(), kp.col(), "mapping keys must be plain strings"));
                        continue;
                    }
                    if (entries.containsKey(ks.getValue())) {
                        Pos kp = pos(file, k);
                        problems.add(new PolicyProblem(kp.file(), kp.line(), kp.col(), "duplicate key '" + ks.getValue() + "'"));
                    }
                    entries.put(ks.getValue(), convert(file, t.getValueNode(), problems, depth + 1));
                    keys.put(ks.getValue(), pos(file, k));
                }
                yield new YMap(p, entries, keys);
            }
            case SequenceNode s -> {
                List<YNode> items = new ArrayList<>();
                for (Node n : s.getValue()) {
                    items.add(convert(file, n, problems, depth + 1));
                }
                yield new YList(p, items);
            }
            case ScalarNode s -> new YScalar(p, s.getValue(), s.isPlain());
            default -> {
                problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "unsupported YAML node"));
                yield new YScalar(p, "", true);
            }
        };
    }
}
