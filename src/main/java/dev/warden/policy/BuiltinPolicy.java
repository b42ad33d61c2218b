package dev.warden.policy;

/**
 * The text of Warden's built-in default policy. It lives in code rather than in a jar resource
 * because every hook process reads it: a text block costs nothing, a resource lookup through the
 * class loader costs milliseconds on a cold JVM.
 */
final class BuiltinPolicy {

    private BuiltinPolicy() {}

    static final String TEXT = """
# Warden's built-in default policy: the layer beneath every other one.
# Useful on day one: blocks the classic destructive and secret-reading actions, sends
# irreversible ones to a human, and keeps ordinary development frictionless.
# Show the merged policy with `warden policy show`.
version: 1
mode: enforce

settings:
  # Pushing to these (by name or glob) counts as irreversible.
  protected_branches: [main, master, "release/*", production, prod]
  # What each finding severity becomes. Findings come from Warden's rule packs
  # (`warden policy packs` lists them with ids and examples).
  severity:
    critical: deny      # catastrophic or hostile: never runs unattended
    high: approve       # irreversible or externally visible: a human approves this exact call
    medium: ask         # risky: the harness asks its user
    low: log
    info: log
  # Per-finding overrides (exact ids or globs). Self-protection is a floor no layer can lower.
  findings:
    "self.*": deny

profiles:
  developer:
    description: >-
      Ordinary development (the main agent's default): everything the user could do, with the
      rule packs judging each action by what it touches.
    tools: ["*"]
    commands: ["*"]
    paths:
      read: ["**"]
      write: ["**"]
    network: ["*"]

  subagent:
    description: >-
      Subagents that no binding names: work inside the project, no MCP servers, no network,
      no further subagents. Bind a subagent type to a profile to give it more.
    tools: [Read, Grep, Glob, LS, Write, Edit, MultiEdit, NotebookEdit, Bash, BashOutput, KillShell,
            TodoWrite, WebSearch]
    commands: ["*"]
    paths:
      read: ["**"]
      write: ["/**", "//tmp/**"]
    network: []

  readonly:
    description: Reviewers and explorers — read the code, run read-only commands, change nothing.
    tools: [Read, Grep, Glob, LS, Bash, TodoWrite, WebSearch]
    commands: ["git status:*", "git diff:*", "git log:*", "git show:*", "git blame:*", "git branch",
               "ls:*", "cat:*", "head:*", "tail:*", "wc:*", "grep:*", "rg:*", "tree:*", "pwd",
               "echo:*", "file:*", "stat:*", "du:*", "which:*", "sort:*", "uniq:*", "cut:*", "diff:*"]
    paths:
      read: ["**"]
      write: []
    network: []

bindings:
  - main: true
    profile: developer
  - subagent: true
    profile: subagent
""";
}
