#!/usr/bin/env bash
# Times `steward audit` on the NIH ChestX-ray14 folder (112,120 rows, five lists) against
# bench/pandas_audit.py doing the same joins and counts, both as whole processes.
#
# Usage: bash bench/nih.sh [DIR]   (DIR defaults to examples/nih-cxr14)
# Needs: cargo; python3 with venv (pandas is installed into bench/.venv); hyperfine if
# present (Debian package `hyperfine`), else a plain loop of 10 runs reporting the median.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-examples/nih-cxr14}

cargo build --release --locked -q -p steward
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q 'pandas>=2'
fi

steward="${CARGO_TARGET_DIR:-target}/release/steward audit --quiet --format json --fail-on none $dir"
pandas="bench/.venv/bin/python bench/pandas_audit.py $dir"

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 -N --output=null "$steward" "$pandas"
  exit 0
fi

median() {
  local times=()
  for _ in $(seq 10); do
    local start end
    start=$(date +%s.%N)
    $1 >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 5p
}
echo "steward: $(median "$steward") s (median of 10)"
echo "pandas:  $(median "$pandas") s (median of 10)"
