#!/usr/bin/env bash
# The raw mode's only tool: jq on the disguised document, logging the bytes of each answer.
#
#   benchmarks/agent_tasks/jq.sh [jq options] FILTER
#
# Runs `jq [jq options] FILTER DOCUMENT` (DOCUMENT: $AGENT_TASKS_DOCUMENT, default
# build/api.json next to this script), prints jq's output and error output as they are,
# and appends one JSON line to $AGENT_RUN/calls.jsonl (when AGENT_RUN is set): the tool
# ("jq"), its arguments, the bytes printed (stdout + stderr), jq's exit status, the time
# and $AGENT_TASK.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
document="${AGENT_TASKS_DOCUMENT:-$here/build/api.json}"
command -v jq >/dev/null || { echo "jq.sh: jq is not installed (apt-get install jq)" >&2; exit 127; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
started="$(date +%s.%N)"
jq "$@" "$document" >"$out" 2>&1
status=$?
cat "$out"
if [ -n "${AGENT_RUN:-}" ]; then
  bytes="$(wc -c <"$out")"
  jq -cn --argjson bytes "$bytes" --argjson status "$status" --arg started "$started" \
    --arg task "${AGENT_TASK:-}" '{tool: "jq", args: $ARGS.positional, bytes: $bytes,
      error: ($status != 0), time: ($started | tonumber),
      task: (if $task == "" then null else $task end)}' --args -- "$@" \
    >>"$AGENT_RUN/calls.jsonl"
fi
exit "$status"
