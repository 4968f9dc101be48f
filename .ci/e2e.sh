#!/usr/bin/env bash
# End-to-end check of the real seglab binary in tmux: open the built-in sample, run the k
# sweep on the suggested dimensions, choose k = 5 and fit it, visit screens 4 and 5, save the
# definition on screen 6 under a temporary folder (typing the path) and check the file, quit
# (answering the confirmation if asked). Exits non-zero with the captured screen on any failure.
#
# Usage: .ci/e2e.sh            (from the repository root; needs go and tmux)
# Env:   SEGLAB_E2E_BIN=path   use this binary instead of building one
#        SEGLAB_E2E_TIMEOUT=s  seconds to wait for each step (default 120)
set -euo pipefail

cd "$(dirname "$0")/.."
work=$(mktemp -d)
sock="seglab-e2e-$$"
session=e2e
timeout=${SEGLAB_E2E_TIMEOUT:-120}

cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

bin=${SEGLAB_E2E_BIN:-}
if [[ -z "$bin" ]]; then
	bin="$work/seglab"
	go build -o "$bin" ./cmd/seglab
fi

capture() { tmux -L "$sock" capture-pane -p -t "$session" 2>/dev/null || true; }

fail() {
	echo "e2e: FAIL: $*" >&2
	echo "---- screen ----" >&2
	capture >&2
	echo "----------------" >&2
	exit 1
}

# wait_for TEXT...: poll the pane until it shows every TEXT, for at most $timeout seconds.
wait_for() {
	local deadline=$((SECONDS + timeout)) screen ok
	while ((SECONDS < deadline)); do
		screen=$(capture)
		ok=1
		for want in "$@"; do
			[[ "$screen" == *"$want"* ]] || ok=0
		done
		((ok)) && return 0
		sleep 0.2
	done
	fail "waited ${timeout}s for: $*"
}

keys() { tmux -L "$sock" send-keys -t "$session" "$@"; }

# The workbench runs under a shell that records its exit status.
tmux -L "$sock" new-session -d -s "$session" -x 100 -y 30 \
	"NO_COLOR=1 '$bin' --lang en; echo \$? > '$work/rc'; sleep 600"

wait_for "[residential]" " customers" "wide"
echo "e2e: sample loaded"

keys 3
wait_for "[3 Clusters]" "Press Enter"
keys Enter
wait_for "Recommended k =" "inertia" "silh."
echo "e2e: sweep finished"

# Go to k = 2 (the top), then down to k = 5, and fit it.
for _ in 1 2 3 4 5 6; do keys Up; done
for _ in 1 2 3; do keys Down; done
wait_for "› 5"
keys f
wait_for "k = 5 fitted on"
echo "e2e: k = 5 fitted"

keys 4
wait_for "[4 Profiles]"
sleep 1
keys 5
wait_for "[5 Compare]"
sleep 1

keys 6
wait_for "[6 Definitions]" "Current segmentation" "not saved"
keys s
wait_for "Save the segmentation as a definition"
def="$work/defs/e2e.yaml"
mkdir -p "$work/defs"
keys C-u
keys -l "$def"
keys Enter
keys -l "e2e run"
keys Enter Enter
# "Saved definitions" and the typed path are on screen before the save finishes: wait for the
# header's "saved as" and for the file itself.
wait_for "saved as " "e2e.yaml"
deadline=$((SECONDS + timeout))
while [[ ! -s "$def" ]] && ((SECONDS < deadline)); do sleep 0.2; done
[[ -s "$def" ]] || fail "no definition file at $def"
grep -q '^schema_version: ' "$def" || fail "$def holds no schema_version"
grep -q '^k: 5$' "$def" || fail "$def does not say k: 5"
echo "e2e: definition saved"

keys q
sleep 0.5
if [[ "$(capture)" == *"Quit seglab?"* ]]; then
	keys y
fi
deadline=$((SECONDS + timeout))
while [[ ! -s "$work/rc" ]] && ((SECONDS < deadline)); do sleep 0.2; done
[[ -s "$work/rc" ]] || fail "seglab did not exit after q, y"
rc=$(cat "$work/rc")
[[ "$rc" == 0 ]] || fail "seglab exited with status $rc"
echo "e2e: ok"
