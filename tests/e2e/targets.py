"""Paste targets other than the console's plain textarea, for run.py's cases k–o: seller
consoles are rich chat editors, frames, controlled components of a UI framework and native
GTK fields.

Each Chromium target is a page opened in a second tab of the session's Chromium (DevTools
`PUT /json/new`) and closed again afterwards (`/json/close`), so the console tab the other
cases use is never navigated away. Like the console, a page reports what it holds through
its title: `target:` + JSON of a state object, updated synchronously on every `input` event
and every 50 ms. The JSON is pure printable ASCII (every other character, spaces and line
breaks included, written `\\uXXXX`), so nothing Blink does to titles can change it.

The GTK target is `gtk_target.py`, a small PyGObject program run with an interpreter that has
`gi` (Debian's `/usr/bin/python3` with python3-gi and gir1.2-gtk-3.0); it writes its state to
a JSON file on every change of its buffer and of its focus.
"""

from __future__ import annotations

import functools
import html
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from session import E2EError, Session, wait_for

HERE = Path(__file__).resolve().parent

# Shared by every page: `report(obj)` puts `target:` + ASCII-only JSON of obj in the title,
# with what a failed paste needs explained: `keys`, the last key presses the page saw
# ("C-v" is Ctrl+V), and `pastes`, the text/plain of the last `paste` events (null: none).
_REPORT_JS = r"""
const seen = {keys: [], pastes: []};
function watch(doc) {
  doc.addEventListener("keydown", e => {
    seen.keys = seen.keys.concat([(e.ctrlKey ? "C-" : "") + (e.shiftKey ? "S-" : "") + e.key]).slice(-6);
  }, true);
  doc.addEventListener("paste", e => {
    seen.pastes = seen.pastes.concat([e.clipboardData ? e.clipboardData.getData("text/plain") : null]).slice(-3);
  }, true);
}
watch(document);
function report(state) {
  state.keys = seen.keys;
  state.pastes = seen.pastes;
  const json = JSON.stringify(state).replace(/[^\x21-\x7e]/g,
      c => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  const title = "target:" + json;
  if (document.title !== title) document.title = title;
}
function focusName(doc) {
  const e = doc.activeElement;
  return !e || e === doc.body ? "body" : (e.id || e.tagName.toLowerCase());
}
"""


def _page(title: str, style: str, body: str, script: str) -> str:
    """A page: a 28 px header naming the target (for screenshots), the target below it (its
    style puts it at `top:28px`), the report function, the page's script."""
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>target:{}</title>\n'
        "<style>html,body{margin:0;height:100%;font:16px sans-serif}\n"
        "header{position:fixed;top:0;left:0;right:0;height:28px;line-height:28px;padding:0 8px;"
        "background:#e8eef7;font:13px sans-serif}\n"
        f"{style}</style></head>\n<body><header>{html.escape(title)}</header>{body}\n"
        f"<script>{_REPORT_JS}{script}</script></body></html>\n"
    )


# Two chat boxes as rich chat editors make them (WhatsApp Web's, marketplace seller chats):
# contenteditable <div>s, with Chromium's own editing. Their text is innerText, the text as
# rendered: the line breaks Chromium's editing makes (<br>, <div>) read as "\n". The lower one's
# `paste` listener keeps the page busy `paste_handler_ms` and then lets Chromium insert the text,
# as a heavy console's own paste hooks (or a loaded machine) do.
#
# Both are in one page because in this Chromium only the first target page opened in a session
# takes pastes into a contenteditable: in any later page the paste event fires with the right
# data and nothing is inserted, also without the app (xclip owning the clipboard, Ctrl+V from
# xdotool; seen 2026-12-01). Textareas and inputs are not affected.
def chat_boxes_html(paste_handler_ms: int = 300) -> str:
    box = "position:fixed;left:0;right:0;padding:8px;box-sizing:border-box;overflow:auto;outline:none;" \
          "border:1px solid #9ab"
    return _page(
        "paste targets: contenteditable <div> chat boxes (read back: innerText); the lower one's paste "
        f"handler keeps the page busy for {paste_handler_ms} ms",
        f"#chat{{{box};top:28px;height:calc(50% - 28px)}}\n#busy{{{box};top:50%;bottom:0;background:#fff8f0}}",
        '<div id="chat" contenteditable="true" role="textbox" aria-multiline="true" spellcheck="false"></div>'
        '<div id="busy" contenteditable="true" role="textbox" aria-multiline="true" spellcheck="false"></div>',
        r"""
const chat = document.getElementById("chat"), busy = document.getElementById("busy");
let inputs = 0, inputType = null, busyInputs = 0, busyInputType = null;
function mirror() {
  report({text: chat.innerText, html: chat.innerHTML.slice(0, 1500), inputs: inputs, inputType: inputType,
          busyText: busy.innerText, busyHtml: busy.innerHTML.slice(0, 1500), busyInputs: busyInputs,
          busyInputType: busyInputType, focus: focusName(document), hasFocus: document.hasFocus()});
}
chat.addEventListener("input", e => { inputs++; inputType = e.inputType; mirror(); });
busy.addEventListener("input", e => { busyInputs++; busyInputType = e.inputType; mirror(); });
busy.addEventListener("paste", () => {
  const t0 = performance.now();
  while (performance.now() - t0 < """ + str(paste_handler_ms) + r""") {}
});
setInterval(mirror, 50);
mirror();
chat.focus();
        """,
    )


