#!/usr/bin/env bash
# Type-checks and lints the whole workspace for macOS from Linux, without Apple's SDK:
#   cargo clippy --target aarch64-apple-darwin --workspace --all-targets -- -D warnings
#
# What it proves: every crate (crates/*, src-tauri, and all dependencies, including Tauri's
# objc2/AppKit/WebKit bindings) type-checks for macOS with the features Cargo.toml asks for,
# every `cfg(target_os = "macos")` path (crates/platform/src/macos.rs, the Keychain backend of
# `keyring`, ...) compiles, and clippy finds nothing to warn about there. Build scripts run, and
# the C code in dependencies (libsqlite3-sys bundled SQLite, ring) is compiled for the target by
# `zig cc`, which ships macOS libc headers; no Apple framework headers are needed for a check.
#
# What it cannot prove: linking (needs the macOS SDK's frameworks and libSystem .tbd files),
# running anything (no tests are run), code signing/notarization, bundling (.app/.dmg), and
# runtime behaviour: whether the Keychain, autostart (LaunchAgent), global shortcuts, key
# injection, Accessibility/Input Monitoring permissions or focus tracking actually work.
#
# Installs what it needs (idempotent): the rustup targets, the PyPI package `ziglang` in a venv
# under ~/.cache/quickreply/zig (QUICKREPLY_ZIG_HOME overrides), and cc/c++/ar wrappers there.
# QUICKREPLY_MACOS_TARGETS picks the targets (default: aarch64-apple-darwin; the x86_64 one
# checks the same cfg paths and doubles the cold time). Extra arguments go to cargo clippy.
#
# Note: the tauri-build step writes src-tauri/gen/schemas/macOS-schema.json when it runs for a
# macOS target (like windows-schema.json for Windows).
set -euo pipefail
cd "$(dirname "$0")/.."

ZIG_HOME="${QUICKREPLY_ZIG_HOME:-$HOME/.cache/quickreply/zig}"
ZIGLANG_VERSION="${QUICKREPLY_ZIGLANG_VERSION:-0.17.1}"
read -r -a TARGETS <<<"${QUICKREPLY_MACOS_TARGETS:-aarch64-apple-darwin}"

installed_targets="$(rustup target list --installed)"
for target in "${TARGETS[@]}"; do
  grep -qx "$target" <<<"$installed_targets" || rustup target add "$target"
done

if ! "$ZIG_HOME/venv/bin/python" -m ziglang version 2>/dev/null | grep -qx "$ZIGLANG_VERSION"; then
  echo "macos-check: installing ziglang $ZIGLANG_VERSION into $ZIG_HOME/venv" >&2
  mkdir -p "$ZIG_HOME"
  python3 -m venv "$ZIG_HOME/venv"
  "$ZIG_HOME/venv/bin/pip" install --quiet "ziglang==$ZIGLANG_VERSION"
fi
export ZIG_GLOBAL_CACHE_DIR="$ZIG_HOME/cache"

# cc-rs passes clang's `--target=arm64-apple-macosx`, `-arch arm64` and
# `-mmacosx-version-min=`; zig wants its own `-target`, so the wrappers drop those.
write_wrapper() { # file, zig subcommand, zig target
  local tmp="$1.tmp"
  cat >"$tmp" <<EOF
#!/usr/bin/env bash
args=()
skip=0
for a in "\$@"; do
  if [[ \$skip == 1 ]]; then skip=0; continue; fi
  case "\$a" in
    --target=*|-mmacosx-version-min=*) ;;
    -arch) skip=1 ;;
    *) args+=("\$a") ;;
  esac
done
exec "$ZIG_HOME/venv/bin/python" -m ziglang $2 -target $3 "\${args[@]}"
EOF
  chmod +x "$tmp"
  if cmp -s "$tmp" "$1"; then rm "$tmp"; else mv "$tmp" "$1"; fi
}
mkdir -p "$ZIG_HOME/bin"
cat >"$ZIG_HOME/bin/ar.tmp" <<EOF
#!/usr/bin/env bash
exec "$ZIG_HOME/venv/bin/python" -m ziglang ar "\$@"
EOF
chmod +x "$ZIG_HOME/bin/ar.tmp"
if cmp -s "$ZIG_HOME/bin/ar.tmp" "$ZIG_HOME/bin/ar"; then rm "$ZIG_HOME/bin/ar.tmp"; else
  mv "$ZIG_HOME/bin/ar.tmp" "$ZIG_HOME/bin/ar"
fi

# The UI is only embedded, not type-checked: reuse an existing ui/dist instead of running
# `npm run build` (src-tauri/build.rs builds it when it is missing; that needs ui/node_modules).
if [[ -f ui/dist/index.html ]]; then export QUICKREPLY_SKIP_UI_BUILD=1; fi

status=0
for target in "${TARGETS[@]}"; do
  arch="${target%%-*}"
  var="${target//-/_}"
  write_wrapper "$ZIG_HOME/bin/cc-$arch" cc "$arch-macos"
  write_wrapper "$ZIG_HOME/bin/c++-$arch" c++ "$arch-macos"
  export "CC_$var=$ZIG_HOME/bin/cc-$arch" "CXX_$var=$ZIG_HOME/bin/c++-$arch" \
    "AR_$var=$ZIG_HOME/bin/ar"
  echo "macos-check: cargo clippy --target $target" >&2
  cargo clippy --locked --keep-going --target "$target" --workspace --all-targets "$@" \
    -- -D warnings || status=1
done
exit "$status"
