#!/usr/bin/env bash
# Installs the real Claude Code CLI for the e2e tests (src/test/java/dev/warden/e2e).
#
# Where: .ci/claude (npm --prefix), so the binary is .ci/claude/node_modules/.bin/claude. It is
# outside target/ on purpose: `mvn clean` keeps it, and a second run is a no-op. The folder
# carries its own .gitignore ("*"), so nothing in it is ever committed.
#
# Version: pinned exactly. On Node 20 an unpinned install resolves to an old release (newer ones
# declare engines.node >= 22), and the hook semantics the tests assert are those of this version.
#
# Never fails the CI run: if npm or the registry is unreachable, it prints a loud warning and
# exits 0; the e2e tests then abort (skip) with "Claude Code CLI not installed".
# Override the location with WARDEN_CLAUDE_PREFIX (the tests read the same variable).
set -uo pipefail
cd "$(dirname "$0")/.."

version="2.1.332"
prefix="${WARDEN_CLAUDE_PREFIX:-.ci/claude}"
bin="$prefix/node_modules/.bin/claude"

warn() {
  echo "################################################################################" >&2
  echo "## WARNING: setup-claude.sh: $*" >&2
  echo "## The Claude Code e2e tests will be SKIPPED (Claude Code CLI not installed)." >&2
  echo "################################################################################" >&2
}

installed_version() {
  [ -f "$prefix/node_modules/@anthropic-ai/claude-code/package.json" ] || return 1
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
    "$prefix/node_modules/@anthropic-ai/claude-code/package.json" | head -n1
}

if [ -x "$bin" ] && [ "$(installed_version)" = "$version" ]; then
  echo "setup-claude: Claude Code $version already in $prefix"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  warn "npm is not on PATH"
  exit 0
fi

mkdir -p "$prefix"
printf '*\n' > "$prefix/.gitignore"
echo "setup-claude: installing @anthropic-ai/claude-code@$version into $prefix"
if ! timeout 300 npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
      "@anthropic-ai/claude-code@$version"; then
  warn "npm install @anthropic-ai/claude-code@$version failed (registry unreachable?)"
  exit 0
fi
if [ ! -x "$bin" ] || [ "$(installed_version)" != "$version" ]; then
  warn "npm install finished but $bin (version $version) is missing"
  exit 0
fi
echo "setup-claude: $("$bin" --version 2>/dev/null || echo '?') installed at $bin"
