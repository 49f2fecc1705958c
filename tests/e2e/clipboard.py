#!/usr/bin/env python3
"""The user's clipboard survives pastes byte for byte: N pastes in a row (default 200) through
the real hotkey -> palette -> Enter into Chromium, each with other contents on the clipboard
beforehand, and after each one every target that was there before is there again with
identical bytes (read with `xclip -selection clipboard -t TARGET -o`).

    python3 tests/e2e/clipboard.py --bin target/release/quickreply [--pastes 200]
    python3 tests/e2e/clipboard.py --rust-test     # the platform crate's X11 clipboard test,
                                                   # on a private Xvfb (needs cargo)

The session is run.py's (tests/e2e/session.py: Xvfb, openbox, the Chromium console, the app on
a temporary library). The contents cycle through:

  text   plain text from xclip: ASCII, accented Latin, CJK, Arabic (one target, UTF8_STRING)
  html   what copying from a web page gives: text/html + UTF8_STRING + text/plain variants
         (a small owner of this script's own, through libX11: xclip offers one target only)
  png    a ~400 KB PNG from xclip (image/png; above 256 KB the app serves it in INCR pieces)
  mixed  a copied picture as a browser offers it: image/png + text/html + UTF8_STRING +
         text/uri-list + a binary application/x-quickreply-test target

and every third paste keeps what the previous one restored (the app then saves a clipboard
that it owns itself). Exits non-zero on any mismatch; the last line is the summary.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import E2EError, Session, install_sigterm_handler, log, wait_for  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
# Targets that describe the selection rather than hold data: not compared.
META = {"TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "DELETE", "INSERT_SELECTION", "INSERT_PROPERTY"}

TEXTS = [
    "hello before",
    "Ünïcödé naïve café — ½ € ✓ 你好 こんにちは",
    "مرحبا، متى يصل الطرد؟ شكراً لكم",
    "line one\nline two\ttabbed\n",
]


# --------------------------------------------------------------------------------------------
# Test data


def png_bytes(width: int, height: int, seed: int) -> bytes:
    """An RGBA PNG of noise over a gradient (it barely compresses: ~width*height*4 bytes)."""
    rng = random.Random(seed)
    rows = []
    for y in range(height):
        noise = rng.randbytes(width * 4)
        row = bytearray(noise)
        for x in range(0, width * 4, 4):
            row[x + 3] = 255  # opaque
            row[x] = (row[x] & 0x3F) | ((x * 255 // (width * 4)) & 0xC0)
        rows.append(b"\x00" + bytes(row))  # filter type 0 per row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
            + chunk(b"IEND", b""))


def html_contents(i: int) -> list[tuple[str, bytes]]:
    text = f"Hello buyer #{i} — your parcel ✓ مرحبا"
    html = (f'<meta charset="utf-8"><p style="color:#333">Hello <b>buyer</b> #{i} — '
            f'<i>your parcel</i> ✓ <span dir="rtl">مرحبا</span></p>')
    return [
        ("text/html", html.encode()),
        ("UTF8_STRING", text.encode()),
        ("text/plain;charset=utf-8", text.encode()),
        ("text/plain", text.encode()),
    ]


def mixed_contents(i: int, png: bytes) -> list[tuple[str, bytes]]:
    return [
        ("image/png", png),
        ("text/html", f'<meta charset="utf-8"><img src="https://shop.example/p/{i}.png" alt="صورة">'.encode()),
        ("UTF8_STRING", f"https://shop.example/p/{i}.png".encode()),
        ("text/uri-list", f"https://shop.example/p/{i}.png\r\n".encode()),
        ("application/x-quickreply-test", bytes(range(256)) * 40 + i.to_bytes(4, "little")),
    ]


# --------------------------------------------------------------------------------------------
# A selection owner with several targets at once (xclip offers one per process), through
# libX11 with ctypes; it runs as `clipboard.py --serve-selection SPEC` in its own process and
# ends when another client takes the CLIPBOARD.


class _XSelectionRequestEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p), ("owner", ctypes.c_ulong), ("requestor", ctypes.c_ulong),
        ("selection", ctypes.c_ulong), ("target", ctypes.c_ulong), ("property", ctypes.c_ulong),
        ("time", ctypes.c_ulong),
    ]


class _XSelectionEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p), ("requestor", ctypes.c_ulong), ("selection", ctypes.c_ulong),
        ("target", ctypes.c_ulong), ("property", ctypes.c_ulong), ("time", ctypes.c_ulong),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("request", _XSelectionRequestEvent),
                ("selection", _XSelectionEvent), ("pad", ctypes.c_long * 24)]


def serve_selection(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text())
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XCreateSimpleWindow.restype = ctypes.c_ulong
    x11.XCreateSimpleWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_int] * 2 + [ctypes.c_uint] * 3 \
        + [ctypes.c_ulong] * 2
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    x11.XGetSelectionOwner.restype = ctypes.c_ulong
    x11.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    x11.XChangeProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int,
                                    ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.POINTER(_XEvent)]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    # A requestor's window may be gone by the time we answer (BadWindow): not fatal.
    handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda _d, _e: 0)
    x11.XSetErrorHandler(handler)

    dpy = x11.XOpenDisplay(None)
    if not dpy:
        print("no display", flush=True)
        return 2
    window = x11.XCreateSimpleWindow(dpy, x11.XDefaultRootWindow(dpy), 0, 0, 1, 1, 0, 0, 0)
    atom = lambda name: x11.XInternAtom(dpy, name.encode(), 0)  # noqa: E731
    clipboard, targets_atom, xa_atom = atom("CLIPBOARD"), atom("TARGETS"), 4
    data = {atom(name): Path(path).read_bytes() for name, path in spec}
    x11.XSetSelectionOwner(dpy, clipboard, window, 0)
    if x11.XGetSelectionOwner(dpy, clipboard) != window:
        print("could not take the clipboard", flush=True)
        return 2
    print("ready", flush=True)
    event = _XEvent()
    while True:
        x11.XNextEvent(dpy, ctypes.byref(event))
        if event.type == 29:  # SelectionClear: someone else owns it now
            # A round trip first: closing straight after a flush can lose answers the server
            # had not read yet (a requestor would then wait forever).
            x11.XSync(dpy, 0)
            x11.XCloseDisplay(dpy)
            return 0
        if event.type != 30:  # SelectionRequest
            continue
        req = event.request
        prop = req.property or req.target
        ok = True
        if req.target == targets_atom:
            atoms = (ctypes.c_ulong * (len(data) + 1))(targets_atom, *data.keys())
            x11.XChangeProperty(dpy, req.requestor, prop, xa_atom, 32, 0, ctypes.cast(atoms, ctypes.c_void_p),
                                len(data) + 1)
        elif req.target in data:
            value = data[req.target]
            x11.XChangeProperty(dpy, req.requestor, prop, req.target, 8, 0, value, len(value))
        else:
            ok = False
        reply = _XEvent()
        reply.selection = _XSelectionEvent(31, 0, 1, dpy, req.requestor, req.selection, req.target,
                                           prop if ok else 0, req.time)
        x11.XSendEvent(dpy, req.requestor, 0, 0, ctypes.byref(reply))
        x11.XFlush(dpy)


# --------------------------------------------------------------------------------------------
# The clipboard as another client sees it


# xclip calls that got no answer within their time limit: (target, seconds), reported with a
# failure (an owner that never answers a request is a bug of that owner).
XCLIP_TIMEOUTS: list[tuple[str, float]] = []


def xclip_get(s: Session, target: str, timeout: float = 2.0) -> bytes | None:
    t = time.monotonic()
    try:
        r = subprocess.run(["xclip", "-selection", "clipboard", "-t", target, "-o"], env=s.env,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        XCLIP_TIMEOUTS.append((target, time.monotonic() - t))
        return None
    return r.stdout if r.returncode == 0 else None


def data_targets(s: Session) -> list[str]:
    out = xclip_get(s, "TARGETS") or b""
    return [t for t in out.decode("utf-8", "replace").splitlines() if t and t not in META]


def clipboard_now(s: Session) -> dict[str, bytes]:
    """Every data target the clipboard lists and gives, in its order (dicts keep it)."""
    got = {}
    for target in data_targets(s):
        value = xclip_get(s, target)
        if value is not None:
            got[target] = value
    return got


def differences(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    out = []
    for target, value in before.items():
        if target not in after:
            out.append(f"{target} missing")
        elif after[target] != value:
            out.append(f"{target} differs ({len(after[target])} bytes, expected {len(value)})")
    if list(after) != list(before) and not out:
        out.append(f"targets {list(after)} instead of {list(before)}")
    return out


# --------------------------------------------------------------------------------------------
# The run


class Owners:
    """Puts contents on the clipboard from another process, and reaps those processes."""

    def __init__(self, s: Session):
        self.s = s
        self.dir = Path(tempfile.mkdtemp(prefix="clip-", dir=s.tmp))
        self.procs: list[subprocess.Popen] = []
        self.n = 0

    def _file(self, data: bytes) -> Path:
        self.n += 1
        path = self.dir / f"{self.n}.bin"
        path.write_bytes(data)
        return path

    def reap(self) -> None:
        self.procs = [p for p in self.procs if p.poll() is None]

    def xclip(self, target: str, data: bytes) -> None:
        # xclip forks a child that serves until another client takes the clipboard; it keeps
        # the new session's process group, so close() can kill it.
        p = subprocess.Popen(["xclip", "-selection", "clipboard", "-t", target, "-i", str(self._file(data))],
                             env=self.s.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        self.s.extra_pgids.append(p.pid)
        p.wait(10)

    def several(self, contents: list[tuple[str, bytes]]) -> None:
        spec = self.dir / f"spec-{self.n}.json"
        spec.write_text(json.dumps([[t, str(self._file(d))] for t, d in contents]))
        p = subprocess.Popen([sys.executable, __file__, "--serve-selection", str(spec)], env=self.s.env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.s.extra_pgids.append(p.pid)
        self.procs.append(p)
        line = p.stdout.readline().decode().strip()
        if line != "ready":
            raise E2EError(f"the test's selection owner did not start: {line!r}")

    def put(self, contents: list[tuple[str, bytes]]) -> dict[str, bytes]:
        """Puts `contents` on the clipboard; returns what xclip then reads (must be it)."""
        self.reap()
        if len(contents) == 1:
            self.xclip(*contents[0])
        else:
            self.several(contents)
        expected = dict(contents)
        seen = wait_for(lambda: (lambda c: c if c == expected else None)(clipboard_now(self.s)), 5, 0.02,
                        f"the clipboard to hold {list(expected)}")
        return seen


def run(s: Session, pastes: int) -> int:
    expected = set()
    for lang in ("en", "ru", "ar"):
        try:
            expected.add(s.render("plain-thanks", "--lang", lang))
        except E2EError:
            pass
    owners = Owners(s)
    png_small = png_bytes(330, 300, 1)  # ~400 KB
    png_mixed = png_bytes(300, 280, 2)
    log(f"PNG sizes: {len(png_small) / 1e3:.0f} KB and {len(png_mixed) / 1e3:.0f} KB")

    kinds = ["text", "html", "png", "mixed"]
    counts = {k: 0 for k in kinds + ["kept"]}
    failures: list[str] = []
    paste_ms: list[float] = []
    restore_ms: list[float] = []
    started = time.monotonic()
    before: dict[str, bytes] = {}
    kind = ""
    n_set = 0
    for i in range(pastes):
        t_iter = time.monotonic()
        XCLIP_TIMEOUTS.clear()
        try:
            if i % 3 == 2 and before:
                kind = "kept"  # what the app restored last time: the app now reads its own owner
            else:
                kind = kinds[n_set % len(kinds)]
                text = TEXTS[(n_set // len(kinds)) % len(TEXTS)]
                contents = {
                    "text": lambda: [("UTF8_STRING", text.encode())],  # noqa: B023
                    "html": lambda: html_contents(i),  # noqa: B023
                    "png": lambda: [("image/png", png_small)],
                    "mixed": lambda: mixed_contents(i, png_mixed),  # noqa: B023
                }[kind]()
                before = owners.put(contents)
                n_set += 1
            counts[kind] += 1

            if s.x.active_window() != s.chromium_win:
                s.focus_console()
            s.xdotool("key", "ctrl+a", "BackSpace")
            wait_for(lambda: s.console_text() == "", 5, 0.01, "the textarea to be empty")
            s.open_palette()
            s.xdotool("type", "--delay", "8", "plain thanks")
            time.sleep(0.25)  # results are searched as you type
            pasted_before = s.app_log_text().count("pasted plain-thanks (")
            t0 = s.x.press_then_release(["Return"])
            wait_for(lambda: s.console_text() in expected, 5, 0.005, "the reply in the textarea")
            paste_ms.append((time.perf_counter() - t0) * 1000)
            # The reply is on the clipboard for a moment; then the old contents must come back.
            # The app logs the paste once it has restored the clipboard, which it does when the
            # target has stopped reading the reply: reading the clipboard here before that would
            # look like the target still reading it.
            wait_for(lambda: s.app_log_text().count("pasted plain-thanks (") > pasted_before, 5, 0.01,
                     "the app's log line 'pasted plain-thanks (...)'")
            try:
                wait_for(lambda: not differences(before, clipboard_now(s)), 3, 0.01, "the clipboard restored")
                restore_ms.append((time.perf_counter() - t0) * 1000)
            except E2EError:
                diff = differences(before, clipboard_now(s))
                raise E2EError(f"clipboard not restored exactly: {'; '.join(diff)}") from None
        except Exception as e:  # noqa: BLE001
            if XCLIP_TIMEOUTS:
                e = E2EError(f"{e} [xclip got no answer for: "
                             f"{', '.join(f'{t} ({d:.1f}s)' for t, d in XCLIP_TIMEOUTS)}]")
            failures.append(f"paste {i + 1} ({kind}): {e}")
            log(f"FAIL paste {i + 1} ({kind}): {e}")
            if not isinstance(e, E2EError):
                traceback.print_exc()
            shot = s.screenshot(f"clipboard-{i + 1}")
            if shot:
                log(f"  screenshot: {shot}")
            log("  app log (tail):\n    " + "\n    ".join(s.app_log_text().splitlines()[-8:]))
            if s.palette_active():
                s.xdotool("key", "Escape")
                time.sleep(0.3)
            before = {}
        if (i + 1) % 20 == 0 or i + 1 == pastes:
            log(f"  {i + 1}/{pastes} pastes, {len(failures)} failed, {time.monotonic() - started:.0f}s "
                f"(last one {time.monotonic() - t_iter:.2f}s)")

    total = time.monotonic() - started
    # The adapter's log lines when it falls back to arboard (X11Clipboard in crates/platform).
    fallback_marks = ("byte-exact clipboard", "cannot own the clipboard", "saving it as text, HTML and image only")
    fallbacks = [line for line in s.app_log_text().splitlines() if any(m in line for m in fallback_marks)]
    for line in fallbacks[:5]:
        log(f"  app fell back: {line}")
    if fallbacks:
        failures.append(f"{len(fallbacks)} fallbacks from the byte-exact path in the app log")

    def stats(values: list[float]) -> str:
        if not values:
            return "-"
        return f"median {statistics.median(values):.0f} ms, max {max(values):.0f} ms"

    log(f"Enter -> reply in Chromium: {stats(paste_ms)}")
    log(f"Enter -> clipboard back byte for byte (as xclip sees it): {stats(restore_ms)}")
    log("contents before the paste: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    ok = pastes - sum(1 for f in failures if f.startswith("paste "))
    print(f"{ok}/{pastes} pastes restored the clipboard byte for byte; {len(failures)} failures; "
          f"{total:.0f}s ({total / max(pastes, 1):.2f}s per paste)", flush=True)
    return 0 if not failures else 1


def private_display() -> tuple[subprocess.Popen, str]:
    """A bare Xvfb on a free display (no window manager: the Rust test needs none)."""
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(w)
    buf = b""
    deadline = time.monotonic() + 15
    while not buf.endswith(b"\n") and time.monotonic() < deadline:
        chunk = os.read(r, 64)
        if not chunk:
            break
        buf += chunk
    os.close(r)
    if not buf.strip():
        xvfb.kill()
        raise E2EError("Xvfb did not start")
    return xvfb, ":" + buf.decode().strip()


def rust_test() -> int:
    xvfb, display = private_display()
    try:
        log(f"cargo test -p quickreply-platform --test x11_clipboard on DISPLAY={display}")
        t = time.monotonic()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WAYLAND_")}
        env["DISPLAY"] = display
        r = subprocess.run(["cargo", "test", "-p", "quickreply-platform", "--test", "x11_clipboard", "--",
                            "--nocapture"], cwd=REPO, env=env)
        log(f"Rust X11 clipboard test: exit {r.returncode} in {time.monotonic() - t:.1f}s")
        return r.returncode
    finally:
        xvfb.terminate()
        xvfb.wait(5)


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--serve-selection":
        return serve_selection(sys.argv[2])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, help="the quickreply binary")
    ap.add_argument("--pastes", type=int, default=200, help="pastes in a row (default 200)")
    ap.add_argument("--rust-test", action="store_true",
                    help="first run the platform crate's X11 clipboard test on a private Xvfb")
    ap.add_argument("--keep", action="store_true", help="keep the temporary session directory")
    ap.add_argument("--no-wm", action="store_true", help="run without a window manager (bare X server)")
    args = ap.parse_args()
    if not args.bin and not args.rust_test:
        ap.error("give --bin (the end-to-end pastes), --rust-test, or both")
    install_sigterm_handler()
    status = 0
    if args.rust_test:
        status = rust_test()
    if args.bin:
        try:
            with Session(args.bin, keep=args.keep, no_wm=args.no_wm) as s:
                status = run(s, args.pastes) or status
        except KeyboardInterrupt:
            log("interrupted")
            return 1
        except Exception as e:  # noqa: BLE001 - session set-up failed
            log(f"ERROR setting up the session: {e}")
            if not isinstance(e, E2EError):
                traceback.print_exc()
            return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
