"""Shared helpers for the QuickReply end-to-end tests and the latency harness.

A `Session` owns a private X server (Xvfb on a free display), openbox, a Chromium "console"
page with one autofocused <textarea> that mirrors its value into document.title (read back
through the DevTools HTTP endpoint), and the QuickReply app on a temporary library prepared
with the CLI. Everything is started in its own process group and tagged with a per-session
environment marker; `close()` kills the groups and then any tagged process left over.

Python 3.11 standard library only. X11 queries (active window, window names) and timed key
presses go through ctypes (libX11 + libXtst); untimed typing and clicks use xdotool.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import html
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "tests" / "out"
PALETTE_TITLE = "QuickReply"
MARKER_VAR = "QUICKREPLY_E2E_SESSION"

# A test pack imported next to the starter library: one reply with no variables, one that
# needs a value nothing provides (size_hint), so the values form appears, and one of three
# lines (Fluent keeps the line breaks of a multi-line pattern) for the paste targets of
# run.py's cases k-o.
TEST_PACK_EN = """\
plain-thanks = Thank you for your message, we will answer within 24 hours.
    .title = Plain thanks
    .category = Test
multi-line = Hello,
    thank you for your patience.
    The { $shop_name } team
    .title = Multi-line note
    .category = Test
ask-size = Hello { $buyer_name }, which size do you need for order { $order_id }? { $size_hint }
    .title = Ask size
    .category = Test
"""

TEST_PACK_RU = """\
plain-thanks = Спасибо за сообщение, мы ответим в течение 24 часов.
    .title = Спасибо
"""

ORDERS_CSV = """\
order_id,buyer_name,buyer_locale,buyer_country,carrier,tracking_number,tracking_url,shipped_at,eta,item_count,total,currency,marketplace
A-1001,فاطمة الزهراء,ar,AE,Aramex,AX123456789,https://track.example/AX123456789,2025-03-01,2025-03-09,2,149.90,AED,Noon
M-2002,Siti Aminah,ms,MY,Pos Laju,PL987654321,https://track.example/PL987654321,2025-03-02,2025-03-10,1,59.00,MYR,Shopee
"""

# The target "seller console". The title is 'console:' + JSON of the textarea value, updated
# synchronously on every 'input' event (paste, typing, deletion) and, as a fallback, every
# 50 ms. Spaces are written as \u0020 (still valid JSON) because Blink collapses runs of
# whitespace in document.title.
CONSOLE_HTML = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>console:""</title>
<style>html,body{margin:0;height:100%}textarea{position:fixed;inset:0;width:100%;height:100%;
box-sizing:border-box;font:16px sans-serif}</style></head>
<body><textarea id="t" autofocus spellcheck="false"></textarea>
<script>
const t = document.getElementById("t");
let last = null;
function mirror() {
  if (t.value === last) return;
  last = t.value;
  document.title = "console:" + JSON.stringify(t.value).replace(/ /g, "\\\\u0020");
}
t.addEventListener("input", mirror);
setInterval(mirror, 50);
mirror();
t.focus();
</script></body></html>
"""


class E2EError(AssertionError):
    """A failed expectation (or a step that timed out)."""


def log(msg: str) -> None:
    print(msg, flush=True)


