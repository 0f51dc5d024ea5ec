#!/usr/bin/env bash
# Runs one CLI test file: tests/cli/NAME.test is a bash script that receives the netra
# binary as $1 and exits non-zero on failure. Helpers are in tests/cli/lib.sh.
set -u
exec bash "$2" "$1"
