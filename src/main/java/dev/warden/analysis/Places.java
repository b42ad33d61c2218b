package dev.warden.analysis;

import java.nio.file.Path;
import java.util.Set;

/** Classifies canonical paths into {@link Place}s. */
final class Places {

    private static final Path ROOT = Path.of("/");
    private static final Set<String> SYSTEM = Set.of(
            "etc", "usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "boot", "dev", "proc", "sys",
            "var", "opt", "srv", "root", "run", "snap", "System", "Library", "Applications", "private",
            "cores", "mnt", "media", "efi", "nix", "Volumes", "Network");
    private static final Set<String> HOME_PARENTS = Set.of("home", "Users");
    private static final Set<Path> TEMP = Set.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/private/tmp"),
            Path.of("/dev/shm"), Path.of("/private/var/tmp"));
    private static final Set<String> HARMLESS_DEV = Set.of("null", "zero", "stdout", "stderr", "stdin", "tty",
            "random", "urandom", "full", "ptmx");

    private Places() {}

    static Place of(Path p, AnalysisContext ctx) {
        if (p.equals(ROOT) || p.getNameCount() == 0) {
            return Place.ROOT;
        }
        Path home = ctx.home();
        Path project = ctx.projectRoot();
        if (p.startsWith(project)) {
            if (p.equals(project)) {
                return Place.PROJECT_ROOT;
            }
            if (p.getNameCount() > project.getNameCount() && p.getName(project.getNameCount()).toString().equals(".git")) {
                return Place.PROJECT_GIT;
            }
            return Place.PROJECT;
        }
        if (p.equals(home)) {
            return Place.HOME;
        }
        if (home.startsWith(p)) {
            return Place.HOME_ANCESTOR;
        }
        if (project.startsWith(p)) {
            return Place.PROJECT_ANCESTOR;
        }
        for (Path t : TEMP) {
            if (p.startsWith(t)) {
                return p.equals(t) ? Place.TEMP_ROOT : Place.TEMP;
            }
        }
        String first = p.getName(0).toString();
        if (first.equals("dev")) {
            if (p.getNameCount() == 1) {
                return Place.SYSTEM;
            }
            String second = p.getName(1).toString();
            if (HARMLESS_DEV.contains(second) || second.equals("fd") || second.startsWith("tty") || second.equals("pts")) {
                return Place.DEVICE_HARMLESS;
            }
            return Place.DEVICE;
        }
        if (p.startsWith(home)) {
            return Place.HOME_INSIDE;
        }
        if (HOME_PARENTS.contains(first) && p.getNameCount() == 1) {
            return Place.HOME_ANCESTOR;
        }
        if (SYSTEM.contains(first)) {
            return Place.SYSTEM;
        }
        return Place.OUTSIDE;
    }
}