def wait_for(predicate, timeout: float, interval: float = 0.02, what: str = "condition"):
    """Poll `predicate` until it returns a truthy value; raise E2EError on timeout."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:  # noqa: BLE001 - report the last one on timeout
            last_exc = e
        if time.monotonic() >= deadline:
            extra = f" (last error: {last_exc})" if last_exc else ""
            raise E2EError(f"timed out after {timeout:.1f}s waiting for {what}{extra}")
        time.sleep(interval)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# X11 through ctypes


class _XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


class _X11:
    """Minimal libX11/libXtst binding: active window, window names, XTest key events."""

    XA_WINDOW = 33
    XA_STRING = 31
    ANY_PROPERTY_TYPE = 0

    def __init__(self, display: str):
        x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        self.x11, self.xtst = x11, xtst
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XGetWindowProperty.restype = ctypes.c_int
        x11.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_void_p),
        ]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XWindowAttributes)]
        x11.XGetInputFocus.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int)]
        xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        # Windows vanish between queries (BadWindow): ignore protocol errors instead of exiting.
        handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        self._handler = handler_type(lambda _d, _e: 0)
        x11.XSetErrorHandler(self._handler)

        self.dpy = x11.XOpenDisplay(display.encode())
        if not self.dpy:
            raise E2EError(f"XOpenDisplay({display}) failed")
        self.root = x11.XDefaultRootWindow(self.dpy)
        self.a_active = x11.XInternAtom(self.dpy, b"_NET_ACTIVE_WINDOW", 0)
        self.a_name = x11.XInternAtom(self.dpy, b"_NET_WM_NAME", 0)
        self.a_utf8 = x11.XInternAtom(self.dpy, b"UTF8_STRING", 0)
        self.a_wm_name = x11.XInternAtom(self.dpy, b"WM_NAME", 0)

    def close(self) -> None:
        if self.dpy:
            self.x11.XCloseDisplay(self.dpy)
            self.dpy = None

    def _prop(self, window: int, prop: int, req_type: int, length: int = 1024):
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        nitems, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self.x11.XGetWindowProperty(
            self.dpy, window, prop, 0, length, 0, req_type, ctypes.byref(actual_type),
            ctypes.byref(actual_format), ctypes.byref(nitems), ctypes.byref(after), ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return None, 0, 0
        try:
            fmt, n = actual_format.value, nitems.value
            if fmt == 32:  # 32-bit items are C longs in Xlib's client-side buffer
                arr = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
                return [arr[i] for i in range(n)], fmt, n
            if fmt == 8:
                return ctypes.string_at(data, n), fmt, n
            return None, fmt, n
        finally:
            self.x11.XFree(data)

    def active_window(self) -> int:
        """_NET_ACTIVE_WINDOW of the root (openbox keeps it current); without a window
        manager, the window with the X input focus; 0 if none."""
        value, _, n = self._prop(self.root, self.a_active, self.XA_WINDOW, 1)
        if value and n:
            return value[0]
        focus = self.input_focus()
        return focus if focus > 1 else 0  # 0 None, 1 PointerRoot

    def viewable(self, window: int) -> bool:
        """Map state IsViewable (mapped, and all its ancestors too)."""
        attrs = _XWindowAttributes()
        if not window or not self.x11.XGetWindowAttributes(self.dpy, window, ctypes.byref(attrs)):
            return False
        return attrs.map_state == 2

    def input_focus(self) -> int:
        w, revert = ctypes.c_ulong(), ctypes.c_int()
        self.x11.XGetInputFocus(self.dpy, ctypes.byref(w), ctypes.byref(revert))
        return w.value

    def window_name(self, window: int) -> str:
        if not window:
            return ""
        value, _, _ = self._prop(window, self.a_name, self.a_utf8)
        if value is None:
            value, _, _ = self._prop(window, self.a_wm_name, self.ANY_PROPERTY_TYPE)
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""

    def keycode(self, keysym_name: str) -> int:
        code = self.x11.XKeysymToKeycode(self.dpy, self.x11.XStringToKeysym(keysym_name.encode()))
        if not code:
            raise E2EError(f"no keycode for {keysym_name}")
        return code

    def key(self, *names: str, release: bool = True, flush: bool = True) -> None:
        """Press the keys in order (a chord), then release them in reverse order."""
        codes = [self.keycode(n) for n in names]
        for c in codes:
            self.xtst.XTestFakeKeyEvent(self.dpy, c, 1, 0)
        if release:
            for c in reversed(codes):
                self.xtst.XTestFakeKeyEvent(self.dpy, c, 0, 0)
        if flush:
            self.x11.XFlush(self.dpy)

    def press_then_release(self, names: list[str]) -> float:
        """Press a chord, XSync, return perf_counter() taken right after the server has the
        press of the last key; then release. This is t0 for latency measurements."""
        codes = [self.keycode(n) for n in names]
        for c in codes:
            self.xtst.XTestFakeKeyEvent(self.dpy, c, 1, 0)
        self.x11.XSync(self.dpy, 0)
        t0 = time.perf_counter()
        for c in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.dpy, c, 0, 0)
        self.x11.XFlush(self.dpy)
        return t0


# --------------------------------------------------------------------------------------------
# The session


@dataclass
class Session:
    bin: Path
    keep: bool = False
    # No window manager: what a bare X server (and perhaps an acceptance run) gives the app.
    no_wm: bool = False
    verbose: bool = False
    # Keep the D-Bus session (and so the Secret Service scripts/with-keyring.sh started).
    keyring: bool = False
    tmp: Path = field(init=False)
    display: str = field(init=False, default="")
    env: dict = field(init=False)
    procs: dict = field(init=False, default_factory=dict)  # name -> Popen
    extra_pgids: list = field(init=False, default_factory=list)  # xclip servers etc.
    marker: str = field(init=False, default_factory=lambda: uuid.uuid4().hex)
    x: _X11 | None = field(init=False, default=None)
    chromium_win: int = field(init=False, default=0)
    palette_win: int = field(init=False, default=0)
    devtools_port: int = field(init=False, default=0)
    page_id: str = field(init=False, default="")
    db: Path = field(init=False)
    app_log: Path = field(init=False)

    # ---- start-up ---------------------------------------------------------------------------

    def __post_init__(self):
        self.bin = Path(self.bin).resolve()
        if not self.bin.is_file():
            raise SystemExit(f"binary not found: {self.bin}")
        self.tmp = Path(tempfile.mkdtemp(prefix="quickreply-e2e-"))
        self.db = self.tmp / "lib" / "library.sqlite3"
        self.app_log = self.tmp / "app.log"
        runtime = self.tmp / "runtime"
        runtime.mkdir(mode=0o700)
        os.chmod(runtime, 0o700)
        home = self.tmp / "home"
        home.mkdir()
        # The suggestion model, as scripts/fetch-model.sh installed it for the real user: the
        # private home gets a link to it where the app looks (~/.cache/quickreply/models).
        model = Path(os.environ.get("QUICKREPLY_E5_MODEL")
                     or Path.home() / ".cache" / "quickreply" / "models" / "e5-small-q4.bin")
        if not model.is_file():
            raise E2EError(f"the suggestion model is not installed ({model}): run scripts/fetch-model.sh")
        models = home / ".cache" / "quickreply" / "models"
        models.mkdir(parents=True)
        (models / "e5-small-q4.bin").symlink_to(model.resolve())
        self.env = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("WAYLAND_", "DBUS_", "XDG_SESSION", "QUICKREPLY_")) and k != "DISPLAY"
        }
        if self.keyring:
            self.env["DBUS_SESSION_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]
        self.env.update(
            XDG_RUNTIME_DIR=str(runtime), NO_AT_BRIDGE="1", HOME=str(home), QUICKREPLY_DB=str(self.db),
            **{MARKER_VAR: self.marker},
        )

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _spawn(self, name: str, argv: list[str], **kw) -> subprocess.Popen:
        logf = open(self.tmp / f"{name}.log", "wb")
        p = subprocess.Popen(argv, env=self.env, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                             start_new_session=True, **kw)
        logf.close()
        self.procs[name] = p
        return p

    def start(self) -> None:
        t = time.monotonic()
        self.prepare_library()
        self.start_x()
        self.start_chromium()
        self.start_app()
        log(f"session up in {time.monotonic() - t:.1f}s: DISPLAY={self.display} tmp={self.tmp}")

    def cli(self, *args: str, check: bool = True) -> str:
        r = subprocess.run(
            [str(self.bin), "--db", str(self.db), *args], env={**self.env, "DISPLAY": ""},
            capture_output=True, text=True, timeout=60,
        )
        if check and r.returncode != 0:
            raise E2EError(f"quickreply {' '.join(args)} failed ({r.returncode}): {r.stderr.strip()}")
        return r.stdout

    def render(self, key: str, *args: str) -> str:
        out = self.cli("render", key, *args)
        return out[:-1] if out.endswith("\n") else out

    def prepare_library(self) -> None:
        self.db.parent.mkdir(parents=True)
        pack = self.tmp / "test-pack"
        pack.mkdir()
        (pack / "en.ftl").write_text(TEST_PACK_EN, encoding="utf-8")
        (pack / "ru.ftl").write_text(TEST_PACK_RU, encoding="utf-8")
        orders = self.tmp / "orders.csv"
        orders.write_text(ORDERS_CSV, encoding="utf-8")
        self.cli("pack", "import", "--starter")
        self.cli("pack", "import", str(pack))
        self.cli("vars", "set", "shop_name", "Desert Rose")
        self.cli("orders", "import", str(orders))

    def start_x(self) -> None:
        try:
            self.display = start_xvfb(lambda argv, fds: self._spawn("xvfb", argv, pass_fds=fds))
        except E2EError as e:
            raise E2EError(f"{e}: " + (self.tmp / "xvfb.log").read_text(errors="replace")[-2000:]) from None
        self.env["DISPLAY"] = self.display
        self.x = _X11(self.display)
        if self.no_wm:
            return
        self._spawn("openbox", ["openbox", "--sm-disable"])
        # openbox is up once it has set _NET_SUPPORTING_WM_CHECK on the root.
        check = self.x.x11.XInternAtom(self.x.dpy, b"_NET_SUPPORTING_WM_CHECK", 0)
        wait_for(lambda: self.x._prop(self.x.root, check, self.x.XA_WINDOW, 1)[0], 10, what="openbox")

    def start_chromium(self) -> None:
        page = self.tmp / "console.html"
        page.write_text(CONSOLE_HTML, encoding="utf-8")
        self.devtools_port = free_port()
        profile = self.tmp / "chromium-profile"
        self._spawn("chromium", [
            "chromium", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--password-store=basic",
            f"--user-data-dir={profile}", f"--remote-debugging-port={self.devtools_port}",
            "--window-position=0,0", "--window-size=1000,700", page.as_uri(),
        ])

        def page_ready():
            for t in self._devtools_list():
                if t.get("type") == "page" and t.get("url", "").endswith("console.html"):
                    self.page_id = t["id"]
                    return html.unescape(t.get("title", "")).startswith("console:")
            return False

        wait_for(page_ready, 30, 0.1, "Chromium console page")
        self.chromium_win = int(wait_for(
            lambda: self.xdotool("search", "--onlyvisible", "--name", "^console:").split()[:1], 20, 0.1,
            "Chromium window")[0])
        self.focus_console()

    def start_app(self) -> None:
        with open(self.app_log, "wb") as f:
            p = subprocess.Popen([str(self.bin)], env=self.env, stdin=subprocess.DEVNULL, stdout=f,
                                 stderr=subprocess.STDOUT, start_new_session=True)
        self.procs["app"] = p
        started = re.compile(r"QuickReply \S+ on ")
        wait_for(lambda: p.poll() is not None or started.search(self.app_log_text()), 30, 0.05,
                 "the app's start-up log line")
        if p.poll() is not None:
            raise E2EError(f"the app exited with {p.returncode}:\n{self.app_log_text()[-3000:]}")
        # The hotkey is registered and the palette window created during setup; give GTK a
        # moment to map the (hidden) windows.
        time.sleep(0.5)

    # ---- tear-down --------------------------------------------------------------------------

    def close(self) -> None:
        if self.x:
            try:
                self.x.close()
            except Exception:  # noqa: BLE001
                pass
            self.x = None
        order = ["app", "chromium", "openbox", "xvfb"]
        names = [n for n in order if n in self.procs] + [n for n in self.procs if n not in order]
        for name in names:
            self._kill_group(self.procs[name].pid, self.procs[name])
        for pgid in self.extra_pgids:
            self._kill_group(pgid, None)
        # Anything we started that escaped its group (re-parented helpers) carries the marker.
        deadline = time.monotonic() + 5
        while (left := self._marked_pids()) and time.monotonic() < deadline:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
        if left:
            log(f"warning: processes of this session still alive: {left}")
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)

    @staticmethod
    def _kill_group(pgid: int, proc: subprocess.Popen | None) -> None:
        """Ask the process group to end, then make it."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(pgid, sig)
            except (ProcessLookupError, PermissionError):
                pass
            if proc is not None:
                try:
                    proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    pass

    def _marked_pids(self) -> list[int]:
        needle = f"{MARKER_VAR}={self.marker}".encode()
        found = []
        for d in os.listdir("/proc"):
            if d.isdigit() and int(d) != os.getpid():
                try:
                    stat = Path(f"/proc/{d}/stat").read_text()
                    if stat[stat.rindex(")") + 2] == "Z":  # zombie: already dead
                        continue
                    if needle in Path(f"/proc/{d}/environ").read_bytes().split(b"\0"):
                        found.append(int(d))
                except OSError:
                    pass
        return found

    # ---- tools ------------------------------------------------------------------------------

    def xdotool(self, *args: str, timeout: float = 10) -> str:
        r = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0 and args[0] not in ("search",):
            raise E2EError(f"xdotool {' '.join(args)} failed: {r.stderr.strip()}")
        return r.stdout.strip()

    def app_log_text(self) -> str:
        try:
            return self.app_log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def screenshot(self, name: str) -> Path | None:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUT_DIR / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.png"
        try:
            subprocess.run(["import", "-window", "root", str(path)], env=self.env, timeout=20,
                           capture_output=True, check=True)
            return path
        except Exception as e:  # noqa: BLE001
            log(f"  (screenshot failed: {e})")
            return None

    def screenshot_dir_log(self, name: str) -> Path | None:
        """Copy the app's log next to the screenshots (tests/out)."""
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUT_DIR / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}-app.log"
        try:
            shutil.copyfile(self.app_log, path)
            return path
        except OSError:
            return None

    # ---- clipboard --------------------------------------------------------------------------

    def set_clipboard(self, text: str) -> None:
        # xclip forks a child that serves the selection until someone else takes it over; it
        # keeps our process group id, so close() can kill it.
        p = subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], env=self.env, stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.extra_pgids.append(p.pid)
        p.communicate(text.encode("utf-8"), timeout=10)
        wait_for(lambda: self.clipboard() == text, 3, 0.02, f"clipboard == {text!r}")

    def clipboard(self) -> str | None:
        try:
            r = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=self.env, capture_output=True,
                               timeout=3)
        except subprocess.TimeoutExpired:
            return None
        return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None

    # ---- the console page -------------------------------------------------------------------

    def _devtools_list(self) -> list[dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.devtools_port, timeout=2)
        try:
            conn.request("GET", "/json/list")
            return json.loads(conn.getresponse().read())
        finally:
            conn.close()

    def console_text(self) -> str | None:
        """The textarea's value, from the page title; None if not readable right now."""
        for t in self._devtools_list():
            if t.get("id") == self.page_id:
                title = html.unescape(t.get("title", ""))
                if title.startswith("console:"):
                    return json.loads(title[len("console:"):])
        return None

    def activate(self, window: int | str) -> None:
        """Bring a window forward: through the window manager, or with a bare X server by
        setting the input focus directly."""
        if self.no_wm:
            self.xdotool("windowraise", str(window))
            self.xdotool("windowfocus", "--sync", str(window))
        else:
            self.xdotool("windowactivate", "--sync", str(window))

    def focus_console(self) -> None:
        self.activate(self.chromium_win)
        wait_for(lambda: self.x.active_window() == self.chromium_win, 5, what="Chromium active")
        self.xdotool("mousemove", "200", "280", "click", "1")

    def clear_console(self) -> None:
        self.focus_console()
        self.xdotool("key", "ctrl+a", "BackSpace")
        wait_for(lambda: self.console_text() == "", 5, 0.02, "the textarea to be empty")

    # ---- the palette ------------------------------------------------------------------------

    def active_name(self) -> str:
        return self.x.window_name(self.x.active_window())

    def palette_active(self) -> bool:
        w = self.x.active_window()
        if w and self.palette_win and w == self.palette_win:
            return True
        if w and self.x.window_name(w) == PALETTE_TITLE:
            self.palette_win = w
            return True
        return False

    def open_palette(self, timeout: float = 10) -> None:
        self.xdotool("key", "ctrl+shift+space")
        wait_for(lambda: self.palette_active() and self.x.viewable(self.palette_win), timeout, 0.01,
                 "the palette to be viewable and the active window")

    def palette_viewable(self) -> bool:
        if self.palette_win:
            return self.x.viewable(self.palette_win)
        return bool(self.xdotool("search", "--onlyvisible", "--name", f"^{PALETTE_TITLE}$"))

    def wait_console_change(self, before: str, timeout: float = 5) -> str:
        return wait_for(lambda: (lambda v: v if v is not None and v != before else None)(self.console_text()),
                        timeout, 0.02, "text to arrive in the textarea")


def start_xvfb(spawn) -> str:
    """Starts Xvfb on a free display and returns it (`:N`) once the server is ready.

    `spawn(argv, pass_fds)` starts the process and returns its Popen (so each caller keeps its own
    logging and clean-up). -displayfd: Xvfb picks a free display number and writes it to the
    pipe when ready.
    """
    r, w = os.pipe()
    proc = spawn(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"], (w,))
    os.close(w)
    buf = b""
    deadline = time.monotonic() + 15
    try:
        while not buf.endswith(b"\n"):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise E2EError("Xvfb did not start")
            chunk = os.read(r, 64)
            if not chunk:
                break
            buf += chunk
    finally:
        os.close(r)
    return ":" + buf.decode().strip()


def descendants(pid: int) -> list[int]:
    """pid and all its descendants (by PPid in /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def proc_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def install_sigterm_handler() -> None:
    """Turn SIGTERM/SIGHUP into SystemExit so `finally`/`with` blocks clean up."""
    def handler(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


if __name__ == "__main__":  # manual poking: python3 tests/e2e/session.py BIN
    install_sigterm_handler()
    with Session(Path(sys.argv[1]), keep=True) as s:
        log(f"up; DISPLAY={s.display}; Ctrl+C to stop")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
