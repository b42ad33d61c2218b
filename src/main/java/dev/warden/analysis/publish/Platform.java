package dev.warden.analysis.publish;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Report;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** GitHub's and GitLab's CLIs: repository administration, releases, merges, secrets. */
final class Platform {

    private static final Set<String> VALUED = Set.of("-R", "--repo", "-X", "--method", "-H", "--header", "-f",
            "--field", "-F", "--raw-field", "-q", "--jq", "-t", "--template", "-b", "--body", "-m", "--message",
            "--title", "-T", "--notes", "-n", "--comment", "-c", "--reason", "--base", "--head", "-B", "-L", "--limit",
            "--visibility", "-d", "--description", "--hostname", "-h");

    private Platform() {}

    static void inspect(Invocation c, List<String> allOps, Report out) {
        List<String> ops = c.operands(VALUED);
        if (ops.isEmpty()) {
            return;
        }
        String group = ops.get(0);
        String verb = ops.size() > 1 ? ops.get(1) : "";
        String text = c.text();
        switch (group) {
            case "repo", "project" -> {
                switch (verb) {
                    case "delete", "archive", "rename", "transfer", "unarchive" ->
                            out.add(PublishPack.REPO.finding(PublishPack.REPO.description() + " (" + verb + ")", text));
                    case "sync" -> {
                        if (c.flag("--force")) {
                            // gh repo sync --force: the branch is reset to the source's, as a force push would
                            out.add(PublishPack.REPO.finding("overwrites a branch with the source repository's, dropping "
                                    + "its own commits (repo sync --force)", text));
                        }
                    }
                    case "edit" -> {
                        String vis = c.option("--visibility").orElse("");
                        if (!vis.isEmpty() || c.flag("--default-branch", "--enable-issues", "--allow-forking",
                                "--delete-branch-on-merge", "--accept-visibility-change-consequences")) {
                            out.add(PublishPack.REPO.finding(vis.equalsIgnoreCase("public")
                                    ? "makes the repository public" : "changes repository settings", text));
                        }
                    }
                    case "create" -> {
                        if (c.flag("--public")) {
                            out.add(PublishPack.PLATFORM.finding("creates a public repository", text));
                        }
                    }
                    case "deploy-key" -> out.add(PublishPack.PLATFORM.finding(text));
                    default -> { }
                }
            }
            case "release" -> {
                switch (verb) {
                    case "create", "upload", "edit" -> out.add(PublishPack.RELEASE.finding(text));
                    case "delete", "delete-asset" -> out.add(PublishPack.RELEASE.finding("deletes a release", text));
                    default -> { }
                }
            }
            case "pr", "mr" -> {
                switch (verb) {
                    case "merge" -> out.add(PublishPack.PLATFORM.finding("merges a pull request", text));
                    case "close" -> out.add(PublishPack.PLATFORM.finding("closes a pull request", text));
                    case "review" -> {
                        if (c.flag("--approve", "-a")) {
                            out.add(PublishPack.PLATFORM.finding("approves a pull request", text));
                        }
                    }
                    default -> { }
                }
            }
            case "issue" -> {
                switch (verb) {
                    case "close", "transfer", "lock", "pin", "unpin" -> out.add(PublishPack.PLATFORM.finding(verb + "s an issue", text));
                    case "delete" -> out.add(PublishPack.PLATFORM.finding(HIGH, "deletes an issue", text));
                    default -> { }
                }
            }
            case "secret", "variable" -> {
                if (verb.equals("delete") || verb.equals("remove") || verb.equals("set")) {
                    out.add(PublishPack.PLATFORM.finding(verb + "s a repository " + group, text));
                }
            }
            case "workflow" -> {
                String all = String.join(" ", c.args()).toLowerCase(java.util.Locale.ROOT);
                if (verb.equals("run") && (all.contains("deploy") || all.contains("release") || all.contains("publish")
                        || all.contains("prod"))) {
                    // a workflow dispatch named or aimed like a deploy is the pipeline deploying for the agent
                    out.add(PublishPack.DEPLOY.finding("starts a deploy or release workflow (" + String.join(" ", ops) + ")", text));
                } else if (verb.equals("disable") || verb.equals("enable") || verb.equals("run")) {
                    out.add(PublishPack.PLATFORM.finding(verb.equals("run") ? LOW : MEDIUM, verb + "s a workflow", text));
                }
            }
            case "run" -> {
                if (verb.equals("delete")) {
                    out.add(PublishPack.PLATFORM.finding("deletes workflow runs", text));
                }
            }
            case "gist", "snippet" -> {
                if (verb.equals("create") || verb.equals("new")) {
                    out.add(PublishPack.PLATFORM.finding(c.flag("--public", "-p") ? HIGH : MEDIUM,
                            "publishes files as a gist", text));
                } else if (verb.equals("delete") || verb.equals("edit")) {
                    out.add(PublishPack.PLATFORM.finding(verb + "s a gist", text));
                }
            }
            case "ssh-key", "gpg-key" -> {
                if (verb.equals("add") || verb.equals("delete")) {
                    out.add(PublishPack.PLATFORM.finding(verb + "s an account key", text));
                }
            }
            case "label", "codespace", "cache", "ruleset", "org", "team" -> {
                if (verb.equals("delete") || verb.equals("remove")) {
                    out.add(PublishPack.PLATFORM.finding(group.equals("cache") ? LOW : MEDIUM, "deletes a " + group, text));
                }
            }
            case "api" -> {
                String method = c.option("-X", "--method").orElse("GET").toUpperCase(Locale.ROOT);
                boolean fields = c.flag("-f", "-F", "--field", "--raw-field", "--input");
                switch (method) {
                    case "DELETE" -> out.add(PublishPack.PLATFORM.finding(HIGH, "sends DELETE to the GitHub API", text));
                    case "PUT", "PATCH", "POST" -> out.add(PublishPack.PLATFORM.finding("changes state through the GitHub API ("
                            + method + ")", text));
                    default -> {
                        // fields make gh POST, unless GET is asked for; a GraphQL query reads, a mutation writes
                        boolean explicitGet = c.option("-X", "--method").isPresent();
                        if (fields && !explicitGet && !graphqlQuery(c)) {
                            out.add(PublishPack.PLATFORM.finding("changes state through the GitHub API (POST)", text));
                        }
                    }
                }
            }
            case "auth" -> {
                if (verb.equals("logout") || verb.equals("refresh") && c.flag("--scopes", "-s")) {
                    out.add(PublishPack.PLATFORM.finding(LOW, "changes the CLI's login", text));
                }
            }
            default -> { }
        }
    }

    /** {@code gh api graphql -f query='query { ... }'}: a GraphQL read, which gh sends as a POST. */
    private static boolean graphqlQuery(Invocation c) {
        List<String> args = c.args();
        if (!args.contains("graphql")) {
            return false;
        }
        boolean query = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--input")) {
                return false; // the document is in a file Warden does not read
            }
            if ((a.equals("-f") || a.equals("-F") || a.equals("--field") || a.equals("--raw-field")) && i + 1 < args.size()) {
                String v = args.get(++i);
                if (v.toLowerCase(Locale.ROOT).contains("mutation")) {
                    return false;
                }
                if (v.startsWith("query=")) {
                    String doc = v.substring(6).strip();
                    query = doc.startsWith("query") || doc.startsWith("{");
                }
            }
        }
        return query;
    }
}
