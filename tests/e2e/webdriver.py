"""A tiny W3C WebDriver client for driving QuickReply's own windows through tauri-driver.

    with LibrarySession(Path("target/debug/quickreply")) as ls:   # X, Chromium, app, WebDriver
        wd = ls.wd
        wd.switch_to_window_where('return document.documentElement.dataset.window === "library"')
        wd.find("[data-testid=library-new]").click()

`tauri-driver` (cargo install tauri-driver --locked) is an intermediary in front of WebKitGTK's
`WebKitWebDriver` (Debian: webkit2gtk-driver); it turns `tauri:options` into WebKitGTK's
`webkitgtk:browserOptions` and starts the native driver itself. WebKitWebDriver then starts the
app (with TAURI_WEBVIEW_AUTOMATION=true in its environment) and every webview of the app is a
window handle.

`LibrarySession` reuses session.py's `Session` for the private X server, openbox, the Chromium
"seller console" and the temporary library (HOME, XDG_RUNTIME_DIR, QUICKREPLY_DB), but does not
let it start the app: the app is the one WebKitWebDriver launches, with tauri-driver started in
the session's environment (DISPLAY, HOME, XDG_RUNTIME_DIR, QUICKREPLY_DB, NO_AT_BRIDGE=1 and the
session marker, so the clean-up finds every process). It is the only instance on that library,
so its hotkey and palette work as in run.py.

Python 3.11 standard library only.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from session import E2EError, Session, descendants, free_port, log, wait_for

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
LIBRARY_TITLE = "QuickReply — Library"


class Keys:
    """WebDriver's code points for special keys."""

    NULL = "\ue000"
    BACKSPACE = "\ue003"
    TAB = "\ue004"
    ENTER = "\ue007"
    SHIFT = "\ue008"
    CONTROL = "\ue009"
    ALT = "\ue00a"
    ESCAPE = "\ue00c"
    SPACE = "\ue00d"
    END = "\ue010"
    HOME = "\ue011"
    LEFT = "\ue012"
    UP = "\ue013"
    RIGHT = "\ue014"
    DOWN = "\ue015"
    DELETE = "\ue017"


class WebDriverError(E2EError):
    """An error answer of the remote end (`error` is the W3C error code)."""

    def __init__(self, status: int, error: str, message: str, what: str):
        super().__init__(f"{what}: {error} ({status}): {message}")
        self.status, self.error, self.message = status, error, message


