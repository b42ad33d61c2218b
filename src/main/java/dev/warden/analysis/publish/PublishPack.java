package dev.warden.analysis.publish;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Deploy and publish: what puts code or artifacts in front of other people — package
 * registries, container registries, releases, production deploys — and hosting-platform
 * actions that cannot be taken back (deleting a repository, making it public, merging).
 * All HIGH by default: a human approves each one. Dry runs are left alone.
 */
final class PublishPack implements Pack {

    static final Rule PACKAGE = new Rule("publish.package", HIGH,
            "publishes a package or image to a registry, where others install it", "npm publish",
            "let the release pipeline publish; run with --dry-run to check the package");
    static final Rule DEPLOY = new Rule("publish.deploy", HIGH,
            "deploys to a hosting platform", "vercel --prod", "deploy a preview, or let a human deploy to production");
    static final Rule RELEASE = new Rule("publish.release", HIGH,
            "creates, edits or deletes a release", "gh release create v1.2.0", "prepare release notes and let a human publish");
    static final Rule REPO = new Rule("publish.repo-admin", HIGH,
            "deletes, archives, renames, transfers or changes the visibility of a repository",
            "gh repo delete owner/repo --yes", "ask the repository owner");
    static final Rule PLATFORM = new Rule("publish.platform-change", MEDIUM,
            "changes shared state on the code-hosting platform (merges, closes, secrets, workflows, gists)",
            "gh pr merge 42", "leave merging and closing to a human; comment instead");

    static final List<Rule> RULES = List.of(PACKAGE, DEPLOY, RELEASE, REPO, PLATFORM);

    private static final Set<String> PROGRAMS = Set.of("npm", "pnpm", "yarn", "bun", "cargo", "poetry", "twine",
            "gem", "mvn", "mvnw", "gradle", "gradlew", "dotnet", "nuget", "flit", "hatch", "uv", "pdm", "helm",
            "docker", "podman", "buildah", "skopeo", "crane", "vsce", "ovsx", "goreleaser", "jreleaser",
            "semantic-release", "changeset", "lerna", "pod", "mix", "anaconda", "gh", "glab", "hub", "vercel",
            "netlify", "fly", "flyctl", "firebase", "serverless", "sls", "cdk", "sam", "wrangler", "railway", "eb",
            "amplify", "surge", "gh-pages", "cap", "gcloud", "kubectl", "az", "heroku", "deno", "jsr", "swift",
            "python", "rsconnect", "expo", "eas", "fastlane", "xcrun",
            "now", "npx", "make", "just", "task", "mage", "ko", "docker-compose",
            "dart", "flutter", "cabal", "sbt", "lein", "luarocks", "oras", "jf", "jfrog", "nerdctl", "regctl", "gcrane", "earthly");