CHAT_BOXES_HTML = chat_boxes_html()

# A field inside a same-origin iframe (srcdoc), as consoles that embed their chat widget have:
# a <textarea> (top) for multi-line text and an <input> (bottom) for a single line. The page
# reads both through the frame's document and reports where focus is, in the page and in the
# frame.
_FRAME_DOC = (
    "<!doctype html><html><head><meta charset=utf-8><style>html,body{margin:0;height:100%}"
    "textarea,input{display:block;box-sizing:border-box;width:100%;font:16px sans-serif;margin:0}"
    "textarea{height:55vh}input{height:40vh;margin-top:5vh}</style></head><body>"
    "<textarea id=ta spellcheck=false></textarea><input id=in spellcheck=false></body></html>"
)
IFRAME_HTML = _page(
    "paste target: a <textarea> (top) and an <input> (bottom) inside a srcdoc <iframe> (dashed)",
    "#f{position:fixed;top:28px;left:0;width:100%;height:calc(100% - 28px);box-sizing:border-box;"
    "border:3px dashed #c80}",
    f'<iframe id="f" srcdoc="{html.escape(_FRAME_DOC, quote=True)}"></iframe>',
    r"""
const f = document.getElementById("f");
let inputs = 0, inputType = null, inputTarget = null;
function mirror() {
  const d = f.contentDocument;
  const ta = d && d.getElementById("ta"), inp = d && d.getElementById("in");
  report({textarea: ta ? ta.value : null, input: inp ? inp.value : null,
          focus: focusName(document), frameFocus: d ? focusName(d) : null,
          hasFocus: document.hasFocus(), inputs: inputs, inputType: inputType, inputTarget: inputTarget});
}
f.addEventListener("load", () => {
  watch(f.contentDocument);
  f.contentDocument.addEventListener("input", e => {
    inputs++; inputType = e.inputType; inputTarget = e.target.id; mirror();
  }, true);
  f.contentDocument.getElementById("ta").focus();
  mirror();
});
setInterval(mirror, 50);
mirror();
""",
)

# A controlled textarea as React makes it: the text lives in `state`, which only `input`
# events update (onChange is React's name for them); rendering writes `state` back into the
# DOM, as React does after every event and on every re-render of a parent (every 100 ms here).
# Text that reached the DOM without an `input` event is undone by the next render, as in React.
REACT_HTML = _page(
    "paste target: a React-style controlled <textarea> (state from input events only)",
    "textarea{position:fixed;top:28px;left:0;width:100%;height:calc(100% - 28px);box-sizing:border-box;"
    "font:16px sans-serif}",
    '<textarea id="t" spellcheck="false"></textarea>',
    r"""
const t = document.getElementById("t");
window.state = "";
let renders = 0, inputs = 0, inputType = null, reverted = 0;
function mirror() {
  report({state: window.state, value: t.value, focus: focusName(document), hasFocus: document.hasFocus(),
          inputs: inputs, inputType: inputType, renders: renders, reverted: reverted});
}
function render() {
  renders++;
  if (t.value !== window.state) { reverted++; t.value = window.state; }
  mirror();
}
function setState(value) {
  window.state = value;
  queueMicrotask(render);  // React re-renders after the handler, before the next task
}
t.addEventListener("input", e => { inputs++; inputType = e.inputType; setState(e.target.value); mirror(); });
setInterval(render, 100);
render();
t.focus();
""",
)


# --------------------------------------------------------------------------------------------
# Chromium tabs through the DevTools HTTP endpoint


def _failure_screenshot(s: Session, name: str) -> None:
    """The screen while the target is still there (run.py's own screenshot comes after the
    target is closed)."""
    shot = s.screenshot(f"target-{name}-failed")
    if shot:
        print(f"  screenshot with the target: {shot}", flush=True)


