#!/usr/bin/env bash
# bench/record.sh: what `hostfit record --every 1s` costs beside node_exporter scraped every
# second, over the same window in the same run.
#
#   bench/record.sh                 # 10 minutes (the figures to report)
#   DURATION=60 bench/record.sh     # a shorter try, in seconds
#
# Both run side by side for DURATION seconds: hostfit records this host into a fresh database
# every second; node_exporter (started on 127.0.0.1, on a free port) is scraped with curl every
# second. Just before each is stopped, its CPU time (utime + stime from /proc/PID/stat) and peak
# RSS (VmHWM from /proc/PID/status) are read. Printed: CPU seconds / wall seconds as a share of
# one core, peak RSS, and the ratios. Targets: hostfit at most 0.1% of one core, its peak RSS at
# most one third of node_exporter's. Then the database growth per day at 30 s for 20 workloads,
# measured by writing one day of such samples (2880 x 21 rows) into a copy of the schema, raw
# (the first two days) and rolled up into 5-minute buckets (later days). Everything started here
# is stopped on exit.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

say() { printf '[bench] %s\n' "$*" >&2; }
duration="${DURATION:-600}"
work=$(mktemp -d /tmp/hostfit-bench-record.XXXXXX)
ne_pid=""
hf_pid=""
scraper=""

