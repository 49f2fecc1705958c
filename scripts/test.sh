#!/usr/bin/env bash
# Sets everything up and runs every check: format, lints, unit + integration tests, the CLI
# contract tests against the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (unit, integration, CLI contract)"
cargo test --workspace

step "benchmarks compile"
cargo bench --workspace --no-run
