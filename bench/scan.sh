#!/usr/bin/env bash
# bench/scan.sh: how light `hostfit scan` is beside node_exporter and glances, in one run.
#
#   bench/scan.sh            # release build, then the three measurements side by side
#
# hostfit: `hostfit scan --interval 0 --format json`, wall time (median of 10) and peak RSS
# (/usr/bin/time -v). node_exporter: started on 127.0.0.1 on a free port, its RSS right after
# start and after 20 scrapes, and the wall time of one scrape with curl (median of the 20).
# glances: `glances --stdout mem.used --stop-after 1` from a virtualenv under
# ${XDG_CACHE_HOME:-~/.cache}/hostfit-bench (skipped with a message when it cannot be installed).
# Targets: hostfit's peak RSS at most 1/3 of node_exporter's steady RSS; one scan faster than
# one scrape. Everything started here is stopped on exit.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

say() { printf '[bench] %s\n' "$*" >&2; }
runs=10
scrapes=20
cache="${XDG_CACHE_HOME:-$HOME/.cache}/hostfit-bench"
work=$(mktemp -d /tmp/hostfit-bench.XXXXXX)
ne_pid=""

cleanup() {
    if [ -n "$ne_pid" ] && kill -0 "$ne_pid" 2>/dev/null; then
        kill "$ne_pid" 2>/dev/null
        wait "$ne_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The median of the numbers on standard input.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) printf "%.2f\n", a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# Peak RSS in KiB from a /usr/bin/time -v report.
[ -n "${EPOCHREALTIME:-}" ] || { say "bash 5 or later is needed (EPOCHREALTIME)"; exit 1; }
peak_kib() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (package 'time')"
    apt-get install -y -qq time >/dev/null 2>&1 || { say "cannot install 'time'"; exit 1; }
fi

say "building the release binary"
cargo build --release --quiet || exit 1
bin=target/release/hostfit

# 1. hostfit scan --interval 0: wall time alone, then peak RSS under /usr/bin/time.
"$bin" scan --interval 0 --format json >/dev/null 2>"$work/err" || {
    say "hostfit scan failed: $(cat "$work/err")"
    exit 1
}
: >"$work/hostfit.ms"
for _ in $(seq 1 "$runs"); do
    t0=${EPOCHREALTIME/,/.}
    "$bin" scan --interval 0 --format json >/dev/null 2>&1
    t1=${EPOCHREALTIME/,/.}
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$work/hostfit.ms"
done
peak=0
for i in $(seq 1 "$runs"); do
    /usr/bin/time -v -o "$work/time.$i" "$bin" scan --interval 0 --format json >/dev/null 2>&1
    k=$(peak_kib "$work/time.$i")
    [ "${k:-0}" -gt "$peak" ] && peak=$k
done
hf_ms=$(median <"$work/hostfit.ms")
hf_kib=$peak

# 2. node_exporter
ne_bin=$(command -v prometheus-node-exporter || command -v node_exporter || true)
ne_start_kib="" ne_steady_kib="" ne_ms=""
if [ -z "$ne_bin" ]; then
    say "node_exporter not installed (apt-get install prometheus-node-exporter): skipped"
else
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$ne_bin" --web.listen-address="127.0.0.1:$port" >"$work/ne.log" 2>&1 &
    ne_pid=$!
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null && break
        sleep 0.1
    done
    ne_start_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$ne_pid/status" 2>/dev/null)
    : >"$work/ne.ms"
    for _ in $(seq 1 "$scrapes"); do
        curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/metrics" |
            awk '{ printf "%.3f\n", $1 * 1000 }' >>"$work/ne.ms"
    done
    ne_steady_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$ne_pid/status" 2>/dev/null)
    ne_ms=$(median <"$work/ne.ms")
    kill "$ne_pid" 2>/dev/null
    wait "$ne_pid" 2>/dev/null
    ne_pid=""
fi

# 3. glances, one shot
gl_ms="" gl_kib="" gl_note=""
venv="$cache/glances-venv"
if [ ! -x "$venv/bin/glances" ]; then
    say "installing glances into $venv"
    mkdir -p "$cache"
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q glances; } >"$work/pip.log" 2>&1; then
        gl_note="glances could not be installed: $(tail -n 1 "$work/pip.log")"
    fi
fi
if [ -x "$venv/bin/glances" ]; then
    t0=${EPOCHREALTIME/,/.}
    if /usr/bin/time -v -o "$work/time.gl" "$venv/bin/glances" --stdout mem.used --stop-after 1 >/dev/null 2>"$work/gl.err"; then
        t1=${EPOCHREALTIME/,/.}
        gl_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
        gl_kib=$(peak_kib "$work/time.gl")
    else
        gl_note="glances failed: $(tail -n 1 "$work/gl.err")"
    fi
elif [ -z "$gl_note" ]; then
    gl_note="glances is not available"
fi

# The table.
row() { printf '%-46s %12s %12s  %s\n' "$@"; }
echo
row "" "wall (ms)" "RSS (MiB)" ""
row "hostfit scan --interval 0" "$hf_ms" "$(mib "$hf_kib")" "median of $runs runs; peak RSS"
if [ -n "$ne_ms" ]; then
    row "node_exporter (127.0.0.1:$port), one scrape" "$ne_ms" "$(mib "${ne_start_kib:-0}")" "median of $scrapes scrapes; RSS after start"
    row "node_exporter after $scrapes scrapes" "" "$(mib "${ne_steady_kib:-0}")" "steady RSS"
else
    row "node_exporter" "" "" "skipped: not installed"
fi
if [ -n "$gl_ms" ]; then
    row "glances --stdout mem.used --stop-after 1" "$gl_ms" "$(mib "$gl_kib")" "one run; peak RSS"
else
    row "glances" "" "" "skipped: $gl_note"
fi

status=0
if [ -n "$ne_ms" ] && [ -n "$ne_steady_kib" ]; then
    echo
    awk -v h="$hf_kib" -v n="$ne_steady_kib" 'BEGIN {
        r = h / n; printf "memory: hostfit peak / node_exporter steady = %.2f (target <= 0.33): %s\n", r, (r <= 1 / 3 ? "met" : "NOT met") }'
    awk -v h="$hf_ms" -v n="$ne_ms" 'BEGIN {
        r = h / n; printf "time:   hostfit scan / one scrape          = %.2f (target < 1): %s\n", r, (r < 1 ? "met" : "NOT met") }'
    awk -v h="$hf_kib" -v n="$ne_steady_kib" -v a="$hf_ms" -v b="$ne_ms" 'BEGIN { exit !(h / n <= 1 / 3 && a < b) }' || status=1
fi
exit "$status"
