/**
 * Reads what a tool call will really do. {@link dev.warden.analysis.Analyzer} is the entry point:
 * it turns a {@link dev.warden.call.ToolCall} into an {@link dev.warden.call.Analysis} — the
 * commands a shell line will execute (via {@link dev.warden.analysis.shell.ShellParser}), the
 * paths and hosts touched, and the findings of every rule pack ({@link dev.warden.analysis.Packs}).
 *
 * <p>Severity is chosen by meaning; the default policy maps CRITICAL to deny, HIGH to a human
 * approval of the exact call, MEDIUM to the harness's own prompt and LOW/INFO to a log entry.
 * Choices where the public corpora disagree, and why:
 * <ul>
 *   <li>{@code git push origin main} when main is protected: HIGH ({@code git.push-protected}).
 *       Publishing to the branch CI/CD deploys is externally visible; a policy can lower the rule.
 *       A plain {@code git push} is judged by the branch checked out ({@code .git/HEAD}).</li>
 *   <li>Force push of a named feature branch (with or without lease): LOW, routine after a rebase.
 *       Force push whose target is not visible: HIGH (lease: MEDIUM). To a protected branch: CRITICAL.</li>
 *   <li>{@code rm -rf build}, {@code node_modules}, {@code /tmp/x}: no finding (regenerable); other
 *       in-project recursive deletes LOW, whole top-level source directories MEDIUM, anything
 *       outside the project HIGH, root/home/system/the project itself CRITICAL.</li>
 *   <li>Reading {@code .env}: MEDIUM; keys and credentials: HIGH; printing one's own environment
 *       ({@code env}, {@code printenv}): LOW. Any secret read plus any data sent over the network in
 *       the same call: CRITICAL ({@code exfil.secret-to-network}).</li>
 *   <li>Running code is not itself a finding ({@code python script.py}, {@code make},
 *       {@code bash -c 'echo hi'}, {@code python3 -c 'print(1)'}); code Warden cannot read that
 *       spawns processes, writes files or opens sockets is MEDIUM; {@code sudo} is MEDIUM.</li>
 *   <li>Shell paths are canonicalised lexically (no file-system look-ups on the hot path); links
 *       to secrets are caught when made ({@code ln -s ~/.ssh/id_rsa x}). File tools (Read, Write,
 *       Edit, ...) resolve links on disk.</li>
 * </ul>
 */
@NullMarked
package dev.warden.analysis;

import org.jspecify.annotations.NullMarked;
