#!/usr/bin/env bash
# Times the TUI's key presses through a real terminal: opens TRACE in a 160×50 tmux session,
# waits for the first frame, sends PRESSES `l` presses (the playhead one column right) and then `?`,
# and waits for the help panel. Prints milliseconds per key press, best of 3 (tmux's own cost
# included). Usage: Scripts/tui-keys.sh TRACE [PRESSES]   (builds release first)
set -euo pipefail
trace=$1
presses=${2:-100}
cd "$(dirname "$0")/.."
swift build -c release --product looplens >/dev/null
binary=$PWD/.build/release/looplens
session=looplens-keys-$$
best=""
for attempt in 1 2 3; do
    tmux new-session -d -s "$session" -x 160 -y 50 "$binary '$trace'"
    # The first frame is drawn when the key hints show.
    until tmux capture-pane -p -t "$session" | grep -q "q quit"; do sleep 0.05; done
    keys=$(printf 'l %.0s' $(seq "$presses"))
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    tmux send-keys -t "$session" $keys '?'
    until tmux capture-pane -p -t "$session" | grep -q "Keys"; do sleep 0.002; done
    end=$(date +%s%N)
    tmux kill-session -t "$session"
    elapsed=$(((end - start) / 1000))
    if [[ -z $best || $elapsed -lt $best ]]; then best=$elapsed; fi
done
awk -v us="$best" -v n="$presses" 'BEGIN { printf "%.2f ms per key press (%d presses, best of 3)\n", us / 1000 / (n + 1), n }'
