#!/usr/bin/env bash
# bench/fuzz.sh: every cargo-fuzz target of fuzz/, one after another, for SECONDS each.
#
#   bench/fuzz.sh [SECONDS] [TARGET...]   # 60 seconds each by default; all targets by default
#
# Installs cargo-fuzz when it is missing (the targets need the nightly toolchain), builds the
# targets (optimised, with debug assertions and overflow checks; no sanitizer, as the code is
# safe Rust: FUZZ_SANITIZER=address to add ASan), seeds each corpus under fuzz/corpus/TARGET from
# fuzz/seeds/TARGET and from the repository's examples and fixtures (and ../shared when it is
# there), then runs libFuzzer with -max_total_time=SECONDS and a 10 s limit per input (a slower
# input is a hang, and counts as a crash). Prints per target the runs, runs per second and
# crashes with the paths of their artifacts under fuzz/artifacts/TARGET (the log of each run
# is fuzz/artifacts/TARGET.log). Exits 1 when any target crashed. FUZZ_RUNS=N also stops each
# target after N runs (the goal is 10 million runs per target: FUZZ_RUNS=10000000 with a long
# SECONDS stops the fast targets early). The targets run one at a time, on one core.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
root=$PWD
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
sanitizer=${FUZZ_SANITIZER:-none}
runs_limit=${FUZZ_RUNS:-0}
shared="$root/../shared"

say() { printf '[fuzz] %s\n' "$*" >&2; }

case "$seconds" in '' | *[!0-9]*) say "SECONDS must be a whole number, not '$seconds'"; exit 2 ;; esac
case "$runs_limit" in '' | *[!0-9]*) say "FUZZ_RUNS must be a whole number, not '$runs_limit'"; exit 2 ;; esac

if ! cargo +nightly --version >/dev/null 2>&1; then
    say "the nightly toolchain is needed: rustup toolchain install nightly"
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install --locked cargo-fuzz || exit 2
fi

all_targets=$(cargo +nightly fuzz list) || exit 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets <<<"$all_targets"

say "building ${#targets[@]} targets (sanitizer: $sanitizer)"
for t in "${targets[@]}"; do
    grep -qx "$t" <<<"$all_targets" || { say "no target '$t'"; exit 2; }
done
cargo +nightly fuzz build -s "$sanitizer" || exit 2

# Copies the files `find` selects under the repository's (and ../shared's) fixtures into the
# corpus of target $1, each named by its content.
seed_from() {
    local target=$1
    shift
    local dirs=("$root/examples" "$root/tests/fixtures" "$root/src/catalog/data")
    [ -d "$shared" ] && dirs+=("$shared/cases" "$shared/fixtures")
    find "${dirs[@]}" -type f "$@" -size -256k -print0 2>/dev/null |
        while IFS= read -r -d '' f; do
            cp "$f" "fuzz/corpus/$target/seed-$(sha1sum <"$f" | cut -c1-16)"
        done
}

seed() {
    local t=$1
    mkdir -p "fuzz/corpus/$t"
    [ -d "fuzz/seeds/$t" ] && cp fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null
    case "$t" in
        plan_yaml) seed_from "$t" -name 'plan.yaml' ;;
        snapshot_yaml) seed_from "$t" \( -name 'snapshot.yaml' -o -name 'expected.yaml' \) ;;
        catalog_yaml) seed_from "$t" -path '*/catalog/data/*.yaml' ;;
        probe_meminfo) seed_from "$t" \( -name meminfo -o -name zoneinfo \) ;;
        probe_stat) seed_from "$t" \( -path '*/proc/stat' -o -path '*/cpu/online' \) ;;
        probe_pid) seed_from "$t" \( -path '*/proc/[0-9]*/stat' -o -path '*/proc/[0-9]*/status' \
            -o -name smaps_rollup -o -path '*/proc/*/cgroup' \) ;;
        probe_mountinfo) seed_from "$t" -name 'mountinfo*' ;;
        probe_net) seed_from "$t" \( -path '*/net/tcp*' -o -path '*/net/udp*' \) ;;
        probe_cgroup) seed_from "$t" \( -name 'memory.stat' -o -name 'cpu.stat' -o -name 'cpu.max' \
            -o -name 'memory.max' -o -name 'memory.current' -o -name 'memory.usage_in_bytes' \
            -o -name 'memory.limit_in_bytes' -o -name 'cpuacct.usage' -o -name 'cpu.cfs_*' \
            -o -name '*.pressure' -o -path '*/proc/pressure/*' \) ;;
        probe_df) seed_from "$t" -path '*/capture/df' ;;
        compose_yaml) seed_from "$t" \( -name 'docker-compose*.y*ml' -o -path '*/compose/*.y*ml' \) ;;
        probe_kubernetes) seed_from "$t" -path '*/kubernetes/*.json' ;;
    esac
}

# The last value of `stat::NAME: VALUE` in libFuzzer's final stats.
stat_of() { awk -F': ' -v k="stat::$1" '$1 == k { v = $2 } END { print v + 0 }' "$2"; }

mkdir -p fuzz/artifacts
marks=$(mktemp -d /tmp/hostfit-fuzz.XXXXXX)
trap 'rm -rf "$marks"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
rows=()
failed=0
for t in "${targets[@]}"; do
    seed "$t"
    mkdir -p "fuzz/artifacts/$t"
    marker="$marks/$t"
    log="fuzz/artifacts/$t.log"
    touch "$marker"
    say "$t: ${seconds}s$([ "$runs_limit" -gt 0 ] && echo " or $runs_limit runs")"
    cargo +nightly fuzz run -s "$sanitizer" "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -runs="$((runs_limit > 0 ? runs_limit : -1))" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1
    status=$?
    runs=$(stat_of number_of_executed_units "$log")
    rate=$(stat_of average_exec_per_sec "$log")
    mapfile -t found < <(find "fuzz/artifacts/$t" -type f -newer "$marker" | sort)
    crashes=${#found[@]}
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        say "$t: libFuzzer exited $status without an artifact; the end of its log:"
        tail -n 20 "$log" >&2
        crashes=1
    fi
    if [ "$crashes" -gt 0 ]; then
        failed=1
        for f in "${found[@]}"; do say "$t: crash: $f"; done
        grep -m1 -A3 -E "panicked at|ERROR: libFuzzer" "$log" >&2
    fi
    rows+=("$(printf '%-16s %12s %10s %8s' "$t" "$runs" "$rate" "$crashes")")
done

printf '%-16s %12s %10s %8s\n' target runs runs/s crashes
printf '%s\n' "${rows[@]}"
exit "$failed"
