package dev.warden.analysis.cloud;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Place;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cloud and infrastructure: what destroys or changes remote resources — Terraform, Pulumi,
 * Kubernetes, Helm, the AWS/GCP/Azure CLIs and their peers, containers. Deletion of remote
 * resources is HIGH (irreversible and shared); changes to a cluster or infrastructure are
 * MEDIUM; production markers raise both. Dry runs, plans, and read verbs are left alone.
 */
final class CloudPack implements Pack {

    static final Rule IAC_DESTROY = new Rule("cloud.iac-destroy", HIGH,
            "destroys infrastructure, applies without review, or removes resources from state",
            "terraform destroy -auto-approve", "run terraform plan and let a human apply");
    static final Rule IAC_APPLY = new Rule("cloud.iac-apply", MEDIUM,
            "changes real infrastructure (apply, up)", "terraform apply", "run a plan and show it; let a human apply");
    static final Rule K8S_DELETE = new Rule("cloud.k8s-delete", HIGH,
            "deletes, drains or scales down Kubernetes workloads", "kubectl delete namespace staging",
            "use --dry-run=server to show the effect, and ask a human to approve");
    static final Rule K8S_CHANGE = new Rule("cloud.k8s-change", MEDIUM,
            "changes resources in a Kubernetes cluster", "kubectl apply -f deploy.yaml",
            "use --dry-run=server or kubectl diff first");
    static final Rule HELM_DELETE = new Rule("cloud.helm-uninstall", HIGH,
            "uninstalls a Helm release and its resources", "helm uninstall api", "ask a human to approve");
    static final Rule CLOUD_DELETE = new Rule("cloud.resource-delete", HIGH,
            "deletes or terminates cloud resources (instances, buckets, databases, projects)",
            "aws ec2 terminate-instances --instance-ids i-1", "ask a human to approve; show what would go first");
    static final Rule CLOUD_CHANGE = new Rule("cloud.resource-change", MEDIUM,
            "changes cloud resources or their access (stop, detach, revoke, modify)", "aws ec2 stop-instances --instance-ids i-1",
            "ask a human to approve");
    static final Rule CONTAINER_DATA = new Rule("cloud.container-data-loss", HIGH,
            "deletes container volumes or prunes everything unused", "docker volume rm pgdata",
            "remove only the containers you started");
    static final Rule CONTAINER_REMOVE = new Rule("cloud.container-remove", MEDIUM,
            "removes containers or images", "docker rm -f web", "remove only the containers you started");
    static final Rule CONTAINER_ESCAPE = new Rule("cloud.container-escape", HIGH,
            "starts a container with host privileges or the host file system mounted",
            "docker run --privileged -v /:/host alpine", "run containers without --privileged and mount only the project");
    static final Rule LOCAL_CLUSTER = new Rule("cloud.local-cluster-delete", MEDIUM,
            "deletes a local development cluster", "kind delete cluster",
            "confirm with the user that the cluster holds nothing they need");

    static final List<Rule> RULES = List.of(IAC_DESTROY, IAC_APPLY, K8S_DELETE, K8S_CHANGE, HELM_DELETE, CLOUD_DELETE,
            CLOUD_CHANGE, CONTAINER_DATA, CONTAINER_REMOVE, CONTAINER_ESCAPE, LOCAL_CLUSTER);

    static final Set<String> PROGRAMS = Set.of("terraform", "tofu", "terragrunt", "pulumi", "cdk", "cdktf",
            "kubectl", "oc", "helm", "aws", "gcloud", "az", "doctl", "eksctl", "kind", "minikube", "k3d", "docker",
            "podman", "nerdctl", "docker-compose", "podman-compose", "heroku", "fly", "flyctl", "linode-cli", "hcloud",
            "openstack", "scw", "ibmcloud", "oci", "aliyun", "vultr-cli", "serverless", "sls", "ansible", "ansible-playbook",
            "devcontainer",
            "salt", "salt-ssh");

