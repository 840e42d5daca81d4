#!/usr/bin/env bash
# A person at a real terminal: start `exposure` in tmux (80x24), read the screen, add a plea,
# dismiss the receipt count, drill down, give count 1 a conviction probability and see the trial
# risk, quit with confirmation. Installs nothing; needs tmux and `exposure`
# on PATH. Exits non-zero with the screen printed on any failure; always kills its session.
set -u
SESSION="exposure-smoke-$$"
WORK="$(mktemp -d)"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null; rm -rf "$WORK"' EXIT

command -v tmux >/dev/null || { echo "tmux_smoke: tmux is not installed" >&2; exit 2; }
command -v exposure >/dev/null || { echo "tmux_smoke: exposure is not on PATH" >&2; exit 2; }

screen() { tmux capture-pane -p -t "$SESSION" 2>/dev/null; }

fail() {
    echo "tmux_smoke: FAIL: $*" >&2
    echo "---- screen ----" >&2
    screen >&2
    echo "----------------" >&2
    exit 1
}

# wait until the screen contains a fixed string (up to ~15 s)
wait_for() {
    local i
    for i in $(seq 1 75); do
        screen | grep -qF -- "$1" && return 0
        sleep 0.2
    done
    fail "expected to see: $1"
}

# wait until the screen matches an extended regular expression (the engine runs on a worker: the
# figures arrive a moment after the status line says what was done)
wait_re() {
    local i
    for i in $(seq 1 75); do
        screen | grep -qE -- "$1" && return 0
        sleep 0.2
    done
    fail "$2"
}

# wait until the screen no longer contains a string
wait_gone() {
    local i
    for i in $(seq 1 75); do
        screen | grep -qF -- "$1" || return 0
        sleep 0.2
    done
    fail "expected not to see: $1"
}

cd "$WORK"
tmux new-session -d -s "$SESSION" -x 80 -y 24 "TERM=xterm-256color exposure; echo EXIT=\$?; sleep 30"

# the bundled example: trial first, the 60-month floor of 18 U.S.C. § 2252A(b)(1)
wait_for "Scenarios (months)"
wait_for "Trial"
wait_for "Plea to possession"
screen | grep -E "Statutory floor +60 +0 +60" >/dev/null || fail "trial floor 60, plea to possession 0, plea to receipt 60"
wait_for "planning aid, not legal advice"

# p: a plea to every count, the cursor moves to it
tmux send-keys -t "$SESSION" p
wait_for "Plea 1"
wait_for "Added 'Plea 1'"

# dismiss count 1 (receipt) in the new plea (the cursor starts on the Kind row): the floor falls to 0.
# In 80 columns the table scrolls to the new column: Trial stays pinned, then Plea to receipt, Plea 1.
tmux send-keys -t "$SESSION" Down
sleep 0.3
tmux send-keys -t "$SESSION" x
wait_for "Plea 1: count 1 dismissed"
wait_re "Statutory floor +60 +60 +0 " "the new plea's floor should be 0 after dismissing count 1"

# drill into the floor: the trace names its provision
tmux send-keys -t "$SESSION" Down Down
sleep 0.3
tmux send-keys -t "$SESSION" Enter
wait_for "18 U.S.C. § 3584(a)"
tmux send-keys -t "$SESSION" Escape
wait_gone "18 U.S.C. § 3584(a)"

# trial risk: v on count 1's row, counsel's estimate 0.5; r shows the chart in the range chart's
# place (80 columns): a 50% chance of the 60-month floor of 18 U.S.C. § 2252A(b)(1)
tmux send-keys -t "$SESSION" Up Up
sleep 0.3
tmux send-keys -t "$SESSION" v
wait_for "probability of conviction at trial"
tmux send-keys -t "$SESSION" -l "0.5"
tmux send-keys -t "$SESSION" Enter
wait_for "Count 1: probability of conviction 50%"
wait_for "r: trial-risk chart"
tmux send-keys -t "$SESSION" r
wait_for "not a forecast"
wait_re "60 mo \(5 yr\) .* 50\.0%" "a 50% chance of the 60-month floor"
tmux send-keys -t "$SESSION" r
wait_for "Ranges"

# q with unsaved changes asks first; n keeps the case open; q then y quits
tmux send-keys -t "$SESSION" q
wait_for "Quit without saving?"
tmux send-keys -t "$SESSION" n
wait_gone "Quit without saving?"
wait_for "Plea 1"
tmux send-keys -t "$SESSION" q
wait_for "Quit without saving?"
tmux send-keys -t "$SESSION" y
wait_for "EXIT=0"

echo "tmux_smoke: ok"
