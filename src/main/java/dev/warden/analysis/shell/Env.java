package dev.warden.analysis.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shell variables a script has set, as far as they are literal. A variable the script never
 * set is absent (its value comes from the environment Warden cannot see); one set to something
 * only known at run time, or set differently on branches that may or may not run, is
 * {@link #UNKNOWN}.
 */
final class Env {

    /** Marker value, compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String UNKNOWN = new String("\u0000unknown");

    /** Variables commonly set in an agent's environment: an absent one is unknown, not unset. */
    private static final Set<String> AMBIENT = Set.of(
            "HOME", "SHELL", "PATH", "USER", "LOGNAME", "PWD", "OLDPWD", "EDITOR", "VISUAL", "PAGER", "TERM",
            "LANG", "TMPDIR", "HOSTNAME", "BASH", "BASH_VERSION", "SHLVL", "PS1", "PS2", "PS4", "MAIL", "LC_ALL",
            "RANDOM", "SECONDS", "LINENO", "BASHPID", "PPID", "UID", "EUID", "GROUPS", "BASH_SOURCE",
            "BASH_COMMAND", "FUNCNAME", "PIPESTATUS", "REPLY", "OPTARG", "OPTIND", "HISTFILE", "CDPATH",
            "SSH_AUTH_SOCK", "SUDO_USER", "DISPLAY", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR",
            "CLAUDE_PROJECT_DIR", "JAVA_HOME", "GOPATH", "CARGO_HOME", "NODE_ENV", "VIRTUAL_ENV", "CI",
            // where toolchains and SDKs live: set by the user's installers, read by build scripts
            "ANDROID_HOME", "ANDROID_SDK_ROOT", "ANDROID_NDK_HOME", "FLUTTER_ROOT", "GRADLE_HOME", "MAVEN_HOME",
            "M2_HOME", "GOROOT", "RUSTUP_HOME", "NVM_DIR", "PYENV_ROOT", "RBENV_ROOT", "CONDA_PREFIX", "DOTNET_ROOT",
            "HOMEBREW_PREFIX", "XDG_CACHE_HOME", "XDG_STATE_HOME", "SDKMAN_DIR", "BUN_INSTALL", "PNPM_HOME",
            "DENO_INSTALL", "VOLTA_HOME", "GEM_HOME", "CUDA_HOME");

    private @Nullable HashMap<String, String> vars;
    private @Nullable HashMap<String, List<String>> arrays;
    private @Nullable HashSet<String> exported;
    private @Nullable HashMap<String, String> aliases;
    /** Programs remembered with {@code hash -p PATH NAME}: NAME to PATH, or {@link #UNKNOWN}. */
    private @Nullable HashMap<String, String> hashed;
    /** Variables declared with the integer attribute ({@code declare -i}): assigning evaluates arithmetic. */
    private @Nullable HashSet<String> integers;
    /** Namerefs ({@code declare -n r=HOME}): reading or writing r is reading or writing HOME. */
    private @Nullable HashMap<String, String> refs;
    /** Namerefs declared without a target ({@code declare -n r}): the next assignment names it. */
    private @Nullable HashSet<String> unboundRefs;
    /** Shell options the script turned on with {@code shopt -s} that change how words are read. */
    private @Nullable HashSet<String> shopts;
    /** Positional parameters, index 0 = $0; null when unknown (the normal case). */
    @Nullable List<String> positional;
    /** The directory changes made so far (see {@link dev.warden.call.Command#cds()}). */
    private List<String> cds = List.of();

    /** Longest chain of relative directory changes followed; a longer one is unknown. */
    private static final int MAX_CDS = 16;

    Env() {}

    private Env(Env other) {
        vars = other.vars == null ? null : new HashMap<>(other.vars);
        arrays = other.arrays == null ? null : new HashMap<>(other.arrays);
        exported = other.exported == null ? null : new HashSet<>(other.exported);
        aliases = other.aliases == null ? null : new HashMap<>(other.aliases);
        hashed = other.hashed == null ? null : new HashMap<>(other.hashed);
        integers = other.integers == null ? null : new HashSet<>(other.integers);
        refs = other.refs == null ? null : new HashMap<>(other.refs);
        shopts = other.shopts == null ? null : new HashSet<>(other.shopts);
        unboundRefs = other.unboundRefs == null ? null : new HashSet<>(other.unboundRefs);
        positional = other.positional;
        cds = other.cds;
    }

    /** The directory changes in effect, oldest first. */
    List<String> cds() {
        return cds;
    }

    /**
     * Changes directory: an absolute target ({@code /x}, {@code ~}, {@code $HOME/x}) replaces
     * the chain, a relative one extends it; {@link dev.warden.call.Command#UNKNOWN_DIR} loses it.
     */
    void cd(String target) {
        char c0 = target.isEmpty() ? ' ' : target.charAt(0);
        if (target.equals(dev.warden.call.Command.UNKNOWN_DIR) || c0 == '/' || c0 == '~' || c0 == '$') {
            cds = List.of(target);
        } else if (cds.size() >= MAX_CDS) {
            cds = List.of(dev.warden.call.Command.UNKNOWN_DIR);
        } else {
            List<String> more = new ArrayList<>(cds.size() + 1);
            more.addAll(cds);
            more.add(target);
            cds = List.copyOf(more);
        }
    }

    /** A copy for a subshell or a branch that may not run. */
    Env copy() {
        return new Env(this);
    }

    /** Marks a variable as an integer ({@code declare -i}). */
    void integer(String name) {
        if (integers == null) {
            integers = new HashSet<>(4);
        }
        integers.add(name);
    }

    /** True when assigning the variable evaluates its value as arithmetic. */
    boolean isInteger(String name) {
        return integers != null && integers.contains(name);
    }

    /** Marks or clears a nameref that has no target yet. */
    void unboundRef(String name, boolean unbound) {
        if (unboundRefs == null) {
            unboundRefs = new HashSet<>(4);
        }
        if (unbound) {
            unboundRefs.add(name);
        } else {
            unboundRefs.remove(name);
        }
    }

    /** True for a nameref declared without a target ({@code declare -n r}). */
    boolean unboundRef(String name) {
        return unboundRefs != null && unboundRefs.contains(name);
    }

    /** Makes {@code name} a reference to the variable {@code target} ({@code declare -n}). */
    void ref(String name, String target) {
        if (unboundRefs != null) {
            unboundRefs.remove(name);
        }
        if (refs == null) {
            refs = new HashMap<>(4);
        }
        refs.put(name, target);
    }

    /** The variable a name stands for, following namerefs (at most a few levels). */
    String resolve(String name) {
        String n = name;
        for (int i = 0; refs != null && i < 8; i++) {
            String t = refs.get(n);
            if (t == null) {
                return n;
            }
            n = t;
        }
        return n;
    }

    /** Turns a shell option on or off ({@code shopt -s cdable_vars}). */
    void shopt(String option, boolean on) {
        if (shopts == null) {
            shopts = new HashSet<>(4);
        }
        if (on) {
            shopts.add(option);
        } else {
            shopts.remove(option);
        }
    }

    boolean shopt(String option) {
        return shopts != null && shopts.contains(option);
    }

    /** The value, {@link #UNKNOWN}, or null when the script never set it. */
    @Nullable String get(String name) {
        name = resolve(name);
        String v = vars == null ? null : vars.get(name);
        if (v == null && name.equals("IFS")) {
            return " \t\n";
        }
        if (v == null && AMBIENT.contains(name)) {
            return UNKNOWN;
        }
        return v;
    }

    /** Defines an alias ({@code alias x='rm -rf'}). */
    void alias(String name, String value) {
        if (aliases == null) {
            aliases = new HashMap<>(4);
        }
        aliases.put(name, value);
    }

    /** Remembers that NAME runs PATH ({@code hash -p PATH NAME}); PATH may be {@link #UNKNOWN}. */
    void hash(String name, String path) {
        if (hashed == null) {
            hashed = new HashMap<>(4);
        }
        hashed.put(name, path);
    }

    /** The program {@code hash -p} made NAME run, {@link #UNKNOWN}, or null. */
    @Nullable String hashed(String name) {
        return hashed == null ? null : hashed.get(name);
    }

    /** {@code hash -r}: forgets every remembered program. */
    void forgetHashed() {
        hashed = null;
    }

    /** The alias's text, or null. */
    @Nullable String aliasOf(String name) {
        return aliases == null ? null : aliases.get(name);
    }

    /** True for a variable the agent's environment sets (HOME, PWD, ...) that this script never assigned. */
    boolean ambient(String name) {
        name = resolve(name);
        return (vars == null || !vars.containsKey(name)) && AMBIENT.contains(name);
    }

    /** The elements of an array variable, or null when unknown or not an array. */
    @Nullable List<String> array(String name) {
        return arrays == null ? null : arrays.get(name);
    }

    void set(String name, @Nullable String value) {
        name = resolve(name);
        if (vars == null) {
            vars = new HashMap<>(8);
        }
        String v = value == null || value.length() > Budget.MAX_VALUE ? UNKNOWN : value;
        vars.put(name, v);
        if (arrays != null) {
            arrays.remove(name);
        }
    }

    /** The value the script itself set (null when it set none), to put back after a temporary assignment. */
    @Nullable String own(String name) {
        return vars == null ? null : vars.get(resolve(name));
    }

    /** Puts back what {@link #own} returned: the value, or no value of the script's own. */
    void restore(String name, @Nullable String old) {
        if (old != null) {
            set(name, old);
        } else if (vars != null) {
            vars.remove(resolve(name));
        }
    }

    void setArray(String name, @Nullable List<String> items) {
        if (items == null) {
            set(name, null);
            return;
        }
        set(name, items.isEmpty() ? "" : items.get(0));
        if (arrays == null) {
            arrays = new HashMap<>(4);
        }
        arrays.put(name, List.copyOf(items));
    }

    void export(String name) {
        if (exported == null) {
            exported = new HashSet<>(4);
        }
        exported.add(name);
    }

    /**
     * After a branch that may or may not have run: every variable it changed is unknown here,
     * since either value may be the real one.
     */
    void mergeBranch(Env branch) {
        if (!branch.cds.equals(cds)) {
            cds = List.of(dev.warden.call.Command.UNKNOWN_DIR); // the branch may or may not have changed it
        }
        // attributes and options a branch may have set: assume they are on
        if (branch.integers != null) {
            branch.integers.forEach(this::integer);
        }
        if (branch.shopts != null) {
            branch.shopts.forEach(o -> shopt(o, true));
        }
        if (branch.vars == null) {
            return;
        }
        for (Map.Entry<String, String> e : branch.vars.entrySet()) {
            String mine = vars == null ? null : vars.get(e.getKey());
            if (mine == null || !sameValue(mine, e.getValue())) {
                set(e.getKey(), null);
            }
        }
        if (branch.exported != null) {
            for (String x : branch.exported) {
                export(x);
            }
        }
    }

    private static boolean sameValue(String a, String b) {
        if (a == UNKNOWN || b == UNKNOWN) {
            return false;
        }
        return a.equals(b);
    }

    /** The environment of a new shell started from this one: exported variables plus the given ones. */
    Env child(@Nullable Map<String, String> extra) {
        Env c = new Env();
        c.cds = cds; // a new shell starts where its parent is
        if (exported != null && vars != null) {
            for (String name : exported) {
                String v = vars.get(name);
                if (v != null) {
                    c.set(name, v);
                    c.export(name);
                }
            }
        }
        if (extra != null) {
            for (Map.Entry<String, String> e : extra.entrySet()) {
                c.set(e.getKey(), e.getValue());
                c.export(e.getKey());
            }
        }
        return c;
    }

    /** Sets positional parameters ($0, $1, ...); null values are unknown. */
    void positional(List<@Nullable String> values) {
        List<String> p = new ArrayList<>(values.size());
        for (String v : values) {
            p.add(v == null ? UNKNOWN : v);
        }
        positional = p;
    }
}
