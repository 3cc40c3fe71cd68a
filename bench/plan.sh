#!/usr/bin/env bash
# Median wall time and peak RSS of ten runs of the release `hostfit plan` on the seed example, in
# every format and language. Targets: under 20 ms and 10 MiB each. Peak RSS comes from GNU time
# (`/usr/bin/time -v`), wall time from the same runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
if [[ ! -x /usr/bin/time ]]; then
  echo "[bench] installing GNU time" >&2
  { apt-get install -y --no-install-recommends time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends time >/dev/null; }; }
fi
cargo build --release --quiet
bin=target/release/hostfit
plan=examples/aliyun-2c2g/plan.yaml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

printf '%-18s %12s %12s %10s %10s\n' format median_ms max_ms peak_MiB verdict
fail=0
for spec in text:en text:zh markdown:en markdown:zh json:en; do
  format=${spec%%:*}; lang=${spec##*:}
  : >"$out/times"; : >"$out/rss"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/t" "$bin" plan "$plan" --format "$format" --lang "$lang" >/dev/null
    # %e has only 10 ms resolution: time the run again with date for the wall figure
    start=$(date +%s%N); "$bin" plan "$plan" --format "$format" --lang "$lang" >/dev/null; end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >>"$out/times"
    awk '{print $2}' "$out/t" >>"$out/rss"
  done
  median_us=$(sort -n "$out/times" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  max_us=$(sort -n "$out/times" | tail -1)
  peak_kib=$(sort -n "$out/rss" | tail -1)
  ms=$(awk -v u="$median_us" 'BEGIN {printf "%.2f", u/1000}')
  maxms=$(awk -v u="$max_us" 'BEGIN {printf "%.2f", u/1000}')
  mib=$(awk -v k="$peak_kib" 'BEGIN {printf "%.2f", k/1024}')
  ok=$(awk -v m="$ms" -v r="$mib" 'BEGIN {print (m < 20 && r < 10) ? "met" : "MISSED"}')
  [[ $ok == met ]] || fail=1
  printf '%-18s %12s %12s %10s %10s\n' "$format/$lang" "$ms" "$maxms" "$mib" "$ok"
done
echo "targets: median under 20 ms and peak RSS under 10 MiB per format ($runs runs each)"
exit $fail
