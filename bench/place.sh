#!/usr/bin/env bash
# bench/place.sh: `hostfit place` (release build) on four kinds of instance, each beside its peer:
# (a) the real alibaba-openb-2023 cluster, hosts used against the lower bound and each classic
# heuristic; (b) Panigrahy et al.'s synthetic classes, 10,000 services on 1,500 hosts, time and
# ratio; (c) small instances against OR-tools CP-SAT's proven optimum; (d) the purchase on
# karpenter-kwok's instance types against the cheapest single-type purchase. Targets: (b) within
# 1 s and 1.02 x the volume bound (the count bound, docs/json.md, is printed beside it); never
# worse than the best classic heuristic; equal to CP-SAT on every small instance. Exits 1 when
# one is missed. The data is read from ../shared/data.
# Environment: BENCH_VENV (the OR-tools virtualenv, default target/bench-venv), BENCH_QUICK=1
# (smaller instances, for a try).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${BENCH_VENV:-target/bench-venv}
out=target/bench-place
rm -rf "$out"
mkdir -p "$out"
cargo build --release --quiet
python=python3
if "$venv/bin/python" -c 'import ortools' 2>/dev/null; then
  python="$venv/bin/python"
else
  echo "[bench] installing OR-tools into $venv" >&2
  if { [[ -x $venv/bin/python ]] || python3 -m venv "$venv"; } &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 30 --retries 2 \
      'ortools==9.15.6755' >"$out/pip.log" 2>&1; then
    python="$venv/bin/python"
  else
    echo "[bench] NOTE: could not install ortools from PyPI: (c) is skipped and counted as missed" >&2
  fi
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$python" bench/place_bench.py target/release/hostfit "$out" ${BENCH_QUICK:+--quick}