cleanup() {
    for p in "$scraper" "$hf_pid" "$ne_pid"; do
        if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
            kill "$p" 2>/dev/null
            wait "$p" 2>/dev/null
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ticks_per_second=$(getconf CLK_TCK)
# CPU seconds used by pid $1 so far.
cpu_seconds() { awk -v hz="$ticks_per_second" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# Peak RSS of pid $1 in KiB.
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

ne=$(command -v prometheus-node-exporter || command -v node_exporter) || {
    say "node_exporter is not installed (apt-get install prometheus-node-exporter)"
    exit 1
}
command -v curl >/dev/null || { say "curl is not installed"; exit 1; }
command -v python3 >/dev/null || { say "python3 is not installed (for the growth per day)"; exit 1; }

say "building the release binary"
cargo build --release --quiet || exit 1
bin=target/release/hostfit

port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
"$ne" --web.listen-address="127.0.0.1:$port" >"$work/ne.log" 2>&1 &
ne_pid=$!
for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$port/metrics" >/dev/null && break
    sleep 0.1
done
kill -0 "$ne_pid" 2>/dev/null || { say "node_exporter did not start: $(tail -n 1 "$work/ne.log")"; exit 1; }

"$bin" record --db "$work/bench.db" --every 1s --quiet &
hf_pid=$!
(
    end=$((SECONDS + duration))
    while [ "$SECONDS" -lt "$end" ]; do
        curl -fs "http://127.0.0.1:$port/metrics" >/dev/null
        sleep 1
    done
) &
scraper=$!
say "recording and scraping for ${duration}s"
t0=${EPOCHREALTIME/,/.}
ne_cpu0=$(cpu_seconds "$ne_pid")
wait "$scraper"
scraper=""
t1=${EPOCHREALTIME/,/.}
kill -0 "$hf_pid" 2>/dev/null || { say "hostfit record ended early"; exit 1; }
hf_cpu=$(cpu_seconds "$hf_pid")
hf_hwm=$(hwm_kib "$hf_pid")
ne_cpu=$(awk -v a="$(cpu_seconds "$ne_pid")" -v b="$ne_cpu0" 'BEGIN { printf "%.2f", a - b }')
ne_hwm=$(hwm_kib "$ne_pid")
kill -TERM "$hf_pid"
wait "$hf_pid"
hf_pid=""
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
samples=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from host_sample').fetchone()[0])" "$work/bench.db")

hf_share=$(awk -v c="$hf_cpu" -v w="$wall" 'BEGIN { printf "%.3f", c / w * 100 }')
ne_share=$(awk -v c="$ne_cpu" -v w="$wall" 'BEGIN { printf "%.3f", c / w * 100 }')
rss_ratio=$(awk -v h="$hf_hwm" -v n="$ne_hwm" 'BEGIN { printf "%.2f", h / n }')
cpu_ok=$(awk -v s="$hf_share" 'BEGIN { print (s <= 0.1) ? "met" : "NOT met" }')
rss_ok=$(awk -v r="$rss_ratio" 'BEGIN { print (r <= 1 / 3) ? "met" : "NOT met" }')

# One day at 30 s for 20 workloads (and the host), raw and rolled up, in the schema hostfit wrote.
growth=$(python3 - "$work/bench.db" "$work" <<'EOF'
import os, sqlite3, sys
src, work = sys.argv[1], sys.argv[2]
schema = [r[0] for r in sqlite3.connect(src).execute(
    "select sql from sqlite_schema where sql is not null and name not like 'sqlite_%'")]
def fresh(name):
    path = os.path.join(work, name)
    db = sqlite3.connect(path)
    for s in schema:
        db.execute(s)
    db.commit()
    return db, path
def size(db, path):
    db.commit()
    db.execute("vacuum")
    db.close()
    return os.path.getsize(path)
db, path = fresh("empty.db")
empty = size(db, path)
db, path = fresh("raw.db")
db.executemany("insert into workload (id, name, kind) values (?, ?, 'service')",
               [(i, f"service-{i}") for i in range(1, 21)])
t0 = 1_800_000_000_000
for k in range(2880):
    t = t0 + k * 30_000
    db.execute("insert into host_sample values (?, ?, ?, ?, ?)",
               (t, 8 << 30, (3 << 30) + k * 4096, 2.0, 0.37))
    db.executemany("insert into workload_sample values (?, ?, ?, ?)",
                   [(i, t, (100 << 20) + i * 4096 + k, 0.013 * i) for i in range(1, 21)])
raw = size(db, path) - empty
db, path = fresh("rolled.db")
for b in range(288):
    t = t0 + b * 300_000
    db.execute("insert into host_rollup values (?, 10, ?, 2.0, ?, ?, ?, 0.1, 0.37, 0.9)",
               (t, 8 << 30, 3 << 30, (3 << 30) + 2048.5, (3 << 30) + 4096))
    db.executemany("insert into workload_rollup values (?, ?, 10, ?, ?, ?, 0.01, 0.02, 0.03)",
                   [(i, t, 100 << 20, (100 << 20) + 2048.5, (100 << 20) + 4096) for i in range(1, 21)])
rolled = size(db, path) - empty
print(f"{raw / 1048576:.2f} {rolled / 1048576:.2f} {(2 * raw + 28 * rolled) / 1048576:.1f}")
EOF
)
read -r raw_mib rolled_mib month_mib <<<"$growth"

printf '\n'
printf 'hostfit record --every 1s beside node_exporter scraped every 1 s, %s s wall, %s samples\n' "$wall" "$samples"
printf '%-34s %12s %14s %12s\n' "" "CPU seconds" "share of core" "peak RSS"
printf '%-34s %12s %13s%% %9s MiB\n' "hostfit record" "$hf_cpu" "$hf_share" "$(mib "$hf_hwm")"
printf '%-34s %12s %13s%% %9s MiB\n' "node_exporter (scraped)" "$ne_cpu" "$ne_share" "$(mib "$ne_hwm")"
printf '\n'
printf 'hostfit CPU: %s%% of one core (target <= 0.1%%): %s\n' "$hf_share" "$cpu_ok"
printf 'hostfit RSS / node_exporter RSS: %s (target <= 0.33): %s\n' "$rss_ratio" "$rss_ok"
printf 'database growth at 30 s for 20 workloads: %s MiB a day raw (the last 2 days), %s MiB a day rolled up; %s MiB at 30 days retention\n' \
    "$raw_mib" "$rolled_mib" "$month_mib"
[ "$cpu_ok" = met ] && [ "$rss_ok" = met ]
