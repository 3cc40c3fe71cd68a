#!/usr/bin/env bash
# Benchmarks of the release `hostfit plan`, each figure printed beside its target or its peer.
#
# 1. The seed example in every format and language: median wall time and peak RSS of RUNS runs
#    (default 10). Targets: under 20 ms and 10 MiB each.
# 2. The scaling table of "what fits now" (issue 8): plans written by bench/gen_plans.py in the
#    shapes none, zero-alt, identical and mixed, with N = 10, 50, 100, 200, 500 services. Per row,
#    hostfit's median wall time over RUNS runs (default 5) and peak RSS of `plan --format json`,
#    its `fits_now.proven_optimal` and the key of its choice (services covered per priority class,
#    most important first, then `+deployments`), beside the peer: OR-tools CP-SAT solving the same
#    problem exactly (bench/fits_now_peer.py, in a virtualenv at target/bench-venv). Targets: every
#    row under 1 s and 20 MiB, and proven optimal up to 50 services.
#
# Peak RSS comes from GNU time (`/usr/bin/time`, %M); wall time from a second run of the same
# command timed with `date +%s%N`, since %e has only 10 ms resolution.
#
# Environment: RUNS (runs per figure), SHAPES and SIZES (the rows of table 2), PEER_TIME_LIMIT
# (seconds CP-SAT may spend on one plan, default 60), PEER=0 (skip the peer), BENCH_VENV (the
# virtualenv, default target/bench-venv).
# Exit status: 1 when a target is missed or hostfit and CP-SAT contradict each other (the plan
# that shows it is kept under target/bench-disagreements/).
set -euo pipefail
cd "$(dirname "$0")/.."

shapes=${SHAPES:-none zero-alt identical mixed}
sizes=${SIZES:-10 50 100 200 500}
peer_time_limit=${PEER_TIME_LIMIT:-60}
venv=${BENCH_VENV:-target/bench-venv}
kept=target/bench-disagreements

if [[ ! -x /usr/bin/time ]]; then
  echo "[bench] installing GNU time" >&2
  { apt-get install -y --no-install-recommends time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends time >/dev/null; }; }
