#!/usr/bin/env bash
# Builds the Windows quickreply.exe (x86_64-pc-windows-gnu, MinGW from Debian) and runs the CLI
# contract tests against it under Wine: cargo runs each Windows test binary through Wine (the
# target's runner), and the tests start quickreply.exe as a Windows process. setup.sh installs
# the target, MinGW and Wine.
#
# The Wine prefix lives in ~/.cache/quickreply/wine (QUICKREPLY_WINEPREFIX overrides); its first
# creation takes about 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wine >/dev/null || {
  echo "windows-tests: wine is not installed; run ./scripts/setup.sh first" >&2
  exit 1
}
export WINEPREFIX="${QUICKREPLY_WINEPREFIX:-$HOME/.cache/quickreply/wine}"
# No Mono or Gecko install prompts (they would wait for a click), no debug chatter.
export WINEDLLOVERRIDES="mscoree,mshtml="
export WINEDEBUG=-all
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
# The tests need no display; keep Wine from looking for one.
unset DISPLAY WAYLAND_DISPLAY
mkdir -p "$WINEPREFIX"
if [[ ! -f $WINEPREFIX/system.reg ]]; then
  echo "windows-tests: creating the Wine prefix in $WINEPREFIX" >&2
  wineboot --init >/dev/null 2>&1 || true
  wineserver -w || true
fi
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, where Rust's standard library gets random
# bytes (ProcessPrng); without it every Rust .exe fails to load. A 15-line shim over
# RtlGenRandom goes into this test prefix only (scripts/wine/bcryptprimitives.c says why).
shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [[ ! -f $shim || scripts/wine/bcryptprimitives.c -nt $shim ]]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$shim" scripts/wine/bcryptprimitives.c \
    scripts/wine/bcryptprimitives.def -ladvapi32
fi

cargo build --target x86_64-pc-windows-gnu --bin quickreply
ls -l target/x86_64-pc-windows-gnu/debug/quickreply.exe
cargo test --target x86_64-pc-windows-gnu -p quickreply --test cli
wineserver -k 2>/dev/null || true
