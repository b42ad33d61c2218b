#!/bin/sh
# An MCP server that starts and never answers; its child must die with it.
sleep 600 &
wait
