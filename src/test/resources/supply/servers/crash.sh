#!/bin/sh
# An MCP server that dies at start-up.
echo "fatal: config file /etc/example-server.yaml not found" >&2
exit 3
