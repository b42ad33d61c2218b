#!/bin/sh
# An MCP server that speaks something other than JSON-RPC on stdout.
while :; do
  echo "Welcome to the example server! Type help for help."
  sleep 0.01
done