    /** Global options of the JavaScript package managers that take a value, so the subcommand is found after them. */
    private static final Set<String> JS_VALUED = Set.of("--prefix", "-C", "--dir", "--cwd", "-w", "--workspace",
            "--registry", "--userconfig", "--cache", "--loglevel", "--filter", "-F", "--tag", "--otp", "--access",
            "--scope", "--globalconfig", "--config");

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        if (c.flag("--help", "-h") || dryRun(c)) {
            return;
        }
        String prog = c.program();
        List<String> ops = prog.equals("npm") || prog.equals("pnpm") || prog.equals("yarn") || prog.equals("bun")
                ? c.operands(JS_VALUED) : c.operands();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        String text = c.text();
        switch (c.program()) {
            case "npm", "pnpm", "yarn", "bun" -> {
                switch (sub) {
                    case "publish", "pub" -> out.add(PACKAGE.finding(text)); // pub: npm's alias
                    case "unpublish" -> out.add(PACKAGE.finding("removes a published package version from the registry", text));
                    case "deprecate", "dist-tag" -> out.add(PACKAGE.finding(MEDIUM, "changes a published package's metadata", text));
                    case "owner", "author" -> {
                        if (sub2.equals("add") || sub2.equals("rm") || sub2.equals("remove")) {
                            out.add(REPO.finding("changes who may publish a package (" + sub + " " + sub2 + ")", text));
                        }
                    }
                    case "access" -> {
                        if (sub2.equals("grant") || sub2.equals("revoke") || sub2.equals("set") || sub2.equals("public")
                                || sub2.equals("restricted")) {
                            out.add(REPO.finding("changes a package's access or visibility (access " + sub2 + ")", text));
                        }
                    }
                    case "npm" -> {
                        if (sub2.equals("publish")) {
                            out.add(PACKAGE.finding(text));
                        }
                    }
                    case "run", "run-script" -> script(c, sub2, out);
                    case "workspaces", "workspace" -> {
                        // yarn workspaces foreach [opts] npm publish / run release: the command runs in each workspace
                        int at = ops.indexOf("publish");
                        if (sub2.equals("foreach") && at > 1 && (ops.get(at - 1).equals("npm") || ops.get(at - 1).equals("foreach"))) {
                            out.add(PACKAGE.finding("publishes every workspace (" + String.join(" ", ops) + ")", text));
                        }
                    }
                    default -> {
                        if (c.program().equals("yarn") && (sub.equals("deploy") || sub.equals("release"))) {
                            script(c, sub, out);
                        }
                    }
                }
            }
            case "npx" -> {
                if (sub.equals("semantic-release") || sub.equals("np") || sub.equals("release-it") || sub.equals("vercel")
                        && c.flag("--prod") || sub.equals("netlify") && c.flag("--prod") || sub.equals("wrangler")
                        && (sub2.equals("deploy") || sub2.equals("publish")) || sub.equals("firebase") && sub2.equals("deploy")
                        || sub.equals("lerna") && sub2.equals("publish") || sub.equals("changeset") && sub2.equals("publish")) {
                    out.add(PACKAGE.finding("publishes or deploys through npx " + sub, text));
                }
            }
            case "cargo" -> {
                if (sub.equals("publish") || (sub.equals("release") || sub.equals("workspaces") && sub2.equals("publish")
                        || sub.equals("smart-release")) && c.flag("--execute", "-x", "--yes", "-y")) {
                    // cargo release --execute (cargo-release), cargo workspaces publish --yes: publish and push tags
                    out.add(PACKAGE.finding(text));
                } else if (sub.equals("yank")) {
                    out.add(PACKAGE.finding(MEDIUM, "yanks a published crate version", text));
                } else if (sub.equals("owner") && c.flag("--add", "-a", "--remove", "-r")) {
                    out.add(PACKAGE.finding(MEDIUM, "changes who can publish a crate", text));
                }
            }
            case "poetry", "flit", "hatch", "uv", "pdm", "twine", "anaconda" -> {
                if (sub.equals("publish") || sub.equals("upload") || c.program().equals("twine") && sub.equals("upload")) {
                    out.add(PACKAGE.finding(text));
                } else if (c.program().equals("anaconda") && (sub.equals("remove") || sub.equals("move") || sub.equals("copy"))) {
                    // anaconda remove OWNER/PKG[/VERSION]: gone from anaconda.org for everyone who installs it
                    out.add(PACKAGE.finding("removes or moves a published package on anaconda.org", text));
                }
            }
            case "python" -> {
                // python -m twine upload, python -m poetry publish: the module is the tool
                String module = c.option("-m").orElse("");
                if (module.equals("twine") && ops.contains("upload") || (module.equals("poetry") || module.equals("flit")
                        || module.equals("hatch") || module.equals("pdm") || module.equals("uv")) && ops.contains("publish")) {
                    out.add(PACKAGE.finding("publishes a package to a registry (python -m " + module + ")", text));
                    return;
                }
                if (ops.size() >= 2 && ops.get(0).endsWith("setup.py") && (ops.contains("upload") || ops.contains("register"))) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "gem" -> {
                if (sub.equals("push")) {
                    out.add(PACKAGE.finding(text));
                } else if (sub.equals("yank") || sub.equals("owner")) {
                    out.add(PACKAGE.finding(MEDIUM, "changes a published gem", text));
                }
            }
            case "mvn", "mvnw" -> {
                for (String o : ops) {
                    if (o.equals("deploy") || o.startsWith("deploy:") || o.startsWith("release:perform")
                            || o.equals("nexus-staging:release") || o.startsWith("jib:build")) {
                        out.add(PACKAGE.finding("deploys artifacts to a remote repository (" + o + ")", text));
                        return;
                    }
                }
            }
            case "gradle", "gradlew" -> {
                for (String o : ops) {
                    String l = o.toLowerCase(Locale.ROOT);
                    if (l.startsWith("publish") && !l.contains("tomavenlocal") && !l.contains("local")
                            || l.equals("uploadarchives") || l.contains("publishplugins") || l.equals("jib")
                            || l.startsWith("closeandrelease") || l.contains("releaserepository")) {
                        out.add(PACKAGE.finding("publishes artifacts (" + o + ")", text));
                        return;
                    }
                }
            }
            case "dotnet", "nuget" -> {
                if (sub.equals("nuget") && sub2.equals("push") || sub.equals("push")) {
                    out.add(PACKAGE.finding(text));
                } else if (sub.equals("nuget") && sub2.equals("delete") || sub.equals("delete")) {
                    out.add(PACKAGE.finding("removes (unlists) a published package version", text));
                }
            }
            case "helm" -> {
                if (sub.equals("push") || sub.equals("cm-push")) {
                    out.add(PACKAGE.finding(MEDIUM, "pushes a chart to a registry", text));
                }
            }
            case "docker", "podman", "buildah", "nerdctl" -> {
                if (sub.equals("push") || sub.equals("image") && sub2.equals("push") || sub.equals("manifest") && sub2.equals("push")
                        || (sub.equals("compose") || sub.equals("stack")) && ops.contains("push")
                        || (sub.equals("buildx") || sub.equals("build")) && (c.flag("--push") || registryOutput(c))) {
                    out.add(PACKAGE.finding(MEDIUM, "pushes an image to a container registry", text));
                }
            }
            case "docker-compose" -> {
                if (sub.equals("push")) {
                    out.add(PACKAGE.finding(MEDIUM, "pushes the services' images to a container registry", text));
                }
            }
            case "dart", "flutter" -> {
                if (sub.equals("pub") && sub2.equals("publish") || sub.equals("publish")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "cabal" -> {
                if (sub.equals("upload") && c.flag("--publish")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "sbt" -> {
                for (String o : ops) {
                    String t = o.startsWith("+") ? o.substring(1) : o;
                    if (t.equals("publish") || t.equals("publishSigned") || t.equals("release") || t.startsWith("sonatype")) {
                        out.add(PACKAGE.finding("runs the sbt task " + o + ", which publishes artifacts", text));
                        break;
                    }
                }
            }
            case "lein" -> {
                if (sub.equals("deploy")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "luarocks" -> {
                if (sub.equals("upload")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "earthly" -> {
                if (c.flag("--push", "-P")) {
                    out.add(PACKAGE.finding(MEDIUM, "runs the build's push steps (images and RUN --push commands)", text));
                }
            }
            case "oras" -> {
                if (sub.equals("push") || sub.equals("cp") || sub.equals("copy") || sub.equals("tag")) {
                    out.add(PACKAGE.finding(MEDIUM, "pushes an artifact to an OCI registry", text));
                } else if ((sub.equals("manifest") || sub.equals("blob")) && (sub2.equals("delete") || sub2.equals("rm"))) {
                    out.add(PACKAGE.finding("deletes an artifact from an OCI registry (oras " + sub + " delete)", text));
                }
            }
            case "jf", "jfrog" -> {
                if (ops.contains("upload") || ops.contains("u") && ops.indexOf("u") == 1 || ops.contains("deploy")
                        || ops.contains("docker-push") || ops.contains("npm-publish")) {
                    out.add(PACKAGE.finding(MEDIUM, "uploads artifacts to a JFrog repository", text));
                }
            }
            case "skopeo", "crane", "gcrane", "regctl" -> {
                if (sub.equals("copy") || sub.equals("push") || sub.equals("delete") || sub.equals("cp")
                        || prog.equals("regctl") && (sub.equals("image") || sub.equals("artifact") || sub.equals("tag"))
                                && (sub2.equals("copy") || sub2.equals("cp") || sub2.equals("put") || sub2.equals("delete")
                                        || sub2.equals("rm") || sub2.equals("import") || sub2.equals("mod"))) {
                    out.add(PACKAGE.finding(MEDIUM, "copies or deletes images in a registry", text));
                }
            }
            case "vsce", "ovsx", "jsr" -> {
                if (sub.equals("publish") || sub.equals("unpublish")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "deno" -> {
                if (sub.equals("publish")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "goreleaser", "jreleaser", "semantic-release" -> {
                if (!c.flag("--snapshot", "--skip-publish") && !sub.equals("check") && !sub.equals("build")
                        && !sub.equals("init") && !sub.equals("healthcheck")) {
                    out.add(RELEASE.finding("publishes a release", text));
                }
            }
            case "changeset", "lerna" -> {
                if (sub.equals("publish")) {
                    out.add(PACKAGE.finding(text));
                } else if (sub.equals("version") && c.program().equals("lerna") && !c.flag("--no-push")) {
                    // lerna version commits, tags and pushes the bumped versions (release pipelines publish on tags);
                    // with --no-push it only changes the working tree
                    out.add(PACKAGE.finding(MEDIUM, "bumps, tags and pushes new package versions", text));
                }
            }
            case "pod" -> {
                if (sub.equals("trunk") && sub2.equals("push")) {
                    out.add(PACKAGE.finding(text));
                } else if (sub.equals("trunk") && (sub2.equals("delete") || sub2.equals("deprecate"))) {
                    out.add(PACKAGE.finding("removes or deprecates a published pod version", text));
                } else if (sub.equals("trunk") && sub2.equals("add-owner")) {
                    out.add(REPO.finding(MEDIUM, "gives another account the right to publish the pod", text));
                }
            }
            case "mix" -> {
                if (sub.equals("hex.publish")) {
                    out.add(PACKAGE.finding(text));
                } else if (sub.equals("hex.retire") || sub.equals("hex.owner") && !sub2.equals("list")) {
                    // a retired release warns every user away from it; owners can publish over the package
                    out.add(PACKAGE.finding(MEDIUM, "changes a published Hex package (" + sub + ")", text));
                }
            }
            case "swift" -> {
                if (sub.equals("package-registry") && sub2.equals("publish")) {
                    out.add(PACKAGE.finding(text));
                }
            }
            case "gh", "glab", "hub" -> Platform.inspect(c, ops, out);
            case "vercel", "now" -> {
                if (c.flag("--prod", "--production") || sub.equals("promote")) {
                    out.add(DEPLOY.finding("deploys to production on Vercel", text));
                } else if (sub.equals("rm") || sub.equals("remove")) {
                    out.add(DEPLOY.finding("removes Vercel deployments or projects", text));
                } else if (sub.isEmpty() || sub.equals("deploy")) {
                    out.add(DEPLOY.finding(LOW, "creates a preview deployment on Vercel", text));
                }
            }
            case "netlify" -> {
                if (sub.equals("deploy")) {
                    out.add(c.flag("--prod", "--production") ? DEPLOY.finding("deploys to production on Netlify", text)
                            : DEPLOY.finding(LOW, "creates a draft deploy on Netlify", text));
                } else if (sub.startsWith("sites:delete") || sub.equals("sites:delete")) {
                    out.add(DEPLOY.finding("deletes a Netlify site", text));
                }
            }
            case "fly", "flyctl" -> {
                if (sub.equals("deploy") || sub.equals("launch") || sub.equals("scale") || sub.equals("secrets") && sub2.equals("set")) {
                    out.add(DEPLOY.finding(text));
                }
            }
            case "firebase" -> {
                if (sub.equals("deploy") || sub.startsWith("hosting:channel:deploy") || sub.endsWith(":delete")
                        || sub.equals("database:remove") || sub.equals("firestore:delete")) {
                    out.add(DEPLOY.finding(text));
                }
            }
            case "serverless", "sls", "sam", "cdk", "amplify", "eb", "railway", "surge", "gh-pages", "wrangler", "eas",
                    "expo", "rsconnect", "fastlane" -> {
                if (sub.equals("delete") || sub.equals("destroy") || sub.equals("remove") || sub.equals("rm")
                        || sub2.equals("delete") || sub.equals("down") && c.program().equals("railway")) {
                    out.add(DEPLOY.finding("deletes a deployment, site or service", text));
                } else if (sub.equals("deploy") || sub.equals("publish") || sub.equals("up") && c.program().equals("railway")
                        || c.program().equals("surge") || c.program().equals("gh-pages")
                        || sub.equals("submit") || sub.equals("release") || sub.equals("update") && c.program().equals("eas")
                        || sub2.equals("deploy") || sub2.equals("publish")
                        || c.program().equals("fastlane") && (sub.equals("deliver") || sub.equals("supply")
                        || sub.equals("pilot") || sub.startsWith("upload_to_") || sub.equals("appstore")
                        || sub.equals("playstore") || sub.equals("run") && (sub2.startsWith("upload_to_")
                                || sub2.equals("deliver") || sub2.equals("supply") || sub2.equals("pilot")))) {
                    out.add(DEPLOY.finding(text));
                } else if (c.program().equals("fastlane") && sub.equals("match") && (sub2.equals("nuke")
                        || ops.contains("nuke"))) {
                    // match nuke revokes every certificate and profile of that type: every signed build stops
                    out.add(DEPLOY.finding("revokes the team's signing certificates and profiles (fastlane match nuke)", text));
                }
            }
            case "xcrun" -> {
                if (sub.equals("altool") && c.flag("--upload-app", "--upload-package")) {
                    out.add(DEPLOY.finding("uploads an app to App Store Connect (altool)", text));
                }
            }
            case "make", "just", "task", "mage" -> {
                if (c.program().equals("make") && c.flag("-n", "--just-print", "--dry-run", "--recon")
                        || c.program().equals("just") && c.flag("-n", "--dry-run")
                        || c.program().equals("task") && c.flag("-n", "--dry")) {
                    return; // prints the recipes instead of running them
                }
                for (String o : ops) {
                    if (o.indexOf('=') < 0) {
                        script(c, o, out);
                    }
                }
            }
            case "cap" -> {
                if (ops.contains("deploy")) {
                    out.add(DEPLOY.finding(text));
                }
            }
            case "gcloud" -> {
                int d = ops.indexOf("deploy");
                if (d >= 0 && d <= 3) {
                    out.add(DEPLOY.finding(text));
                }
            }
            case "az" -> {
                String line = String.join(" ", ops);
                if (line.contains("deployment create") || line.contains(" deploy") || line.startsWith("webapp up")) {
                    out.add(DEPLOY.finding(MEDIUM, "deploys to Azure", text));
                }
            }
            case "ko" -> {
                // ko build (alias publish) and resolve push images unless told to stay local;
                // apply and create also deploy the resolved manifests with kubectl
                boolean local = c.flag("--local", "-L") || c.option("--push").map("false"::equals).orElse(false)
                        || c.env().getOrDefault("KO_DOCKER_REPO", "").startsWith("ko.local");
                switch (sub) {
                    case "apply", "create" -> out.add(DEPLOY.finding("ko " + sub + " builds and pushes images and applies the "
                            + "manifests to the cluster", text));
                    case "delete" -> out.add(DEPLOY.finding("ko delete removes the manifests' resources from the cluster", text));
                    case "build", "publish", "resolve" -> {
                        if (!local) {
                            out.add(PACKAGE.finding(MEDIUM, "ko " + sub + " pushes images to a container registry (use --local "
                                    + "to keep them in the local daemon)", text));
                        }
                    }
                    default -> { }
                }
            }
            case "heroku" -> {
                if (sub.equals("releases:rollback") || sub.equals("container:release")) {
                    out.add(DEPLOY.finding(text));
                }
            }
            default -> { }
        }
    }

    /** {@code docker buildx build -o type=registry} (or {@code type=image,push=true}) pushes like {@code --push}. */
    private static boolean registryOutput(Invocation c) {
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = null;
            if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.size()) {
                v = args.get(i + 1);
            } else if (a.startsWith("--output=")) {
                v = a.substring("--output=".length());
            } else if (a.startsWith("-o") && a.length() > 2) {
                v = a.substring(2);
            }
            if (v != null) {
                String l = v.toLowerCase(Locale.ROOT).replace(" ", "");
                if (l.contains("type=registry") || l.contains("push=true")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code npm run deploy}: the project's own script named like a deploy or release. */
    private static void script(Invocation c, String name, Report out) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("deploy") || n.startsWith("release") || n.startsWith("publish") || n.endsWith(":deploy")
                || n.endsWith(":publish") || n.endsWith(":release") || n.contains("deploy:prod")) {
            out.add(DEPLOY.finding(MEDIUM, "runs the project's " + name + " script", c.text()));
        }
    }

    /**
     * {@code --dry-run} (or {@code --dryrun}) that is on: npm reads {@code --dry-run false} and
     * {@code --dry-run=false} as off.
     */
    private static boolean dryRun(Invocation c) {
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--dry-run") || a.equals("--dryrun")) {
                return !(i + 1 < args.size() && args.get(i + 1).equals("false"));
            }
            if (a.startsWith("--dry-run=") || a.startsWith("--dryrun=")) {
                return !a.endsWith("=false");
            }
        }
        return false;
    }
}
