package dev.warden.analysis.exec;

import dev.warden.analysis.Pack;
import java.util.List;

/** The code-execution pack. */
public final class ExecRules {

    private ExecRules() {}

    /** True for shell programs (normalised names such as {@code bash}, {@code sh}, {@code zsh}). */
    /**
     * True when code in a language Warden does not parse shows a side effect: a process, the
     * network, a write or delete (the same net as inline code), or, in Ant and MSBuild files,
     * a task that runs or removes something.
     */
    public static boolean sideEffects(String code, String program) {
        String lower = code.length() > 20000 ? code.substring(0, 20000).toLowerCase(java.util.Locale.ROOT)
                : code.toLowerCase(java.util.Locale.ROOT);
        for (String task : BUILD_TASKS) {
            if (lower.contains(task)) {
                return true;
            }
        }
        if (program.startsWith("bazel") && (lower.contains("genrule") || lower.contains("cmd =") || lower.contains("cmd="))) {
            return true; // a genrule's cmd runs in a shell at build time
        }
        if (program.startsWith("gradle") || program.equals("./gradlew") || program.equals("groovy")) {
            // Gradle's own file tasks and process calls: delete X, exec { }, javaexec, copy { into ... }, sync { }
            for (String task : new String[] {"delete ", "delete(", "exec ", "javaexec", "copy {", "copy{", "sync {", "sync{"}) {
                if (lower.contains(task)) {
                    return true;
                }
            }
        }
        return Interpreters.effects(lower, program);
    }

    /** Ant and MSBuild tasks, and native toolchains' library calls, that run, fetch, move or delete. */
    private static final String[] BUILD_TASKS = {"<exec", "<delete", "<removedir", "<move", "<copy", "<get ", "<java ",
            "<script", "<sshexec", "<apply", "<chmod", "<downloadfile", "<writelinestofile", "<unzip", "<untar",
            "deletetree", "deletefile", "deletedir", "std.process", "std.child", "childprocess", "process.start",
            "process.exec", "nimble install", "execshellcmd", "execcmd", "startprocess", "removedir", "removefile",
            "run_command(", "custom_target(", "commandline", ".execute()", "project.delete",
            "<executable", "exec-maven-plugin", "maven-antrun-plugin", "\".!", "!!", "process()",
            ".launch()", "<target name=\"prebuild\"", "prebuildevent", "postbuildevent", "deleterecursively", "delete()",
            "writetext", "writebytes", "appendtext", ".text =", "outputstream", "printwriter", "filewriter", "url(",
            "openconnection", "httpclient", "download", "copyrecursively", "renameto", "setexecutable"};

    public static boolean isShell(String program) {
        return ExecPack.SHELLS.contains(program);
    }

    /** The rule for functions that shadow common commands. */
    public static dev.warden.analysis.Rule shadowRule() {
        return ExecPack.SHADOW;
    }

    /**
     * The name of a function the script defines over a common command ({@code cd() { ... }},
     * {@code function sudo { ... }}), or null.
     */
    public static @org.jspecify.annotations.Nullable String shadowedFunction(String script) {
        if (script.indexOf('(') < 0 && !script.contains("function")) {
            return null;
        }
        for (String name : COMMON_FUNCTIONS) {
            int i = script.indexOf(name);
            while (i >= 0) {
                boolean start = i == 0 || " ;&|\n\t({".indexOf(script.charAt(i - 1)) >= 0
                        || i >= 9 && script.startsWith("function ", i - 9);
                int j = i + name.length();
                String rest = script.substring(j).stripLeading();
                boolean def = rest.startsWith("()") && start
                        || i >= 9 && script.startsWith("function ", i - 9) && (rest.startsWith("{") || rest.startsWith("()"));
                if (def) {
                    return name;
                }
                i = script.indexOf(name, i + 1);
            }
        }
        return null;
    }

    private static final java.util.List<String> COMMON_FUNCTIONS = java.util.List.of("cd", "ls", "sudo", "git", "rm",
            "cat", "echo", "ssh", "curl", "wget", "cp", "mv", "grep", "python", "python3", "node", "npm", "make",
            "which", "command", "builtin", "exec", "eval", "source", "test", "kill", "ps", "docker", "kubectl", "warden",
            "claude", "exit", "pwd", "env", "export", "alias", "unalias", "type", "hash", "printf", "read", "trap");

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new ExecPack());
    }
}
