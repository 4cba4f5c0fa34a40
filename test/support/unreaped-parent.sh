#!/bin/sh
# Runs "$@" in the background, prints its pid, then turns into `sleep`, which never waits for
# it: once killed, the child stays a zombie until this process exits (as under a PID 1 that does
# not reap, in a container). Used by test/platform/lock.test.ts.
"$@" &
echo "$!"
exec sleep "${UNREAPED_PARENT_SECONDS:-120}"
