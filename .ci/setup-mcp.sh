#!/usr/bin/env bash
# Installs the real MCP servers the supply-chain tests probe (dev.warden.supply.*IT-style tests):
# @modelcontextprotocol/server-everything and @modelcontextprotocol/server-filesystem, at the exact
# versions (and transitive versions) pinned by .ci/mcp/package.json + package-lock.json, into
# .ci/mcp/node_modules (gitignored, survives `mvn clean`). Idempotent: skips when the installed
# tree was made from the same lock file. Never fails the CI run: without Node/npm the tests that
# need these servers skip and say why.
set -uo pipefail
cd "$(dirname "$0")/mcp" || exit 0

if ! command -v npm >/dev/null 2>&1; then
  echo "setup-mcp: npm not found; MCP server tests will be skipped" >&2
  exit 0
fi

stamp=node_modules/.warden-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && [ -f node_modules/@modelcontextprotocol/server-everything/dist/index.js ] \
   && [ -f node_modules/@modelcontextprotocol/server-filesystem/dist/index.js ]; then
  echo "setup-mcp: MCP test servers already installed ($(node --version 2>/dev/null))"
  exit 0
fi

if npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; then
  echo "$want" > "$stamp"
  echo "setup-mcp: installed $(ls node_modules/@modelcontextprotocol | tr '\n' ' ')"
else
  echo "setup-mcp: npm ci failed; MCP server tests will be skipped" >&2
fi
exit 0