class _Http:
    """JSON over HTTP/1.1 to 127.0.0.1:port, one keep-alive connection, reopened on failure."""

    def __init__(self, port: int, timeout: float = 30):
        self.port, self.timeout = port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body=None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"} if data is not None else {}
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                break
            except (http.client.HTTPException, OSError) as e:
                self.conn.close()
                self.conn = None
                # A kept-alive connection the server closed: retry once, an idempotent request
                # only. A timeout is an answer (the remote end hangs): never retried.
                if attempt or isinstance(e, TimeoutError) or method not in ("GET", "DELETE"):
                    raise
        try:
            payload = json.loads(raw) if raw else {}
        except ValueError:
            payload = {"value": {"error": "invalid json", "message": raw[:500].decode(errors="replace")}}
        return resp.status, payload

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Element:
    """A web element of the current browsing context."""

    def __init__(self, wd: "WebDriver", element_id: str, css: str = ""):
        self.wd, self.id, self.css = wd, element_id, css

    def __repr__(self) -> str:
        return f"<Element {self.css or self.id}>"

    def _cmd(self, method: str, sub: str, body=None):
        return self.wd._cmd(method, f"/element/{self.id}{sub}", body, what=f"{sub or 'element'} {self.css}")

    def click(self) -> None:
        self._cmd("POST", "/click", {})

    def clear(self) -> None:
        self._cmd("POST", "/clear", {})

    def send_keys(self, text: str) -> None:
        """Types `text` into the element (focusing it first). Special keys are Keys.*; a
        modifier stays down until Keys.NULL or the end of the text."""
        self._cmd("POST", "/value", {"text": text})

    @property
    def text(self) -> str:
        return self._cmd("GET", "/text")

    def attribute(self, name: str) -> str | None:
        return self._cmd("GET", f"/attribute/{name}")

    def prop(self, name: str):
        return self._cmd("GET", f"/property/{name}")

    @property
    def value(self) -> str:
        return self.prop("value")

    def enabled(self) -> bool:
        return bool(self._cmd("GET", "/enabled"))

    def displayed(self) -> bool:
        return bool(self._cmd("GET", "/displayed"))

    def find(self, css: str) -> "Element":
        v = self._cmd("POST", "/element", {"using": "css selector", "value": css})
        return Element(self.wd, v[ELEMENT_KEY], css)

    def find_all(self, css: str) -> list["Element"]:
        vs = self._cmd("POST", "/elements", {"using": "css selector", "value": css})
        return [Element(self.wd, v[ELEMENT_KEY], css) for v in vs]

    def select_option(self, value: str) -> None:
        """Chooses the <option> with this value in a <select> (clicking it, as a user would)."""
        options = [o for o in self.find_all("option") if o.prop("value") == value]
        if not options:
            raise E2EError(f"{self.css}: no <option value={value!r}>")
        options[0].click()
        if self.prop("value") != value:  # some drivers do not select on click: do it the DOM way
            log(f"  ({self.css}: clicking <option value={value!r}> did not select it; set through the DOM)")
            self.wd.execute("arguments[0].value = arguments[1];"
                            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", self, value)


class WebDriver:
    """One W3C WebDriver session."""

    def __init__(self, port: int, session_id: str, capabilities: dict):
        self.http = _Http(port)
        self.session_id = session_id
        self.capabilities = capabilities
        self.screenshot_nudges = 0  # nudges the last screenshot needed (see screenshot_png)
        # Called with a count while a screenshot waits for a frame; None: WebDriver pointer moves.
        self.nudge = None

    # ---- plumbing ---------------------------------------------------------------------------

    def _cmd(self, method: str, sub: str, body=None, what: str = ""):
        status, payload = self.http.request(method, f"/session/{self.session_id}{sub}", body)
        value = payload.get("value")
        if status >= 400 or (isinstance(value, dict) and "error" in value and status != 200):
            v = value if isinstance(value, dict) else {}
            raise WebDriverError(status, v.get("error", "?"), v.get("message", str(payload)[:300]),
                                 what or f"{method} {sub}")
        return value

    @staticmethod
    def _wrap(arg):
        if isinstance(arg, Element):
            return {ELEMENT_KEY: arg.id}
        if isinstance(arg, (list, tuple)):
            return [WebDriver._wrap(a) for a in arg]
        return arg

    def _unwrap(self, value):
        if isinstance(value, dict) and ELEMENT_KEY in value:
            return Element(self, value[ELEMENT_KEY])
        if isinstance(value, list):
            return [self._unwrap(v) for v in value]
        return value

    # ---- session ------------------------------------------------------------------------------

    def delete(self) -> None:
        try:
            self.http.request("DELETE", f"/session/{self.session_id}")
        except OSError:
            pass
        self.http.close()

    # ---- windows ------------------------------------------------------------------------------

    def window_handles(self) -> list[str]:
        return self._cmd("GET", "/window/handles")

    def window_handle(self) -> str:
        return self._cmd("GET", "/window")

    def switch_to_window(self, handle: str) -> None:
        self._cmd("POST", "/window", {"handle": handle})

    def refresh(self) -> None:
        """Reloads the current browsing context's page (the handle stays; scripts start over)."""
        self._cmd("POST", "/refresh", {}, what="refresh")

    @property
    def title(self) -> str:
        return self._cmd("GET", "/title")

    def window_titles(self) -> dict[str, str]:
        """Handle → title of every browsing context (switches around; ends on the original)."""
        current = None
        try:
            current = self.window_handle()
        except WebDriverError:
            pass
        out = {}
        for h in self.window_handles():
            try:
                self.switch_to_window(h)
                out[h] = self.title
            except WebDriverError as e:
                out[h] = f"<{e.error}>"
        if current:
            try:
                self.switch_to_window(current)
            except WebDriverError:
                pass
        return out

    def switch_to_window_titled(self, title: str, timeout: float = 15) -> str:
        """Switches to the browsing context whose WebDriver title (document.title) is `title`.

        Not the native window title: in QuickReply every webview's document.title is the one
        of index.html ("QuickReply") while Rust sets the windows' titles, so tell the windows
        apart with switch_to_window_where (document.documentElement.dataset.window) and find
        the X window by its title (LibrarySession.app_windows)."""
        def find():
            for h in self.window_handles():
                try:
                    self.switch_to_window(h)
                    if self.title == title:
                        return h
                except WebDriverError:
                    continue
            return None
        return wait_for(find, timeout, 0.1, f"a browsing context titled {title!r}")

    def switch_to_window_where(self, script: str, timeout: float = 15, what: str = "a window") -> str:
        """Switches to the first browsing context where `script` (a function body) returns
        true, e.g. `return document.documentElement.dataset.window === "library"`."""
        def find():
            for h in self.window_handles():
                try:
                    self.switch_to_window(h)
                    if self.execute(script):
                        return h
                except WebDriverError:
                    continue
            return None
        return wait_for(find, timeout, 0.1, what)

    # ---- elements -----------------------------------------------------------------------------

    def find(self, css: str) -> Element:
        v = self._cmd("POST", "/element", {"using": "css selector", "value": css}, what=f"find {css}")
        return Element(self, v[ELEMENT_KEY], css)

    def find_all(self, css: str) -> list[Element]:
        vs = self._cmd("POST", "/elements", {"using": "css selector", "value": css}, what=f"find all {css}")
        return [Element(self, v[ELEMENT_KEY], css) for v in vs]

    def find_or_none(self, css: str) -> Element | None:
        try:
            return self.find(css)
        except WebDriverError as e:
            if e.error == "no such element":
                return None
            raise

    def exists(self, css: str) -> bool:
        return bool(self.find_all(css))

    def active_element(self) -> Element:
        v = self._cmd("GET", "/element/active")
        return Element(self, v[ELEMENT_KEY], "(active)")

    # ---- waiting ------------------------------------------------------------------------------

    def wait_css(self, css: str, timeout: float = 10, what: str = "") -> Element:
        """Waits until an element matches `css`; returns it."""
        return wait_for(lambda: self.find_or_none(css), timeout, 0.05, what or f"element {css}")

    def wait_gone(self, css: str, timeout: float = 10, what: str = "") -> None:
        wait_for(lambda: not self.exists(css), timeout, 0.05, what or f"element {css} to disappear")

    def wait_text(self, css: str, predicate, timeout: float = 10, what: str = "") -> str:
        """Waits until the text of the element matching `css` satisfies `predicate`."""
        def check():
            e = self.find_or_none(css)
            if e is None:
                return None
            t = e.text
            return t if predicate(t) else None
        return wait_for(check, timeout, 0.05, what or f"text of {css}")

    def wait_enabled(self, css: str, enabled: bool = True, timeout: float = 10) -> Element:
        def check():
            e = self.find_or_none(css)
            return e if e is not None and e.enabled() == enabled else None
        return wait_for(check, timeout, 0.05, f"{css} to be {'enabled' if enabled else 'disabled'}")

    # ---- scripts ------------------------------------------------------------------------------

    def execute(self, script: str, *args):
        """Runs `script` as a function body (`arguments[i]`); returns its JSON result."""
        v = self._cmd("POST", "/execute/sync", {"script": script, "args": [self._wrap(a) for a in args]},
                      what="execute/sync")
        return self._unwrap(v)

    def execute_async(self, script: str, *args):
        """The last argument is the callback: `arguments[arguments.length - 1](result)`."""
        v = self._cmd("POST", "/execute/async", {"script": script, "args": [self._wrap(a) for a in args]},
                      what="execute/async")
        return self._unwrap(v)

    # ---- keyboard -----------------------------------------------------------------------------

    def actions(self, actions: list[dict]) -> None:
        self._cmd("POST", "/actions", {"actions": actions}, what="actions")

    def release_actions(self) -> None:
        self._cmd("DELETE", "/actions", what="release actions")

    def chord(self, *keys: str) -> None:
        """Presses the keys in order and releases them in reverse (Keys.CONTROL, "n"), sent to
        the focused element of the current browsing context."""
        seq = [{"type": "keyDown", "value": k} for k in keys] + [{"type": "keyUp", "value": k} for k in reversed(keys)]
        self.actions([{"type": "key", "id": "keyboard", "actions": seq}])
        self.release_actions()

    def press(self, key: str) -> None:
        self.chord(key)

    def pointer_move(self, x: int, y: int) -> None:
        """Moves the pointer to (x, y) of the viewport (hover only, no button)."""
        self.actions([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                       "actions": [{"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y}]}])

    def type_keys(self, text: str) -> None:
        """Types `text` into whatever has focus (the Actions API, one key per character)."""
        seq = []
        for ch in text:
            seq += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        self.actions([{"type": "key", "id": "keyboard", "actions": seq}])
        self.release_actions()

    # ---- screenshots --------------------------------------------------------------------------

    def screenshot_png(self, timeout: float = 30) -> bytes:
        """A PNG of the current browsing context's viewport.

        WebKitGTK answers after the next frame is presented. On Xvfb + openbox a window with
        nothing to repaint sometimes presents none until the X server sends it an event, and
        the command then waits forever (seen about every 9th screenshot once a dialog had been
        shown; synthesized WebDriver pointer moves do not help, a real pointer motion over the
        window does; once stalled, every later screenshot needs one). So the request runs on its
        own connection and, while it waits, `nudge` is called every 0.5 s (LibrarySession moves
        the X pointer over the app's windows and back).
        """
        result: dict = {}
        http = _Http(self.http.port, timeout=timeout)

        def run():
            try:
                result["value"] = http.request("GET", f"/session/{self.session_id}/screenshot")
            except Exception as e:  # noqa: BLE001 - reported below
                result["error"] = e

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        deadline = time.monotonic() + timeout
        worker.join(0.4)
        nudges = 0
        while worker.is_alive() and time.monotonic() < deadline:
            nudges += 1
            try:
                if self.nudge is not None:
                    self.nudge(nudges)
                else:
                    self.pointer_move(1 + nudges % 2, 1 + nudges % 2)
            except Exception as e:  # noqa: BLE001 - a failed nudge only means waiting longer
                log(f"  (screenshot nudge failed: {e})")
            worker.join(0.5)
        http.close()
        self.screenshot_nudges = nudges
        if worker.is_alive() or "error" in result:
            raise E2EError(f"screenshot: {result.get('error') or f'no answer in {timeout:.0f}s'}")
        status, payload = result["value"]
        value = payload.get("value")
        if status != 200 or not isinstance(value, str):
            v = value if isinstance(value, dict) else {}
            raise WebDriverError(status, v.get("error", "?"), v.get("message", ""), "screenshot")
        return base64.b64decode(value)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.screenshot_png())
        return path


class Driver:
    """tauri-driver (and, through it, WebKitWebDriver and the app) in its own process group.

        with Driver(env, log_path) as d:
            wd = d.new_session(BIN, ["library"])
    """

    def __init__(self, env: dict, log_path: Path, tauri_driver: str | None = None,
                 native_driver: str | None = None):
        self.env = dict(env)
        self.log_path = log_path
        self.tauri_driver = tauri_driver or shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
        self.native_driver = native_driver or shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.sessions: list[WebDriver] = []

    def __enter__(self) -> "Driver":
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self, timeout: float = 20) -> None:
        for exe in (self.tauri_driver, self.native_driver):
            if not Path(exe).is_file():
                raise E2EError(f"{exe} not found: install webkit2gtk-driver (apt) and tauri-driver "
                               "(cargo install tauri-driver --locked)")
        self.port, native_port = free_port(), free_port()
        while native_port == self.port:
            native_port = free_port()
        with open(self.log_path, "ab") as logf:
            self.proc = subprocess.Popen(
                [self.tauri_driver, "--port", str(self.port), "--native-port", str(native_port),
                 "--native-host", "127.0.0.1", "--native-driver", self.native_driver],
                env=self.env, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        # First the native driver's port (so tauri-driver does not log a refused proxy
        # connection), then tauri-driver's /status.
        deadline = time.monotonic() + timeout
        http = _Http(self.port, timeout=2)
        try:
            for port in (native_port, self.port):
                while True:
                    if self.proc.poll() is not None:
                        raise E2EError(f"tauri-driver exited with {self.proc.returncode}: {self.log_tail()}")
                    try:
                        if port == native_port:
                            socket.create_connection(("127.0.0.1", port), timeout=1).close()
                            break
                        status, payload = http.request("GET", "/status")
                        if status == 200 and (payload.get("value") or {}).get("ready", True):
                            break
                    except OSError:
                        pass
                    if time.monotonic() > deadline:
                        raise E2EError(f"tauri-driver not ready after {timeout:.0f}s: {self.log_tail()}")
                    time.sleep(0.05)
        finally:
            http.close()

    def new_session(self, application: Path, args: list[str] | None = None, timeout: float = 45) -> WebDriver:
        """Starts the app through WebKitWebDriver and returns the session. WebKitWebDriver waits
        for the app's automation connection without a limit, so the app process is watched:
        if it exits (a bad argument, a crash at start) the session fails at once with the log."""
        caps = {"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": str(application), "args": list(args or [])},
        }}}
        result: dict = {}
        http = _Http(self.port, timeout=timeout)

        def run():
            try:
                result["value"] = http.request("POST", "/session", caps)
            except Exception as e:  # noqa: BLE001 - reported below
                result["error"] = e

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        target = str(Path(application).resolve())
        seen = False
        start = time.monotonic()
        while worker.is_alive() and time.monotonic() < start + timeout:
            worker.join(0.1)
            running = bool(self._app_pids(target))
            if running:
                seen = True
            elif seen or time.monotonic() > start + 15:
                worker.join(0.5)  # the answer may be on its way
                if worker.is_alive():
                    what = "exited" if seen else "did not start within 15 s"
                    http.close()
                    raise E2EError(f"the app {what} before the WebDriver session came up; "
                                   f"tauri-driver's log (the app's stderr):\n{self.log_tail(2000)}")
        http.close()
        if worker.is_alive() or "error" in result:
            raise E2EError(f"new session: {result.get('error') or f'no answer in {timeout:.0f}s'}; "
                           f"log:\n{self.log_tail(2000)}")
        status, payload = result["value"]
        value = payload.get("value") or {}
        if status != 200 or "sessionId" not in value:
            raise WebDriverError(status, value.get("error", "?"), value.get("message", str(payload)[:500]),
                                 "new session")
        wd = WebDriver(self.port, value["sessionId"], value.get("capabilities", {}))
        self.sessions.append(wd)
        return wd

    def _app_pids(self, exe: str) -> list[int]:
        """Descendants of tauri-driver running `exe` (zombies left out)."""
        out = []
        if self.proc is None:
            return out
        for pid in descendants(self.proc.pid):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                if stat[stat.rindex(")") + 2] == "Z":
                    continue
                if os.readlink(f"/proc/{pid}/exe").removesuffix(" (deleted)") == exe:
                    out.append(pid)
            except OSError:
                pass
        return out

    def log_tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""

    def close(self) -> None:
        for wd in self.sessions:
            wd.delete()  # WebKitWebDriver ends the app
        self.sessions.clear()
        if self.proc is not None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
                try:
                    self.proc.wait(timeout=3)
                    if sig == signal.SIGTERM:
                        # tauri-driver kills WebKitWebDriver on SIGTERM; the rest of the group
                        # (the app, its WebKit processes) goes with the SIGKILL below.
                        continue
                except subprocess.TimeoutExpired:
                    pass
            self.proc = None


class LibrarySession:
    """session.py's X server, openbox, Chromium console and temporary library, plus the app
    started by WebDriver with `args` (default: `library`, which opens the library window).

    `s` is the Session (its app_log is the driver's log, where the app's stderr lands), `wd`
    the WebDriver session, `driver` the Driver.
    """

    def __init__(self, bin: Path, keep: bool = False, args: list[str] | None = None):
        self.s = Session(bin, keep=keep)
        self.args = ["library"] if args is None else args
        self.driver: Driver | None = None
        self.wd: WebDriver | None = None

    def __enter__(self) -> "LibrarySession":
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        t = time.monotonic()
        s = self.s
        s.prepare_library()
        s.start_x()
        s.start_chromium()
        s.app_log = s.tmp / "tauri-driver.log"  # tauri-driver → WebKitWebDriver → app: one stderr
        self.driver = Driver(s.env, s.app_log)
        self.driver.start()
        t_session = time.monotonic()
        self.wd = self.driver.new_session(s.bin, self.args)
        self.wd.nudge = self.x_nudge
        log(f"session up in {time.monotonic() - t:.1f}s (WebDriver session {time.monotonic() - t_session:.1f}s): "
            f"DISPLAY={s.display} tmp={s.tmp}")

    def app_windows(self) -> list[int]:
        """The app's viewable top-level X windows whose title starts with QuickReply."""
        s = self.s
        out = []
        for w in s.xdotool("search", "--onlyvisible", "--name", "QuickReply").split():
            if s.x.window_name(int(w)).startswith("QuickReply"):
                out.append(int(w))
        return out

    def x_nudge(self, n: int) -> None:
        """A real pointer motion over each of the app's windows, then back (see
        WebDriver.screenshot_png)."""
        here = dict(line.split("=", 1) for line in self.s.xdotool("getmouselocation", "--shell").splitlines()
                    if "=" in line)
        for w in self.app_windows():
            xy = str(40 + 20 * (n % 2))
            self.s.xdotool("mousemove", "--window", str(w), xy, xy)
        self.s.xdotool("mousemove", here.get("X", "0"), here.get("Y", "0"))

    def close(self) -> None:
        if self.driver is not None:
            self.driver.close()
            self.driver = None
        self.s.close()