fi
cargo build --release --quiet
bin=target/release/hostfit
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# measure RUNS CMD...: runs CMD RUNS times; sets median_ms, max_ms (wall) and peak_mib (RSS).
# The command's standard output of the last run is left in $out/stdout.
measure() {
  local n=$1; shift
  : >"$out/times"; : >"$out/rss"
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e %M' -o "$out/t" "$@" >"$out/stdout"
    local start end
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >>"$out/times"
    awk '{print $2}' "$out/t" >>"$out/rss"
  done
  local median_us max_us peak_kib
  median_us=$(sort -n "$out/times" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  max_us=$(sort -n "$out/times" | tail -1)
  peak_kib=$(sort -n "$out/rss" | tail -1)
  median_ms=$(awk -v u="$median_us" 'BEGIN {printf "%.2f", u/1000}')
  max_ms=$(awk -v u="$max_us" 'BEGIN {printf "%.2f", u/1000}')
  peak_mib=$(awk -v k="$peak_kib" 'BEGIN {printf "%.2f", k/1024}')
}

fail=0

# --- 1. The seed example in every format: wall time and RSS of the whole report ---------------
plan=examples/aliyun-2c2g/plan.yaml
runs=${RUNS:-10}
printf '%-18s %12s %12s %10s %10s\n' format median_ms max_ms peak_MiB verdict
for spec in text:en text:zh markdown:en markdown:zh json:en; do
  format=${spec%%:*}; lang=${spec##*:}
  measure "$runs" "$bin" plan "$plan" --format "$format" --lang "$lang"
  ok=$(awk -v m="$median_ms" -v r="$peak_mib" 'BEGIN {print (m < 20 && r < 10) ? "met" : "MISSED"}')
  [[ $ok == met ]] || fail=1
  printf '%-18s %12s %12s %10s %10s\n' "$format/$lang" "$median_ms" "$max_ms" "$peak_mib" "$ok"
done
echo "targets: median under 20 ms and peak RSS under 10 MiB per format ($runs runs each)"
echo

# --- 2. The peer: CP-SAT and PyYAML in a virtualenv, made when missing ------------------------
peer=0
if [[ ${PEER:-1} == 0 ]]; then
  peer_note="peer skipped (PEER=0)"
elif "$venv/bin/python" -c 'import ortools, yaml' 2>/dev/null; then
  peer=1
else
  echo "[bench] installing OR-tools and PyYAML into $venv" >&2
  if { [[ -x $venv/bin/python ]] || python3 -m venv "$venv"; } &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 30 --retries 2 \
      'ortools==9.15.6755' 'pyyaml>=6' >"$out/pip.log" 2>&1; then
    peer=1
  else
    peer_note="NOTE: could not install ortools from PyPI (unreachable?): CP-SAT columns skipped ($(tail -1 "$out/pip.log" 2>/dev/null))"
  fi
fi
if [[ $peer == 1 ]]; then
  peer_note="peer: OR-tools $("$venv/bin/python" -c 'import ortools; print(ortools.__version__)') CP-SAT, 8 workers, class by class, ${peer_time_limit} s limit per plan, one run per plan"
fi

# field NAME: the value of NAME=... in the peer's one-line answer
field() { tr ' ' '\n' <<<"$result" | sed -n "s/^$1=//p"; }

# --- 3. The scaling table of "what fits now" -------------------------------------------------
runs=${RUNS:-5}
row='%-9s %4s | %8s %7s %6s %-26s | %8s %8s %-26s | %4s | %s\n'
# shellcheck disable=SC2059 # the format is the one above
printf "$row" shape N hf_ms hf_MiB proven hostfit_key cp_ms cp_status cpsat_key same targets
bugs=0; better=0
for shape in $shapes; do
  for n in $sizes; do
    dir=$out/$shape-$n
    python3 bench/gen_plans.py "$dir" "$shape" "$n"
    # hostfit: the whole `plan` run (parsing, every scenario, both fits-now searches, the report)
    measure "$runs" "$bin" plan "$dir/plan.yaml" --format json
    cp "$out/stdout" "$dir/hostfit.json"
    proven=$(python3 -c 'import json,sys; print(str(json.load(open(sys.argv[1]))["fits_now"]["proven_optimal"]).lower())' "$dir/hostfit.json")
    key=$(python3 bench/fits_now_peer.py key "$dir/hostfit.json")
    ok=$(awk -v m="$median_ms" -v r="$peak_mib" -v n="$n" -v p="$proven" \
      'BEGIN {print (m < 1000 && r < 20 && (n > 50 || p == "true")) ? "met" : "MISSED"}')
    [[ $ok == met ]] || fail=1
    # CP-SAT: reading the YAML, building the model and solving, timed inside the peer after its
    # imports (Python start-up and `import ortools` excluded); it also checks hostfit's choice
    cp_ms=-; cp_status=-; cp_key=-; same=-; ahead=-; check=ok
    if [[ $peer == 1 ]]; then
      if result=$("$venv/bin/python" bench/fits_now_peer.py solve "$dir/plan.yaml" \
        --hostfit-json "$dir/hostfit.json" --time-limit "$peer_time_limit" 2>"$out/peer.err"); then
        cp_ms=$(field ms); cp_status=$(field status); cp_key=$(field key)
        same=$(field same); ahead=$(field ahead); check=$(field check)
      else
        cp_status=error; fail=1
        echo "!!! CP-SAT peer failed on $shape N=$n: $(tail -1 "$out/peer.err")" >&2
      fi
      if [[ $ahead == cpsat && $check == ok ]]; then better=$((better + 1)); fi
    fi
    # shellcheck disable=SC2059
    printf "$row" "$shape" "$n" "$median_ms" "$peak_mib" "$proven" "$key" "$cp_ms" "$cp_status" "$cp_key" "$same" "$ok"
    if [[ $check != ok ]]; then
      bugs=$((bugs + 1)); fail=1
      mkdir -p "$kept"; rm -rf "${kept:?}/$shape-$n"; cp -r "$dir" "$kept/$shape-$n"
      echo "!!! DISAGREEMENT on $shape N=$n: ${check#BUG:}" >&2
      echo "!!! hostfit key $key (proven $proven), CP-SAT key $cp_key ($cp_status); plan kept in $kept/$shape-$n" >&2
    fi
  done
done
echo "targets: every row under 1000 ms (median of $runs runs) and 20 MiB, proven optimal up to 50 services"
echo "hf_ms: wall time of the whole \`hostfit plan --format json\`; cp_ms: CP-SAT's reading, model building and solving, in-process"
echo "key: services covered per priority class (most important first) / ... + services deployed; more is better, compared left to right"
echo "$peer_note"
if [[ $peer == 1 ]]; then
  echo "rows where CP-SAT found a better key than hostfit (hostfit not proven optimal there): $better"
  echo "contradictions between hostfit and CP-SAT (both optimal with different keys, a proven key beaten, a choice that does not fit, a bound exceeded, different rooms): $bugs"
fi
exit $fail
