#!/usr/bin/env bash
# Sets everything up, builds the release binary and starts QuickReply on the default library
# (the OS data directory, or QUICKREPLY_DB). An empty library gets the starter templates.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo build --release --bin quickreply
exec target/release/quickreply "$@"