    @Override
    public String name() {
        return "cloud";
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
        if (c.flag("--dry-run", "--dryrun", "--help", "-h", "--what-if") && !c.flag("--dry-run=none")) {
            return;
        }
        List<String> ops = c.operands(valued(c.program()));
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        String text = c.text();
        switch (c.program()) {
            case "terraform", "tofu", "terragrunt", "cdktf" -> terraform(c, sub, sub2, out);
            case "pulumi" -> {
                switch (sub) {
                    case "destroy", "down" -> out.add(IAC_DESTROY.finding(text));
                    case "up", "update" -> out.add(c.flag("--yes", "-y", "--skip-preview", "-f")
                            ? IAC_DESTROY.finding("applies infrastructure changes without a preview", text) : IAC_APPLY.finding(text));
                    case "refresh", "import", "cancel" -> out.add(IAC_APPLY.finding(text));
                    case "stack" -> {
                        if (sub2.equals("rm") || sub2.equals("remove")) {
                            out.add(IAC_DESTROY.finding("removes a Pulumi stack and its history", text));
                        }
                    }
                    case "state" -> {
                        if (sub2.equals("delete") || sub2.equals("unprotect") || sub2.equals("edit")) {
                            out.add(IAC_DESTROY.finding(text));
                        }
                    }
                    default -> { }
                }
            }
            case "cdk" -> {
                if (sub.equals("destroy")) {
                    out.add(IAC_DESTROY.finding(text));
                }
            }
            case "serverless", "sls" -> {
                if (sub.equals("remove")) {
                    out.add(IAC_DESTROY.finding(text));
                }
            }
            case "kubectl", "oc" -> {
                kubectl(c, ops, out);
                String profile = c.option("--profile").orElse("");
                if (sub.equals("debug") && (profile.equals("sysadmin") || profile.equals("netadmin"))) {
                    out.add(CONTAINER_ESCAPE.finding("starts a privileged debug container (--profile=" + profile + ")", text));
                } else if (sub.equals("debug") && ops.size() > 1
                        && (ops.get(1).startsWith("node/") || ops.get(1).startsWith("nodes/"))) {
                    // a pod in the node's namespaces with its root file system at /host
                    out.add(CONTAINER_ESCAPE.finding("opens a shell on a cluster node, with its file system (kubectl "
                            + "debug node/)", text));
                }
            }
            case "helm" -> {
                switch (sub) {
                    case "uninstall", "delete", "del", "un" -> out.add(HELM_DELETE.finding(text));
                    case "install", "upgrade", "rollback" -> {
                        if (!localContext(c.option("--kube-context").orElse(""))) {
                            // (helm --kube-context kind-dev upgrade: the cluster on this machine, as for kubectl)
                            out.add(K8S_CHANGE.finding("installs, upgrades or rolls back a Helm release", text));
                        }
                    }
                    default -> { }
                }
            }
            case "aws" -> aws(c, ops, out);
            case "gcloud", "az", "doctl", "linode-cli", "hcloud", "openstack", "scw", "ibmcloud", "oci", "aliyun", "vultr-cli" ->
                    verbs(c, ops, out);
            case "eksctl" -> {
                if (sub.equals("delete") || sub.equals("drain")) {
                    out.add(CLOUD_DELETE.finding(text));
                } else if (sub.equals("create") || sub.equals("upgrade") || sub.equals("scale") || sub.equals("update")) {
                    out.add(CLOUD_CHANGE.finding(text));
                }
            }
            case "kind", "minikube", "k3d" -> {
                if (sub.equals("delete") || sub2.equals("delete")) {
                    out.add(LOCAL_CLUSTER.finding(text));
                }
                // minikube mount HOST:DIR, --mount-string=HOST:DIR, k3d -v HOST:DIR: a host directory in the cluster
                List<String> args = c.args();
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    String spec = a.startsWith("--mount-string=") || a.startsWith("--volume=") ? a.substring(a.indexOf('=') + 1)
                            : (a.equals("-v") || a.equals("--volume") || a.equals("--mount-string")) && i + 1 < args.size()
                                    ? args.get(i + 1) : sub.equals("mount") && i > 0 && !a.startsWith("-") ? a : null;
                    if (spec != null && hostMount(c, spec)) {
                        out.add(CONTAINER_ESCAPE.finding("mounts the host's " + spec + " into the cluster", text));
                        break;
                    }
                }
            }
            case "devcontainer" -> {
                String m = c.option("--mount").orElse("");
                if (!m.isEmpty() && hostMount(c, m)) {
                    out.add(CONTAINER_ESCAPE.finding("mounts the host's " + m + " into the dev container", text));
                }
            }
            case "docker", "podman", "nerdctl" -> Containers.docker(c, ops, out);
            case "docker-compose", "podman-compose" -> Containers.compose(c, ops, out);
            case "heroku" -> heroku(c, sub, out);
            case "fly", "flyctl" -> {
                if (sub.equals("destroy") || sub.equals("apps") && (sub2.equals("destroy") || sub2.equals("delete"))
                        || sub2.equals("destroy") || sub2.equals("delete")) {
                    out.add(CLOUD_DELETE.finding(text));
                }
            }
            case "salt", "salt-ssh" -> {
                // salt TARGET cmd.run 'CMD': run on every minion the target matches
                for (int i = 0; i + 1 < ops.size(); i++) {
                    if (ops.get(i).equals("cmd.run") || ops.get(i).equals("cmd.shell") || ops.get(i).equals("cmd.script")) {
                        out.add(CLOUD_CHANGE.finding(MEDIUM, "runs a command on every matching minion, out of Warden's "
                                + "sight", text));
                        break;
                    }
                }
            }
            case "ansible" -> {
                String module = c.option("-m", "--module-name").orElse("command");
                if (module.equals("shell") || module.equals("command") || module.equals("raw") || module.equals("script")) {
                    out.add(CLOUD_CHANGE.finding(MEDIUM, "runs a command on inventory hosts, out of Warden's sight", text));
                } else if (!module.equals("ping") && !module.equals("setup") && !module.equals("debug")) {
                    out.add(CLOUD_CHANGE.finding(text));
                }
            }
            case "ansible-playbook" -> {
                if (!c.flag("--check", "-C", "--syntax-check", "--list-tasks", "--list-hosts")) {
                    out.add(IAC_APPLY.finding("runs a playbook against real hosts", text));
                }
            }
            default -> { }
        }
    }

    private static Set<String> valued(String program) {
        return switch (program) {
            case "kubectl", "oc" -> Set.of("-n", "--namespace", "--context", "-f", "--filename", "-l", "--selector",
                    "-o", "--output", "--kubeconfig", "--cluster", "--user", "-c", "--container", "--replicas",
                    "--type", "-p", "--patch", "--grace-period", "--timeout", "--field-selector", "-s", "--server",
                    "--token", "--as", "--image", "--port", "-k", "--kustomize");
            case "helm" -> Set.of("-n", "--namespace", "--kube-context", "-f", "--values", "--set", "--version",
                    "--kubeconfig", "-o", "--output", "--timeout", "--repo");
            case "aws" -> Set.of("--profile", "--region", "--output", "--query", "--endpoint-url", "--cli-input-json",
                    "--color", "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout");
            case "docker", "podman", "nerdctl" -> Set.of("-H", "--host", "--context", "-c", "--config", "--log-level",
                    "-l", "--tlscacert", "--tlscert", "--tlskey");
            case "terraform", "tofu", "terragrunt" -> Set.of("-chdir", "-var", "-var-file", "-target", "-state");
            case "ansible" -> Set.of("-m", "--module-name", "-a", "--args", "-i", "--inventory", "-u", "--user",
                    "-b", "-f", "--forks", "-e", "--extra-vars", "-l", "--limit");
            default -> Set.of("--project", "--region", "--zone", "--format", "--subscription", "-g", "--resource-group",
                    "--account", "--configuration", "-o", "--output", "--context", "-t", "--access-token");
        };
    }

    private static void terraform(Invocation c, String sub, String sub2, Report out) {
        String text = c.text();
        switch (sub) {
            case "destroy" -> out.add(IAC_DESTROY.finding(text));
            case "apply" -> {
                if (c.flag("-destroy", "--destroy")) {
                    out.add(IAC_DESTROY.finding(text));
                } else if (c.flag("-auto-approve", "--auto-approve")) {
                    out.add(IAC_DESTROY.finding("applies infrastructure changes without review (-auto-approve)", text));
                } else {
                    out.add(IAC_APPLY.finding(text));
                }
            }
            case "state" -> {
                switch (sub2) {
                    case "rm", "mv", "push", "replace-provider" -> out.add(IAC_DESTROY.finding(
                            "rewrites Terraform state (" + sub2 + "), which can orphan or destroy resources", text));
                    default -> { }
                }
            }
            case "import", "taint", "untaint", "refresh" -> out.add(IAC_APPLY.finding(MEDIUM, "changes Terraform state (" + sub + ")", text));
            case "force-unlock" -> out.add(IAC_DESTROY.finding(MEDIUM, "breaks the Terraform state lock", text));
            case "workspace" -> {
                if (sub2.equals("delete")) {
                    out.add(IAC_DESTROY.finding("deletes a Terraform workspace", text));
                }
            }
            case "plan" -> {
                if (c.flag("-destroy", "--destroy")) {
                    out.add(IAC_APPLY.finding(LOW, "plans the destruction of infrastructure (read-only)", text));
                }
            }
            case "run-all" -> {
                if (sub2.equals("destroy") || sub2.equals("apply")) {
                    out.add(IAC_DESTROY.finding(text));
                }
            }
            default -> { }
        }
    }

    /** Contexts of clusters that run on this machine: kind, minikube, Docker Desktop, k3d, Rancher Desktop, OrbStack, colima. */
    static boolean localContext(String context) {
        return context.startsWith("kind-") || context.equals("minikube") || context.equals("docker-desktop")
                || context.startsWith("k3d-") || context.equals("rancher-desktop") || context.equals("orbstack")
                || context.startsWith("colima") || context.equals("docker-for-desktop");
    }

    private static void kubectl(Invocation c, List<String> ops, Report out) {
        if (ops.isEmpty() || c.option("--dry-run").isPresent()) {
            return;
        }
        boolean local = localContext(c.option("--context").orElse(""));
        if (local && !ops.get(0).equals("delete") && !ops.get(0).equals("drain")) {
            return; // kubectl --context kind-dev rollout restart: the cluster on this machine, rebuilt at will
        }
        String text = c.text();
        String verb = ops.get(0);
        switch (verb) {
            // on a cluster of this machine a delete asks, as deleting the whole cluster does (kind delete cluster)
            case "delete" -> out.add(local ? K8S_DELETE.finding(MEDIUM, "deletes resources of a cluster on this machine ("
                    + c.option("--context").orElse("") + ")", text) : K8S_DELETE.finding(text));
            case "drain" -> out.add(K8S_DELETE.finding("drains a node, evicting every pod on it", text));
            case "cordon", "taint" -> out.add(K8S_CHANGE.finding(text));
            case "scale" -> {
                String replicas = c.option("--replicas").orElse("");
                if (replicas.equals("0")) {
                    out.add(K8S_DELETE.finding("scales a workload down to zero replicas", text));
                } else {
                    out.add(K8S_CHANGE.finding(text));
                }
            }
            case "replace" -> out.add(c.flag("--force") ? K8S_DELETE.finding("replaces resources by deleting and re-creating them", text)
                    : K8S_CHANGE.finding(text));
            case "apply" -> out.add(c.flag("--prune") ? K8S_DELETE.finding("applies with --prune, deleting resources not in the files", text)
                    : K8S_CHANGE.finding(text));
            case "cp" -> {
                // kubectl cp POD:/path local: a copy out of the cluster changes nothing there
                String to = ops.isEmpty() ? "" : ops.get(ops.size() - 1);
                if (ops.size() < 3 || to.indexOf(':') > 0 && !to.startsWith("/") && !to.startsWith(".")) {
                    out.add(K8S_CHANGE.finding(text));
                }
            }
            case "create", "patch", "edit", "set", "label", "annotate", "expose", "run", "autoscale", "uncordon" -> {
                if (!((verb.equals("set") || verb.equals("label") || verb.equals("annotate")) && c.flag("--list"))) {
                    out.add(K8S_CHANGE.finding(text)); // (kubectl set env deploy/x --list, label --list: a read)
                }
            }
            case "rollout" -> {
                String what = ops.size() > 1 ? ops.get(1) : "";
                if (what.equals("restart") || what.equals("undo") || what.equals("pause") || what.equals("resume")) {
                    out.add(K8S_CHANGE.finding(text));
                }
            }
            case "certificate" -> out.add(K8S_CHANGE.finding(text));
            case "config" -> {
                String what = ops.size() > 1 ? ops.get(1) : "";
                if (what.startsWith("set") || what.startsWith("delete") || what.equals("unset") || what.equals("rename-context")) {
                    out.add(K8S_CHANGE.finding(LOW, "changes kubeconfig", text));
                }
            }
            default -> { }
        }
    }

    private static void aws(Invocation c, List<String> ops, Report out) {
        if (ops.size() < 2) {
            return;
        }
        String service = ops.get(0);
        String op = ops.get(1);
        String text = c.text();
        if (service.equals("s3")) {
            switch (op) {
                case "rm" -> out.add(c.flag("--recursive") ? CLOUD_DELETE.finding("deletes every object under an S3 prefix", text)
                        : CLOUD_DELETE.finding(MEDIUM, "deletes an S3 object", text));
                case "rb" -> out.add(CLOUD_DELETE.finding(c.flag("--force") ? HIGH : MEDIUM, "removes an S3 bucket", text));
                case "mv" -> out.add(CLOUD_CHANGE.finding("moves S3 objects", text));
                case "sync" -> {
                    if (c.flag("--delete")) {
                        out.add(CLOUD_DELETE.finding("syncs with --delete, removing objects missing from the source", text));
                    }
                }
                default -> { }
            }
            return;
        }
        if (service.equals("configure") || service.equals("sts") || service.equals("help")) {
            return;
        }
        if (op.equals("update-domain-nameservers") || op.startsWith("transfer-domain") || op.equals("change-resource-record-sets")
                || op.equals("disable-domain-transfer-lock")) {
            // who answers for a domain, or what its records say: traffic and mail follow
            out.add(CLOUD_CHANGE.finding(op.equals("change-resource-record-sets") ? MEDIUM : HIGH,
                    "changes where a domain points (" + op + ")", text));
            return;
        }
        Severity s = verbSeverity(op);
        boolean access = accessChange(ops.subList(0, 2), secretOption(c));
        if (s == HIGH && access && !destroys(op)) {
            s = MEDIUM; // reset-service-specific-credential: a new secret, not a deletion
        }
        if (s != null) {
            out.add(s == HIGH ? CLOUD_DELETE.finding(text) : access ? CLOUD_CHANGE.finding(ACCESS, text) : CLOUD_CHANGE.finding(text));
        } else if (access) {
            out.add(CLOUD_CHANGE.finding(ACCESS, text));
        }
    }

    private static final String ACCESS = "changes who can get in: passwords, credentials, access keys or access policies";

    /** Parts of an operation name that say it concerns credentials or access. */
    private static final Set<String> ACCESS_NOUNS = Set.of("password", "passwords", "passwd", "credential",
            "credentials", "cred", "creds", "secret", "secrets", "policy", "policies", "acl", "acls", "permission",
            "permissions", "binding", "bindings", "assignment", "grant", "grants", "sas");
    /** Noun phrases (joined by '-') that are credentials although no part alone says so. */
    private static final String[] ACCESS_PHRASES = {"access-key", "login-profile", "create-user", "create-group", "api-key",
            "ssh-public-key",
            "ssh-key", "key-pair", "service-accounts-keys", "service-account-keys", "signing-certificate",
            "role-assignment", "sp-reset", "app-password", "user-pool-client-secret"};
    private static final Set<String> CHANGE_VERBS = Set.of("create", "update", "set", "reset", "rotate", "regenerate",
            "change", "renew", "add", "attach", "put", "grant", "generate", "upload", "import", "modify", "replace",
            "patch", "enable", "new", "admin");
    private static final Set<String> READ_VERBS = Set.of("get", "list", "describe", "show", "print", "test", "simulate",
            "validate", "lookup", "check", "view", "search", "read", "wait", "help", "ls");

    /**
     * True when the operation (the CLI words up to the verb: {@code sql users set-password},
     * {@code iam update-login-profile}, {@code ad sp credential reset}, {@code projects
     * add-iam-policy-binding}) changes credentials or access: a credential or access noun (or a
     * password option: {@code user set --password}) and a change verb, and no read verb.
     */
    static boolean accessChange(List<String> words, boolean secretOption) {
        List<String> parts = new java.util.ArrayList<>(8);
        for (String w : words) {
            if (w.startsWith("-") || !w.matches("[A-Za-z0-9_-]{1,64}")) {
                continue;
            }
            for (String p : Invocation.kebab(w).split("[-_]")) { // AttachPolicyToUser: attach policy to user
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
        }
        boolean noun = secretOption;
        boolean verb = false;
        for (String p : parts) {
            if (READ_VERBS.contains(p)) {
                return false;
            }
            noun |= ACCESS_NOUNS.contains(p);
            verb |= CHANGE_VERBS.contains(p);
        }
        if (!noun) {
            String joined = String.join("-", parts);
            for (String phrase : ACCESS_PHRASES) {
                if (joined.contains(phrase)) {
                    noun = true;
                    break;
                }
            }
        }
        return noun && verb;
    }

    /** An option that carries a password or credential ({@code --password}, {@code --master-user-password}). */
    private static boolean secretOption(Invocation c) {
        for (String a : c.args()) {
            if (a.startsWith("--")) {
                String n = a.toLowerCase(Locale.ROOT);
                int eq = n.indexOf('=');
                n = eq < 0 ? n : n.substring(0, eq);
                if (n.contains("password") || n.contains("credential") || n.contains("passwd")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean destroys(String op) {
        for (String part : op.toLowerCase(Locale.ROOT).split("[-_]")) {
            if (part.equals("delete") || part.equals("deletion") || part.equals("terminate") || part.equals("destroy")
                    || part.equals("purge") || part.equals("remove") || part.equals("rm") || part.equals("drop")) {
                return true;
            }
        }
        return false;
    }

    /** gcloud/az/doctl-style: the verb is one of the operands (gcloud compute instances delete x). */
    private static void verbs(Invocation c, List<String> ops, Report out) {
        int limit = Math.min(ops.size(), 5);
        boolean secret = secretOption(c);
        for (int i = 0; i < limit; i++) {
            String o = Invocation.kebab(ops.get(i)); // aliyun ecs DeleteInstance is delete-instance
            Severity s = verbSeverity(o);
            if (s != null) {
                boolean access = accessChange(ops.subList(0, i + 1), secret);
                if (s == HIGH && access && !destroys(o)) {
                    s = MEDIUM; // "ad sp credential reset": new credentials, nothing deleted
                }
                out.add(s == HIGH ? CLOUD_DELETE.finding(c.text()) : access ? CLOUD_CHANGE.finding(ACCESS, c.text())
                        : CLOUD_CHANGE.finding(c.text()));
                return;
            }
            if (accessChange(ops.subList(0, i + 1), secret)) {
                out.add(CLOUD_CHANGE.finding(ACCESS, c.text()));
                return;
            }
        }
    }

    /** HIGH for delete-like verbs, MEDIUM for stop/revoke-like, null otherwise. Matches {@code delete-db-instance} too. */
    static Severity verbSeverity(String op) {
        String o = op.toLowerCase(Locale.ROOT);
        // batch-delete-image, schedule-key-deletion: a destructive verb anywhere in the operation name
        for (String part : o.split("[-_]")) {
            if (part.equals("delete") || part.equals("deletion") || part.equals("terminate") || part.equals("destroy")
                    || part.equals("purge")) {
                if (!o.startsWith("describe") && !o.startsWith("get") && !o.startsWith("list")) {
                    return HIGH;
                }
            }
        }
        for (String p : new String[] {"delete", "terminate", "destroy", "purge", "remove", "rm", "drop", "wipe", "nuke", "deprovision",
                "decommission", "reset", "erase", "close", "rebuild"}) {
            if (o.equals(p) || o.startsWith(p + "-") || o.startsWith(p + "_")) {
                return p.equals("remove") || p.equals("rm") || p.equals("reset") ? (o.contains("permission") || o.contains("tag")
                        || o.contains("role") || o.contains("member") || o.contains("binding") ? MEDIUM : HIGH) : HIGH;
            }
        }
        for (String p : new String[] {"stop", "revoke", "deregister", "detach", "disable", "disassociate", "reboot",
                "restart", "cancel", "deactivate", "suspend", "shutdown", "unassign", "release", "kill", "deploy",
                "execute", "update-function-code", "update-stack", "create-deployment", "start-deployment", "leave",
                "garbage-collection", "seek"}) {
            if (o.equals(p) || o.startsWith(p + "-") || o.startsWith(p + "_")) {
                return MEDIUM;
            }
        }
        return null;
    }

    private static void heroku(Invocation c, String sub, Report out) {
        String s = sub.toLowerCase(Locale.ROOT);
        if (s.equals("apps:destroy") || s.equals("destroy") || s.equals("pg:reset") || s.equals("addons:destroy")
                || s.equals("pg:reset") || s.equals("apps:delete") || s.endsWith(":destroy") || s.endsWith(":delete")
                || s.endsWith(":remove") || s.equals("pg:kill") || s.equals("pg:killall")) {
            out.add(CLOUD_DELETE.finding(c.text()));
        } else if (s.equals("config:set") || s.equals("config:unset") || s.equals("ps:scale") || s.equals("releases:rollback")
                || s.equals("maintenance:on") || s.equals("ps:stop") || s.equals("restart") || s.equals("ps:restart")) {
            out.add(CLOUD_CHANGE.finding(c.text()));
        }
    }

    /** The source side of a mount spec: {@code ~/.kube} of {@code ~/.kube:/k}, {@code /x} of {@code type=bind,source=/x,...}. */
    private static String mountSource(String spec) {
        String src = spec;
        int colon = spec.indexOf(':');
        if (colon > 0) {
            src = spec.substring(0, colon);
        }
        if (src.startsWith("source=") || src.contains(",source=") || src.contains("src=")) {
            int i = src.indexOf("source=") >= 0 ? src.indexOf("source=") + 7 : src.indexOf("src=") + 4;
            int comma = src.indexOf(',', i);
            src = src.substring(i, comma < 0 ? src.length() : comma);
        }
        return src;
    }

    /** The host path of a mount spec; empty for a named volume. */
    static Optional<Path> hostPath(Invocation c, String spec) {
        String src = mountSource(spec);
        return src.startsWith("/") || src.startsWith("~") ? c.path(src) : Optional.empty();
    }

    static boolean hostMount(Invocation c, String spec) {
        String src = mountSource(spec);
        if (src.equals("/var/run/docker.sock") || src.equals("/run/docker.sock")) {
            return true;
        }
        if (!src.startsWith("/") && !src.startsWith("~") && !src.startsWith("$")) {
            return false; // a named volume
        }
        Optional<Path> p = c.path(src);
        if (p.isEmpty()) {
            return false;
        }
        Place place = c.place(p.get());
        return place == Place.ROOT || place == Place.HOME || place == Place.HOME_ANCESTOR || place == Place.SYSTEM
                || place == Place.DEVICE || p.get().toString().contains("/.ssh") || p.get().toString().contains("/.aws");
    }
}