def _devtools(s: Session, method: str, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", s.devtools_port, timeout=5)
    try:
        conn.request(method, path)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise E2EError(f"DevTools {method} {path}: {r.status} {body[:200]!r}")
        return body
    finally:
        conn.close()


class BrowserTarget:
    """One of the pages above in a new Chromium tab (the tab in front while it is open);
    `with BrowserTarget(s, "name", HTML) as page:` opens it and closes it again."""

    def __init__(self, s: Session, name: str, page_html: str):
        self.s, self.name, self.html = s, name, page_html
        self.id = ""

    def __enter__(self) -> BrowserTarget:
        path = self.s.tmp / f"{self.name}.html"
        path.write_text(self.html, encoding="utf-8")
        # Chromium wants PUT for /json/new (GET is refused since 111).
        info = json.loads(_devtools(self.s, "PUT", "/json/new?" + urllib.parse.quote(path.as_uri(), safe="")))
        self.id = info["id"]
        try:
            wait_for(lambda: self.state() is not None, 15, 0.05, f"the {self.name} page to load")
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        if exc_type is not None:
            _failure_screenshot(self.s, self.name)
        self.close()

    def close(self) -> None:
        if not self.id:
            return
        page_id, self.id = self.id, ""
        try:
            _devtools(self.s, "GET", f"/json/close/{page_id}")
            wait_for(lambda: all(t.get("id") != page_id for t in self.s._devtools_list()), 5, 0.05,
                     f"the {self.name} tab to close")
        except Exception as e:  # noqa: BLE001 - the next case's focus_console will tell
            print(f"  (closing the {self.name} tab: {e})", flush=True)

    def show(self) -> None:
        """Brings this tab to the front again."""
        _devtools(self.s, "GET", f"/json/activate/{self.id}")

    def hide(self) -> None:
        """Brings the console tab to the front; this one stays open behind it."""
        _devtools(self.s, "GET", f"/json/activate/{self.s.page_id}")

    def state(self) -> dict | None:
        """The page's state object, from its title; None if not readable right now."""
        for t in self.s._devtools_list():
            if t.get("id") == self.id:
                title = html.unescape(t.get("title", ""))
                if title.startswith("target:{"):
                    return json.loads(title[len("target:"):])
        return None

    def wait_state(self, predicate, timeout: float, what: str) -> dict:
        """Poll the state until predicate(state) holds; the last state is in the error."""
        last: list = [None]

        def probe():
            st = self.state()
            last[0] = st
            return st if st is not None and predicate(st) else None

        try:
            return wait_for(probe, timeout, 0.02, what)
        except E2EError as e:
            raise E2EError(f"{e}; the page's last state: {last[0]}") from None

    def stable_state(self, field: str, settle: float = 0.3) -> dict:
        """The state once its `field` has not changed for `settle` seconds (a paste may take
        more than one update); at most 5 s."""
        st, since = self.state(), time.monotonic()
        deadline = since + 5
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.state()
            if now is None:
                continue
            if st is None or now.get(field) != st.get(field):
                since = time.monotonic()
            elif time.monotonic() - since >= settle:
                return now
            st = now
        return st


# --------------------------------------------------------------------------------------------
# The GTK target


_GI_PROBE = "import gi; gi.require_version('Gtk', '3.0'); from gi.repository import Gtk"


@functools.cache
def gi_python() -> str:
    """An interpreter that can import GTK 3 through PyGObject: this one, else Debian's."""
    tried = []
    for exe in dict.fromkeys([sys.executable, "/usr/bin/python3", "python3"]):
        tried.append(exe)
        try:
            r = subprocess.run([exe, "-c", _GI_PROBE], capture_output=True, timeout=30,
                               env={**os.environ, "DISPLAY": ""})
        except (OSError, subprocess.TimeoutExpired):
            continue
        if r.returncode == 0:
            return exe
    raise E2EError(f"no Python with PyGObject and GTK 3 (tried {', '.join(tried)}): "
                   "apt-get install python3-gi gir1.2-gtk-3.0 (scripts/setup.sh does)")


class GtkTarget:
    """`gtk_target.py` in the session (its own process group, killed with the session); its
    window `title`, its state from the JSON file it rewrites on every change."""

    def __init__(self, s: Session, title: str = "GTK paste target"):
        self.s, self.title = s, title
        self.state_file = s.tmp / "gtk-target.json"
        self.proc: subprocess.Popen | None = None
        self.window = 0

    def __enter__(self) -> GtkTarget:
        self.state_file.unlink(missing_ok=True)
        self.proc = self.s._spawn("gtk-target", [gi_python(), str(HERE / "gtk_target.py"), self.title,
                                                 str(self.state_file)])
        try:
            found = wait_for(
                lambda: self.proc.poll() is not None
                or self.s.xdotool("search", "--onlyvisible", "--name", f"^{self.title}$").split(),
                15, 0.05, "the GTK target window")
            if self.proc.poll() is not None:
                log = (self.s.tmp / "gtk-target.log").read_text(errors="replace")[-2000:]
                raise E2EError(f"gtk_target.py exited with {self.proc.returncode}: {log}")
            self.window = int(found[0])
            wait_for(lambda: self.state() is not None, 10, 0.05, "the GTK target's first state")
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        if exc_type is not None:
            _failure_screenshot(self.s, "gtk")
        self.stop()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def state(self) -> dict | None:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def wait_state(self, predicate, timeout: float, what: str) -> dict:
        last: list = [None]

        def probe():
            st = self.state()
            last[0] = st
            return st if st is not None and predicate(st) else None

        try:
            return wait_for(probe, timeout, 0.02, what)
        except E2EError as e:
            raise E2EError(f"{e}; the GTK target's last state: {last[0]}") from None

    stable_state = BrowserTarget.stable_state
