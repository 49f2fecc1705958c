#!/usr/bin/env bash
# Fuzzes the importers and parsers with cargo-fuzz (libFuzzer, nightly toolchain): Fluent packs,
# reply spreadsheets, Espanso files, order files in every format, --var, language detection and
# the palette's suggestion input. A panic, a hang (an input taking over 10 s), or memory past
# 2 GB is a failure: the input is saved under fuzz/artifacts/TARGET/ and the script exits 1.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# CI runs 30 s per target (scripts/test.sh); the long form is `scripts/fuzz.sh 600`. Inputs
# that once crashed a target stay in fuzz/regressions/TARGET/ and run first, every time. The
# growing corpus and the build live under ~/.cache/quickreply (not in the repository), so a
# second run rebuilds only what changed and starts from what earlier runs found.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
all=(fluent_pack reply_sheet espanso orders var_assignment detect suggest_input)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

cache="$HOME/.cache/quickreply"
export CARGO_TARGET_DIR="${QUICKREPLY_FUZZ_TARGET_DIR:-$cache/fuzz-target}"
(cd fuzz && cargo +nightly fuzz build -O)

# Seeds: the fixtures the unit tests use (read only; new inputs go to the cached corpus).
seeds() {
  case $1 in
    fluent_pack) echo packs/starter ;;
    reply_sheet) echo crates/core/tests/data/orders ;;
    espanso) echo crates/core/tests/data/espanso/match crates/core/tests/data/espanso/match/packages/shop-phrases ;;
    orders) echo crates/core/tests/data/orders ;;
    detect | suggest_input) echo eval/suggest ;;
    *) ;;
  esac
}

run() {
  local t=$1 corpus="$cache/fuzz-corpus/$1" log="$cache/fuzz-logs/$1.log"
  mkdir -p "$corpus" "fuzz/artifacts/$t" "$(dirname "$log")"
  local dirs=("$corpus")
  [[ -d fuzz/regressions/$t ]] && dirs+=("fuzz/regressions/$t")
  for s in $(seeds "$t"); do dirs+=("$s"); done
  # -timeout: an input running over 10 s is a hang; -rss_limit_mb: over 2 GB is a failure;
  # -max_len: files up to 64 KB (the huge-input bounds are tested in crates/core/tests).
  if "$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/$t" "${dirs[@]}" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
    printf '%-15s ok: %s runs in %s s, %s coverage points, corpus %s inputs\n' "$t" \
      "$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')" "$seconds" \
      "$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')" \
      "$(find "$corpus" -type f | wc -l)"
  else
    echo "$t FAILED: the input is in fuzz/artifacts/$t/ (keep it in fuzz/regressions/$t/ once fixed); log:"
    grep -v '^#' "$log" | tail -40
    return 1
  fi
}

# Two at a time: one per core.
failed=0
pids=()
for t in "${targets[@]}"; do
  run "$t" &
  pids+=($!)
  if [[ ${#pids[@]} -eq 2 ]]; then
    wait "${pids[0]}" || failed=1
    wait "${pids[1]}" || failed=1
    pids=()
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
exit $failed
