#!/usr/bin/env python3
"""End-to-end tests of the library window through WebDriver (tauri-driver + WebKitWebDriver).

    python3 tests/e2e/library_ui.py --bin target/release/quickreply

The same private X server, openbox, Chromium "seller console" and temporary library as run.py
(session.py), but the app is started by WebKitWebDriver with `quickreply library`, so its
library window (and its hidden palette) can be driven through the DOM; the palette is still
opened with the real hotkey and pastes into Chromium, as in run.py. Exits non-zero on any
failure; the last line is `N passed, M failed`. One screenshot per case (the library window)
goes to tests/out/, plus one of the whole screen on a failure.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import traceback
import zipfile
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import OUT_DIR, REPO, E2EError, install_sigterm_handler, log, wait_for  # noqa: E402
from webdriver import LIBRARY_TITLE, Keys, LibrarySession, WebDriverError  # noqa: E402

BROKEN_TEXT = "Your gift for { $buyer_name is wrapped."
FIXED_TEXT = "Your gift for { $buyer_name } is wrapped."
LINE_COL = re.compile(r"\b\d+:\d+\b")

ESPANSO_BASE_YML = """\
# A user's Espanso match file: two replies and one thing QuickReply cannot import.
matches:
  - trigger: ":thx"
    replace: "Thank you!"

  - trigger: ":addr"
    form: "Please confirm your delivery address: [[address]]"

  - regex: ":d(?P<n>\\\\d+)"
    replace: "{{n}} days"
"""

# Case x: hostile text in every field the windows show. Each payload would set its own global
# (window.__xss_FIELD) if the webview ever ran it, so a failure names the field. RLO/PDF are
# the bidi override characters U+202E/U+202C. Fluent texts hold no braces but real placeables.
RLO, PDF = "\u202e", "\u202c"
XSS = {
    "title": f'<img src=x onerror="window.__xss_title=1">Hostile {RLO}eltit{PDF} <b>bold</b>',
    "category": '<img src=x onerror="window.__xss_category=1">Cat <i>x</i>',
    "tags": ['<b>tag</b>', '<img src=x onerror="window.__xss_tags=1">'],
    "shortcut": ";<img src=x onerror=window.__xss_shortcut=1>",
    # The source text's first line (placeables: the buyer from the order, two shop variables).
    "text": ('Hi { $buyer_name }, <script>window.__xss_text=1</script><img src=x onerror="window.__xss_text_img=1">'
             f' see javascript:window.__xss_text_url=1 from {{ $shop_name }}. {RLO}desrever{PDF} {{ $signature }}'),
    "examples": ['<img src=x onerror="window.__xss_example1=1">can you gift wrap it',
                 "<script>window.__xss_example2=1</script>gift wrap please",
                 f"javascript:window.__xss_example3=1 {RLO}parw tfig{PDF} gift wrap?"],
    # The Arabic translation waiting for review.
    "ar": (f'<img src=x onerror="window.__xss_review=1">شكرا لطلبك من {{ $shop_name }} {RLO}معكوس{PDF}'
           " <script>window.__xss_review_script=1</script>"),
    "buyer": f'<img src=x onerror="window.__xss_buyer=1">Mallory {RLO}live{PDF}',
    "items": "<script>window.__xss_items=1</script>Widget <b>x</b>",
    "carrier": '<img src=x onerror="window.__xss_carrier=1">Post',
    "tracking_url": "javascript:window.__xss_tracking_url=1",
    "gift_note": '<iframe srcdoc="<script>parent.__xss_iframe=1</script>"></iframe>',
    "raw_key": '<img src=x onerror="window.__xss_rawkey=1">',
    "raw_value": '<a href="javascript:window.__xss_rawval=1">click</a>',
    # Buyer messages on one topic no other case's messages are about.
    "messages": ['<img src=x onerror="window.__xss_msg1=1">do you deliver to the antarctic research station',
                 "<script>window.__xss_msg2=1</script>can you deliver to a research station in antarctica",
                 f"delivery to antarctica possible? javascript:window.__xss_msg3=1 {RLO}noitats{PDF}"],
    "clipboard": f'Order X-666: <img src=x onerror="window.__xss_clipboard=1"> where is my gift? {RLO}tfig{PDF}',
    "provider_name": '<img src=x onerror="window.__xss_provider_name=1">',
    # What a provider said about its draft (shown in review).
    "problem": '<img src=x onerror="window.__xss_problem=1">the model said <script>window.__xss_problem_script=1</script>',
    "model": f'<img src=x onerror="window.__xss_model=1">{RLO}tpg{PDF}',
    "glossary": "<script>window.__xss_glossary=1</script>",
    "shop_name": '<img src=x onerror="window.__xss_shop_name=1">Desert <b>Rose</b>',
    "signature": f"<script>window.__xss_signature=1</script>{RLO}mallory{PDF}",
    "var_gift_note": '<svg onload="window.__xss_var=1"></svg>javascript:window.__xss_var_url=1',
}
XSS_ORDER = "X-666"
XSS_KEY = "hostile-reply"


def long_line() -> str:
    """One 10 000-character line with a payload at each end."""
    head = '<img src=x onerror="window.__xss_long=1">LONG-START '
    tail = " LONG-END<script>window.__xss_long_end=1</script>"
    return head + "W" * (10_000 - len(head) - len(tail)) + tail


def text_pieces(ftl: str) -> list[str]:
    """The literal parts of a Fluent text around its placeables (the editors show placeables
    as chips, the previews fill them in)."""
    return [p.strip() for p in re.split(r"\{[^{}]*\}", ftl) if p.strip()]


# Run in each window at the end: what the payloads would have left behind. The app's own
# markup never holds <script> without src, <img>, <a href>, <b>, <i>, frames or on* attributes
# (ui/index.html has one module script with src; h() adds listeners, never attributes);
# CodeMirror's own <img class="cm-widgetBuffer"> is the one allowed img.
HOSTILE_STATE_JS = r"""
const app = document.getElementById('app');
const seen = new Set();
const add = (e, why) => seen.add(why + ': ' + e.outerHTML.slice(0, 160));
for (const e of document.querySelectorAll('img[src="x"], script:not([src]), a[href^="javascript:" i], iframe, frame, object, embed')) add(e, 'element');
if (app) for (const e of app.querySelectorAll('script, img:not(.cm-widgetBuffer), a[href], b, i, svg')) {
  if (e.closest('.insights-chart')) continue;
  add(e, 'element in #app');
}
for (const e of document.querySelectorAll('*')) for (const a of e.attributes) {
  const n = a.name.toLowerCase();
  if (n.startsWith('on') || (['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'xlink:href'].includes(n) && /__xss|javascript:/i.test(a.value)))
    seen.add('attribute ' + n + '="' + a.value.slice(0, 100) + '" on <' + e.tagName.toLowerCase() + '>');
}
return {
  flags: Object.keys(window).filter(k => k.startsWith('__xss')),
  injected: Array.from(seen),
  cspv: window.__cspv === undefined ? null : window.__cspv,
  probe: window.__cspProbe === undefined ? null : window.__cspProbe,
};
"""

# Installed as soon as a window is the WebDriver context: every CSP violation from then on.
# A probe (an image from a port the CSP's img-src does not allow) proves the listener hears
# violations in this webview; it is kept apart from the app's.
CSP_LISTEN_JS = r"""
if (window.__cspv === undefined) {
  window.__cspv = [];
  window.__cspProbe = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const line = e.violatedDirective + ' ' + e.blockedURI + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : '');
    (String(e.blockedURI).includes('e2e-csp-probe') ? window.__cspProbe : window.__cspv).push(line);
  });
}
const probe = new Image();
probe.src = 'http://127.0.0.1:9/e2e-csp-probe.png?' + Date.now();
return true;
"""

# A style sheet of CodeMirror's base theme (its generated class names start with "ͼ") with
# rules in it: the <style> CodeMirror adds at runtime carries the page's CSP nonce and applied.
CM_THEME_APPLIED_JS = r"""
return Array.from(document.styleSheets).some((s) => {
  try { return Array.from(s.cssRules).some((r) => (r.selectorText || '').includes('\u037c')); }
  catch (e) { return false; }
});
"""


# The Shopee "Order.all" export of the core's order tests (case d).
SHOPEE_XLSX = Path("crates/core/tests/data/orders/shopee_order_all.xlsx")
SHOPEE_XLSX_ELSEWHERE = [Path("/work/wt-orders") / SHOPEE_XLSX]  # before the orders branch is merged


def shopee_fixture() -> Path:
    for p in [REPO / SHOPEE_XLSX, *SHOPEE_XLSX_ELSEWHERE]:
        if p.is_file():
            return p
    raise E2EError(f"the Shopee export {SHOPEE_XLSX} is not in this checkout ({REPO}); it comes with the orders branch")


def xlsx_orders(path: Path) -> list[dict]:
    """The rows of the first sheet of an .xlsx as {header: text} (shared and inline strings,
    numbers as written), so the test knows which order and tracking number the file holds
    without the app."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")))
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))

    def col(ref: str) -> int:
        n = 0
        for ch in re.match(r"[A-Z]+", ref).group(0):
            n = n * 26 + ord(ch) - 64
        return n - 1

    rows = []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells = {}
        for c in row.findall("m:c", ns):
            v = c.find("m:v", ns)
            if c.get("t") == "s" and v is not None:
                text = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))
            else:
                text = v.text if v is not None else ""
            cells[col(c.get("r"))] = text or ""
        rows.append(cells)
    if not rows:
        return []
    header = {i: h.strip() for i, h in rows[0].items()}
    return [{header.get(i, str(i)): v for i, v in r.items()} for r in rows[1:]]


def tid(name: str) -> str:
    return f'[data-testid="{name}"]'


def wait_equal(get, want, timeout: float, what: str):
    """Waits until get() == want; the timeout names the last value seen."""
    seen = []

    def ok():
        seen[:] = [get()]
        return seen[0] == want

    try:
        wait_for(ok, timeout, 0.05, what)
    except E2EError as e:
        raise E2EError(f"{e}: expected {want!r}, last seen {seen[0] if seen else None!r}") from None


def check(cond: bool, message: str) -> None:
    if not cond:
        raise E2EError(message)


def check_eq(actual, expected, what: str) -> None:
    if actual != expected:
        raise E2EError(f"{what}:\n    expected {expected!r}\n    actual   {actual!r}")


class Cases:
    def __init__(self, ls: LibrarySession):
        self.ls = ls
        self.s = ls.s
        self.wd = ls.wd
        self.library_handle = ""
        self.palette_handle = ""
        self.library_xwin = 0

    # -- shared steps -----------------------------------------------------------------------

    def find_windows(self) -> None:
        """The library's X window (by its title) and the WebDriver handles of the library and
        palette webviews (by document.documentElement.dataset.window)."""
        s, wd = self.s, self.wd

        def library_x():
            for w in s.xdotool("search", "--onlyvisible", "--name", "QuickReply").split():
                if s.x.window_name(int(w)) == LIBRARY_TITLE:
                    return int(w)
            return None

        self.library_xwin = wait_for(library_x, 15, 0.1, f"a viewable X window titled {LIBRARY_TITLE!r}")
        handles = {}

        def both():
            for h in wd.window_handles():
                try:
                    wd.switch_to_window(h)
                    label = wd.execute("return document.documentElement.dataset.window || ''")
                except WebDriverError:
                    continue
                if label:
                    handles[label] = h
            return "library" in handles and "palette" in handles

        wait_for(both, 15, 0.1, "the library and palette webviews among the window handles")
        self.library_handle, self.palette_handle = handles["library"], handles["palette"]

    def to_library(self) -> None:
        """The library window active on the X server and the current WebDriver context."""
        if not self.library_handle:
            self.find_windows()
        self.s.activate(self.library_xwin)
        self.wd.switch_to_window(self.library_handle)

    def view(self) -> str:
        return self.wd.execute("return document.documentElement.dataset.view || ''")

    def show_list(self) -> None:
        """Back to the list view (Escape from the editor or from Recently deleted; the Replies
        tab from the Orders tab)."""
        wd = self.wd
        for _ in range(3):
            if self.view() == "list":
                return
            if self.view() == "orders":
                wd.find(tid("library-tab-replies")).click()
                continue
            # Escape inside CodeMirror is its own (simplify selection): press it elsewhere.
            wd.execute("document.activeElement && document.activeElement.blur()")
            wd.press(Keys.ESCAPE)
            try:
                wait_for(lambda: self.view() == "list", 2, 0.05, "the list view")
                return
            except E2EError:
                pass
        raise E2EError(f"could not get back to the list view (view is {self.view()!r})")

    def wait_row(self, key: str, timeout: float = 10):
        try:
            return self.wd.wait_css(tid(f"library-row-{key}"), timeout, f"the row {tid('library-row-' + key)}")
        except E2EError as e:
            rows = [r.attribute("data-testid") for r in self.wd.find_all('[data-testid^="library-row-"]')]
            raise E2EError(f"{e}; rows in the DOM: {rows}") from None

    def shot(self, name: str) -> None:
        path = OUT_DIR / f"library-{name}-{time.strftime('%Y%m%d-%H%M%S')}.png"
        try:
            self.wd.screenshot(path)
            log(f"  screenshot: {path.relative_to(OUT_DIR.parents[1])}")
        except Exception as e:  # noqa: BLE001
            # WebKitWebDriver times out on a tall page now and then: the X server's view instead.
            shot = self.s.screenshot(f"library-{name}-screen")
            log(f"  (WebDriver screenshot failed: {e}; the screen: {shot})")

    def need(self, *names: str) -> None:
        """Fail early, naming every data-testid of `names` missing from the current view."""
        missing = [n for n in names if not self.wd.exists(tid(n))]
        if missing:
            raise E2EError("missing in the library window: " + ", ".join(tid(n) for n in missing))

    def cli_json(self, *args: str):
        return json.loads(self.s.cli(*args))

    # -- case x's steps ---------------------------------------------------------------------

    def second_launch(self, *args: str) -> None:
        """`quickreply ARGS` as a user starts it (the session's environment, QUICKREPLY_DB in
        it): it hands the request to the running app and exits."""
        r = subprocess.run([str(self.s.bin), *args], env=self.s.env, capture_output=True, text=True, timeout=30)
        if r.returncode != 0:
            raise E2EError(f"`quickreply {' '.join(args)}` exited {r.returncode}: {r.stderr.strip()}")

    def handle_of(self, label: str, timeout: float = 20) -> str:
        """The WebDriver handle of the webview whose <html data-window> is `label` (switched to)."""
        return self.wd.switch_to_window_where(
            f"return document.documentElement.dataset.window === {json.dumps(label)}", timeout,
            what=f"a webview with data-window={label!r} among the window handles")

    def listen_csp(self, where: str) -> None:
        """Installs the securitypolicyviolation listener in the current context and waits for
        its probe to be reported."""
        self.wd.execute(CSP_LISTEN_JS)
        try:
            wait_for(lambda: self.wd.execute("return (window.__cspProbe || []).length > 0"), 5, 0.05,
                     f"the CSP probe's violation in the {where}")
        except E2EError as e:
            raise E2EError(f"{e}: the securitypolicyviolation listener hears nothing here, so it could not "
                           "prove that the CSP blocked nothing") from None

    def hostile_state(self, where: str, testids: list[str] = (), css: list[str] = ()) -> None:
        """No payload ran or became markup, the CSP blocked nothing since listen_csp, and the
        window shows its real content (its own elements are there)."""
        wd = self.wd
        r = wd.execute(HOSTILE_STATE_JS)
        problems = []
        if r["flags"]:
            problems.append(f"payload handlers ran, setting {sorted(r['flags'])}")
        if r["injected"]:
            problems.append("payload markup became DOM: " + "; ".join(r["injected"][:10]))
        if r["cspv"] is None:
            problems.append("the securitypolicyviolation listener is gone (the page was reloaded?)")
        elif r["cspv"]:
            problems.append(f"the CSP blocked {r['cspv']}")
        missing = [tid(t) for t in testids if not wd.exists(tid(t))] + [c for c in css if not wd.exists(c)]
        if missing:
            problems.append(f"the window's own content is missing: {missing}")
        if problems:
            raise E2EError(f"{where}: " + "; ".join(problems))
        log(f"  {where}: no handler ran, no markup from the payloads, CSP violations: none "
            f"(probe heard: {len(r['probe'] or [])})")

    def shown_text(self, where: str, needles: dict[str, str], js: str = "return document.body.textContent") -> None:
        """Each needle (name → text) is in what `js` returns (the page's text by default)."""
        text = self.wd.execute(js) or ""
        missing = [name for name, n in needles.items() if n not in text]
        if missing:
            raise E2EError(f"{where}: not shown as text: " + ", ".join(
                f"{name} {needles[name][:70]!r}" for name in missing) + f"; the text there: {text[:500]!r}")

    def field_values(self) -> list[str]:
        return self.wd.execute("return Array.from(document.querySelectorAll('input, textarea, select')).map(e => e.value)")

    def click_fresh(self, css: str, attempts: int = 10) -> None:
        """Clicks the element matching `css`, found again when a re-render replaced it."""
        for attempt in range(attempts):
            try:
                self.wd.find(css).click()
                return
            except WebDriverError as e:
                if e.error not in ("stale element reference", "no such element") or attempt == attempts - 1:
                    raise
                time.sleep(0.2)

    def shot_hovering(self, name: str, x_title: str) -> None:
        """self.shot for views whose screenshot waits for a frame that never comes (the Orders
        and Insights tabs, Settings): while it waits, the X pointer goes back and forth between
        two buttons of the view (X window `x_title`), so their hover style changes and WebKit
        presents a frame; the usual nudge, which moves it to one corner, does not help there."""
        s, wd = self.s, self.wd
        xwin = next((int(w) for w in s.xdotool("search", "--onlyvisible", "--name", "QuickReply").split()
                     if s.x.window_name(int(w)) == x_title), 0)
        points = wd.execute("""
            return Array.from(document.querySelectorAll('button:not([disabled])')).map(b => b.getBoundingClientRect())
              .filter(r => r.width > 4 && r.height > 4 && r.top >= 0 && r.left >= 0
                           && r.bottom <= innerHeight && r.right <= innerWidth)
              .slice(0, 2).map(r => [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)])""")
        if not xwin or len(points) < 2:
            self.shot(name)
            return
        usual = wd.nudge

        def hover(n: int) -> None:
            x, y = points[n % 2]
            s.xdotool("mousemove", "--window", str(xwin), str(x), str(y))

        wd.nudge = hover
        try:
            self.shot(name)
        finally:
            wd.nudge = usual
            s.xdotool("mousemove", "0", "0")

    def hide_x_window(self, title: str) -> None:
        """Closes the app's window titled `title` the way a user does (Alt+F4 through openbox:
        the app hides it)."""
        s = self.s
        for w in s.xdotool("search", "--onlyvisible", "--name", "QuickReply").split():
            if s.x.window_name(int(w)) == title:
                s.activate(int(w))
                s.xdotool("key", "alt+F4")
                try:
                    wait_for(lambda: not s.x.viewable(int(w)), 5, 0.05, f"{title!r} to hide")
                except E2EError as e:
                    log(f"  (could not close {title!r}: {e})")

    def plant_hostile_text(self) -> None:
        """Every field the windows show gets a payload: through the CLI, and sqlite3 where it
        has no command (a template's example questions, buyer messages, a use, a provider name
        the CLI refuses, the provider and problem of the Arabic draft)."""
        s = self.s
        ftl = XSS["text"] + "\n" + long_line()
        s.cli("templates", "add", XSS_KEY, "--title", XSS["title"], "--category", XSS["category"],
              "--tags", ",".join(XSS["tags"]), "--shortcut", XSS["shortcut"], "--text", ftl)
        s.cli("templates", "edit", XSS_KEY, "--lang", "ar", "--text", XSS["ar"], "--status", "needs-review")
        stored = self.cli_json("templates", "show", XSS_KEY, "--json")
        texts = {v["locale"]: v["text"] for v in stored["variants"]}
        check_eq(stored["title"], XSS["title"], "the hostile title as stored")
        check_eq(texts.get("en"), ftl, "the hostile English text as stored")
        check_eq(texts.get("ar"), XSS["ar"], "the hostile Arabic text as stored")

        orders = s.tmp / "hostile-orders.csv"
        with open(orders, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([
                ["order_id", "buyer_name", "buyer_country", "items", "total", "currency", "carrier", "tracking_number",
                 "tracking_url", "gift_note", XSS["raw_key"]],
                [XSS_ORDER, XSS["buyer"], "GB", XSS["items"], "12.50", "GBP", XSS["carrier"], "TRK-666",
                 XSS["tracking_url"], XSS["gift_note"], XSS["raw_value"]],
            ])
        s.cli("orders", "import", str(orders))
        order = self.cli_json("orders", "show", XSS_ORDER, "--json")
        check_eq((order["buyer_name"], order["tracking_url"]), (XSS["buyer"], XSS["tracking_url"]),
                 "the hostile order as stored (buyer_name, tracking_url)")

        # A provider's name is one word: the CLI refuses markup there (checked), so the payloads
        # go into the fields that take any text, and the name is written with sqlite3 below.
        r = subprocess.run([str(s.bin), "--db", str(s.db), "providers", "add", XSS["provider_name"], "--kind", "openai",
                            "--url", "http://127.0.0.1:9/v1", "--model", "m"],
                           env={**s.env, "DISPLAY": ""}, capture_output=True, text=True, timeout=60)
        check(r.returncode != 0 and "not a provider name" in r.stderr,
              f"`providers add` with markup as the NAME: exit {r.returncode}, {r.stderr.strip()!r}")
        log(f"  provider name refused by the CLI: {r.stderr.strip()}")
        s.cli("providers", "add", "hostile-llm", "--kind", "openai", "--url", "http://127.0.0.1:9/v1", "--model", XSS["model"])
        s.cli("providers", "add", "hostile-deepl", "--kind", "deepl", "--glossary", XSS["glossary"])

        s.cli("vars", "set", "shop_name", XSS["shop_name"])
        s.cli("vars", "set", "signature", XSS["signature"])
        s.cli("vars", "set", "gift_note", XSS["var_gift_note"])

        con = sqlite3.connect(s.db)
        with con:
            con.execute("UPDATE templates SET examples = ? WHERE key = ?", ("\n".join(XSS["examples"]), XSS_KEY))
            for text in XSS["messages"]:
                con.execute("INSERT INTO messages (text, lang, source, template_key, locale, picked_at) "
                            "VALUES (?, 'en', 'palette', ?, 'en', strftime('%Y-%m-%dT%H:%M:%fZ','now'))", (text, XSS_KEY))
            con.execute("INSERT INTO usage (template_id, locale, order_id) SELECT id, 'en', ? FROM templates WHERE key = ?",
                        (XSS_ORDER, XSS_KEY))
            # The name the CLI refused, written directly (the windows show what the database
            # holds); and the Arabic draft as if that provider made it and reported a problem.
            con.execute("INSERT INTO providers (name, kind, url, model) VALUES (?, 'openai', 'http://127.0.0.1:9/v1', 'm')",
                        (XSS["provider_name"],))
            con.execute("UPDATE variants SET provider = ?, problem = ? WHERE locale = 'ar' "
                        "AND template_id = (SELECT id FROM templates WHERE key = ?)",
                        (XSS["provider_name"], XSS["problem"], XSS_KEY))
        con.close()

    # -- the cases --------------------------------------------------------------------------

    def case_s_smoke(self) -> None:
        """WebDriver reaches the library window: handle by dataset.window, the X window by its
        title, a screenshot, and keyboard chords arrive with their modifiers and codes."""
        wd = self.wd
        self.find_windows()
        self.to_library()
        check_eq(wd.execute("return document.documentElement.dataset.window"), "library", "dataset.window")
        png = wd.screenshot_png()
        check(png.startswith(b"\x89PNG") and len(png) > 1000, f"not a PNG screenshot ({len(png)} bytes)")
        self.shot("s")
        # Ctrl+N through the Actions API, caught before the app sees it (capture phase on
        # window, propagation stopped), so nothing is opened.
        wd.execute("""
            window.__e2eKeys = [];
            window.__e2eKey = (e) => {
              window.__e2eKeys.push({key: e.key, code: e.code, ctrl: e.ctrlKey, shift: e.shiftKey});
              e.stopImmediatePropagation(); e.preventDefault();
            };
            window.addEventListener('keydown', window.__e2eKey, true);""")
        try:
            wd.chord(Keys.CONTROL, "n")
            keys = wait_for(lambda: wd.execute("return window.__e2eKeys.length >= 2 ? window.__e2eKeys : null"),
                            3, 0.05, "the keydown events of Ctrl+N")
        finally:
            wd.execute("window.removeEventListener('keydown', window.__e2eKey, true)")
        n = next((k for k in keys if k["key"].lower() == "n"), None)
        check(n is not None and n["ctrl"] and n["code"] == "KeyN",
              f"Ctrl+N arrived as {keys} (expected key n with ctrlKey and code KeyN)")

    def case_i_insights_topics_and_a_new_reply_from_them(self) -> None:
        """The Insights tab on buyer messages the palette recorded (written into the library as
        the app writes them) and picks taught with `learn`: topics, an unanswered "halal"
        topic whose "New reply from these" opens the editor with those messages as examples,
        buyer text shown as text (an XSS payload sets no flag), a learned pick removed."""
        s, wd = self.s, self.wd
        s.cli("learn", "--key", "where-is-my-order", "where is my order please")
        s.cli("learn", "--key", "where-is-my-order", "where is my order now please")
        payload = '<img src=x onerror="window.__xss=1">is this halal certified'
        con = sqlite3.connect(s.db)
        with con:
            for text in [payload, "is this product halal certified", "halal certified or not?"]:
                con.execute("INSERT INTO messages (text, lang, source) VALUES (?, 'en', 'palette')", (text,))
        con.close()
        self.to_library()
        wd.find(tid("library-tab-insights")).click()
        wait_for(lambda: wd.find_or_none('[data-testid^="insights-unanswered-"]'), 60, 0.2,
                 "an unanswered topic in the Insights tab (the report runs `quickreply insights`)")
        topics = wd.execute("""return Array.from(document.querySelectorAll('[data-testid^="insights-topic-"]'))
                                 .map(e => e.textContent)""")
        check(any("where is my order" in t and "Where is my order?" in t for t in topics),
              f"no 'where is my order' topic answered with its reply: {topics}")
        unanswered = wd.find('[data-testid^="insights-unanswered-"]')
        check("halal" in unanswered.text, f"the unanswered topic is not the halal one: {unanswered.text!r}")
        check(payload in wd.execute("return document.body.textContent"), "the payload is not shown as text")
        check(wd.execute("return window.__xss === undefined"), "the payload's handler ran")
        self.shot("i-insights")
        unanswered.find('[data-testid^="insights-new-"]').click()
        examples = wait_for(lambda: wd.execute(
            "const e = document.getElementById('ed-examples'); return e && e.offsetParent ? e.value : null"),
            10, 0.1, "the editor on a new reply with the examples field")
        check("is this product halal certified" in examples and payload in examples,
              f"the topic's messages are not the new reply's examples: {examples!r}")
        self.shot("i-new-reply")

    def case_a_write_fix_save_paste(self) -> None:
        """A reply with a syntax error: inline error at line:column, save blocked; fixed, saved,
        found by the palette and pasted into Chromium."""
        s, wd = self.s, self.wd
        self.to_library()
        self.show_list()
        wd.chord(Keys.CONTROL, "n")
        try:
            title = wd.wait_css(tid("editor-title"), 5, "the editor after Ctrl+N")
        except E2EError:
            if not wd.exists(tid("library-new")):
                raise E2EError(f"Ctrl+N opened no editor (no {tid('editor-title')}) and there is no "
                               f"{tid('library-new')} either") from None
            raise
        self.need("editor-key", "editor-text-en", "editor-save")
        title.click()
        title.send_keys("Gift wrap")
        key = wd.find(tid("editor-key"))
        wait_equal(lambda: key.value, "gift-wrap", 5, f"the key suggested from the title in {tid('editor-key')}")

        cm = wd.find(tid("editor-text-en") + " .cm-content")
        cm.click()
        cm.send_keys(BROKEN_TEXT)
        wait_equal(lambda: cm.text.strip(), BROKEN_TEXT, 3, "the editor to hold the broken text")

        def located_error():
            # A new reply starts with an error for the empty text at 1:1: wait for the one of
            # the typed text, inside the unclosed placeable (it opens at column 15).
            e = wd.find_or_none(tid("editor-errors-en"))
            m = LINE_COL.search(e.text) if e is not None else None
            return e.text if m and int(m.group(0).split(":")[1]) >= 15 else None

        try:
            errors = wait_for(located_error, 5, 0.05, f"a LINE:COL error in {tid('editor-errors-en')}")
        except E2EError as e:
            shown = wd.find_or_none(tid("editor-errors-en"))
            raise E2EError(f"{e}; it shows {shown.text if shown else None!r}") from None
        wd.wait_enabled(tid("editor-save"), False, 3)
        log(f"  inline error: {errors.strip()!r}")
        self.shot("a-error")

        cm.click()
        wd.chord(Keys.CONTROL, "a")
        cm.send_keys(FIXED_TEXT)
        wait_equal(lambda: cm.text.strip(), FIXED_TEXT, 3, "the editor to hold the fixed text")
        wait_for(lambda: not (wd.find_or_none(tid("editor-errors-en")) and
                              LINE_COL.search(wd.find(tid("editor-errors-en")).text)),
                 5, 0.05, "the inline error to clear")
        save = wd.wait_enabled(tid("editor-save"), True, 5)
        save.click()
        self.wait_row("gift-wrap")
        stored = self.cli_json("templates", "show", "gift-wrap", "--json")
        stored_text = next((v["text"] for v in stored.get("variants", []) if v.get("locale") == "en"), None)
        # Checked again at the end, so that the palette part runs even when this is wrong.
        problems = []
        if stored_text != FIXED_TEXT:
            problems.append(f"gift-wrap (en) in the database is {stored_text!r}, typed was {FIXED_TEXT!r}")
        self.shot("a-saved")

        # The palette finds it and pastes it (buyer_name given in the values form).
        expected = s.render("gift-wrap", "--var", "buyer_name=Alex")
        check("Your gift for Alex" in expected and "is wrapped." in expected,
              f"render of gift-wrap looks wrong: {expected!r}")
        before = "hello before"
        s.clear_console()
        s.set_clipboard(before)
        n = s.app_log_text().count("pasted gift-wrap (")
        s.open_palette()
        s.xdotool("type", "--delay", "30", "gift wrap")
        wd.switch_to_window(self.palette_handle)
        wd.wait_text(".preview-text", lambda t: "Your gift for" in t, 5, "the palette's preview of gift-wrap")
        s.xdotool("key", "Return")
        wd.wait_css(".vars input", 3, "the palette's values form (buyer_name)")
        check(s.console_text() == "", "something was pasted before buyer_name was given")
        check(s.palette_active(), f"the palette is not active (active: {s.active_name()!r})")
        s.xdotool("type", "--delay", "30", "Alex")
        s.xdotool("key", "Return")
        text = s.wait_console_change("", timeout=5)
        time.sleep(0.15)
        text = s.console_text()
        check("Your gift for" in text and "is wrapped." in text, f"pasted text: {text!r}")
        check_eq(text, expected, "textarea text")
        # The log line comes once the clipboard is restored; reading the clipboard before that
        # would look to the app like the target still reading the reply.
        wait_for(lambda: s.app_log_text().count("pasted gift-wrap (") > n, 5, 0.02,
                 "app log line 'pasted gift-wrap (…) into …'")
        wait_for(lambda: s.clipboard() == before, 2, 0.1, "clipboard restore")
        self.to_library()
        if problems:
            raise E2EError("; ".join(problems))

    def case_b_delete_undo_restore(self) -> None:
        """Delete in the list → undo from the toast; delete again → restore from Recently
        deleted."""
        wd = self.wd
        self.to_library()
        self.show_list()
        key = "gift-wrap" if wd.exists(tid("library-row-gift-wrap")) else None
        if key is None:
            rows = wd.find_all('[data-testid^="library-row-"]')
            check(bool(rows), 'no row [data-testid^="library-row-"] in the list')
            key = rows[0].attribute("data-testid")[len("library-row-"):]
        row_css = tid(f"library-row-{key}")

        def delete():
            wd.find(row_css).click()
            wd.press(Keys.DELETE)
            wd.wait_gone(row_css, 5, f"{row_css} to go after Delete")
            wait_for(lambda: not any(t["key"] == key for t in self.cli_json("templates", "list", "--json")), 3, 0.1,
                     f"{key} to leave the database")

        delete()
        undo = wd.wait_css(tid("toast-undo"), 3, f"the undo toast {tid('toast-undo')}")
        self.shot("b-deleted")
        undo.click()
        self.wait_row(key, 5)
        self.cli_json("templates", "show", key, "--json")

        delete()
        opener = wd.wait_css(tid("library-deleted"), 3)
        if opener.prop("tagName") in ("BUTTON", "A") or opener.attribute("role") in ("button", "tab", "link"):
            opener.click()
        restore = wd.wait_css(tid(f"deleted-restore-{key}"), 5, f"{tid('deleted-restore-' + key)} in Recently deleted")
        self.shot("b-recently-deleted")
        restore.click()
        wd.wait_gone(tid(f"deleted-restore-{key}"), 5)
        self.cli_json("templates", "show", key, "--json")
        self.show_list()
        self.wait_row(key, 5)

    def case_c_import_espanso(self) -> None:
        """Import an Espanso match file through the dialog's own controls."""
        s, wd = self.s, self.wd
        match = s.tmp / "espanso" / "match" / "base.yml"
        match.parent.mkdir(parents=True, exist_ok=True)
        match.write_text(ESPANSO_BASE_YML, encoding="utf-8")
        self.to_library()
        self.show_list()
        self.need("import-open")
        wd.find(tid("import-open")).click()
        kind = wd.wait_css(tid("import-kind"), 3)
        kind.select_option("espanso")
        check_eq(kind.value, "espanso", f"{tid('import-kind')} value")
        path = wd.find(tid("import-path"))
        path.click()
        path.clear()
        path.send_keys(str(match))
        wd.find(tid("import-preview")).click()
        dialog = tid("import-dialog") if wd.exists(tid("import-dialog")) else "body"

        def preview_ready():
            text = wd.find(dialog).text
            return text if ("thx" in text and "addr" in text and "regex" in text) else None

        try:
            wait_for(preview_ready, 5, 0.1, "the preview to list thx and addr and warn about the regex match")
        except E2EError as e:
            raise E2EError(f"{e}; the dialog shows: {wd.find(dialog).text[:600]!r}") from None
        self.shot("c-preview")
        wd.wait_enabled(tid("import-apply"), True, 3).click()
        summary = wd.wait_text(tid("import-summary"), lambda t: bool(t.strip()), 5)
        check(bool(re.search(r"\b2\b", summary)) and re.search(r"import|added", summary, re.I) is not None,
              f"{tid('import-summary')} does not say 2 imported: {summary!r}")
        self.shot("c-imported")
        wd.press(Keys.ESCAPE)
        try:
            wd.wait_gone(tid("import-kind"), 3, "the import dialog to close on Escape")
        except E2EError:
            raise E2EError("the import dialog did not close on Escape") from None
        self.wait_row("thx")
        self.wait_row("addr")
        thx = self.cli_json("templates", "show", "thx", "--json")
        check("Thank you!" in json.dumps(thx, ensure_ascii=False), f"thx in the database: {thx}")
        addr = self.cli_json("templates", "show", "addr", "--json")
        check("$address" in json.dumps(addr, ensure_ascii=False), f"addr in the database: {addr}")

    def case_d_orders_view_active_order(self) -> None:
        """Import a Shopee XLSX in the Orders view (preview: detected as Shopee), find an
        order, use it in the palette, and paste the starter reply "Tracking number" into
        Chromium: the textarea gets that order's tracking number."""
        s, wd = self.s, self.wd
        source = shopee_fixture()
        xlsx = s.tmp / "shopee_order_all.xlsx"
        shutil.copyfile(source, xlsx)
        rows = xlsx_orders(xlsx)
        tracked = [r for r in rows if r.get("Order ID") and (r.get("Tracking Number*") or r.get("Tracking Number"))]
        check(bool(tracked), f"{source}: no row with an Order ID and a tracking number; rows: {rows[:3]}")
        order_id = tracked[0]["Order ID"].strip()
        file_tracking = (tracked[0].get("Tracking Number*") or tracked[0].get("Tracking Number")).strip()
        n_orders = len({r["Order ID"].strip() for r in rows if r.get("Order ID", "").strip()})
        log(f"  {xlsx.name}: {n_orders} orders; {order_id} has tracking number {file_tracking}")

        # The Orders tab.
        self.to_library()
        self.show_list()
        self.need("library-tab-orders")
        wd.find(tid("library-tab-orders")).click()
        wait_for(lambda: self.view() == "orders", 5, 0.05,
                 f"<html data-view=orders> after clicking {tid('library-tab-orders')} (view is {self.view()!r})")
        self.need("orders-path", "orders-format", "orders-preview", "orders-import", "orders-search")
        fmt = wd.find(tid("orders-format"))
        check_eq(fmt.value, "auto", f"{tid('orders-format')} at first")

        # Preview: detected as Shopee, the order among the rows.
        path = wd.find(tid("orders-path"))
        path.click()
        path.clear()
        path.send_keys(str(xlsx))
        wd.find(tid("orders-preview")).click()
        try:
            detected = wd.wait_text(tid("orders-detected"), lambda t: bool(t.strip()), 10,
                                    f"the preview's {tid('orders-detected')}")
        except E2EError as e:
            status = wd.find_or_none(".orders-import .dialog-status")
            raise E2EError(f"{e}; the import's status line says {status.text if status else None!r}") from None
        check("Shopee" in detected, f"{tid('orders-detected')} should name the Shopee format: {detected!r}")
        table = wd.find_or_none(tid("orders-preview-table"))
        # textContent, not WebDriver's element text: WebKitWebDriver leaves out a table cell's
        # bare text nodes (ids, numbers, dates) and keeps only its child elements' text.
        table_text = (table.prop("textContent") or "") if table is not None else ""
        check(order_id in table_text,
              f"the preview table {tid('orders-preview-table')} should list {order_id}: "
              f"{table_text[:400] if table else 'no table'!r}")
        self.shot("d-preview")

        # Import: the summary.
        wd.wait_enabled(tid("orders-import"), True, 3).click()
        summary_css = tid("orders-summary") + " .summary-line"
        try:
            line = wd.wait_text(summary_css, lambda t: bool(re.search(r"\d", t)), 15, f"the import summary {summary_css}")
        except E2EError as e:
            status = wd.find_or_none(".orders-import .dialog-status")
            raise E2EError(f"{e}; the import's status line says {status.text if status else None!r}") from None
        summary = wd.find(tid("orders-summary")).text
        log(f"  summary: {' | '.join(summary.splitlines())}")
        imported = int(re.search(r"(\d+)", line).group(1))
        check_eq(imported, n_orders, f"orders imported according to {summary_css} ({line!r})")
        check("Shopee" in summary, f"{tid('orders-summary')} should name the format used (Shopee): {summary!r}")
        stored = self.cli_json("orders", "show", order_id, "--json")
        tracking = stored.get("tracking_number")
        check_eq(tracking, file_tracking, f"tracking number of {order_id} in the database")
        check_eq(stored.get("marketplace"), "shopee", f"marketplace of {order_id} in the database")
        self.shot("d-imported")

        # Find it and use it in the palette.
        search = wd.find(tid("orders-search"))
        search.click()
        search.clear()
        search.send_keys(order_id)
        row_css = tid(f"orders-row-{order_id}")
        try:
            row = wd.wait_css(row_css, 5, f"the search result {row_css}")
        except E2EError as e:
            rows_seen = [r.attribute("data-testid") for r in wd.find_all('[data-testid^="orders-row-"]')]
            raise E2EError(f"{e}; result rows: {rows_seen}") from None
        row.click()
        wd.wait_text(tid("orders-detail") + ' [data-field="tracking_number"]', lambda t: t.strip() == tracking, 5,
                     f"the detail panel's tracking_number to be {tracking}")
        # The import's library-changed event re-renders the search and its detail panel: a
        # button found just before that is gone, so find it again and retry.
        for attempt in range(10):
            try:
                wd.wait_enabled(tid("orders-activate"), True, 3).click()
                break
            except E2EError as e:
                if "stale element" not in str(e) or attempt == 9:
                    raise
                time.sleep(0.2)

        def active_id():
            e = wd.find_or_none(tid("orders-active-id"))
            return e.text.strip() if e is not None else None

        wait_equal(active_id, order_id, 5, f"the active order shown in {tid('orders-active-id')}")
        self.shot("d-active")

        # The palette fills "Tracking number" (tracking-number, { $tracking_number }) with it.
        before = "hello before"  # no order id: the active order is the one used
        s.clear_console()
        s.set_clipboard(before)
        n = s.app_log_text().count("pasted tracking-number (")
        s.open_palette()
        s.xdotool("type", "--delay", "30", "tracking number")
        wd.switch_to_window(self.palette_handle)

        def preview_with_tracking():
            sel = wd.find_or_none(".row.selected")
            prev = wd.find_or_none(".preview-text")
            # textContent: WebKitWebDriver's element text leaves out bare text nodes.
            return (sel.prop("textContent") or "" if sel else "", prev.prop("textContent") or "" if prev else "")

        try:
            wait_for(lambda: tracking in preview_with_tracking()[1], 5, 0.05,
                     f"the palette's preview to hold the active order's tracking number {tracking}")
        except E2EError as e:
            sel, prev = preview_with_tracking()
            raise E2EError(f"{e}; selected row {sel!r}, preview {prev!r} (is the active order passed to the "
                           f"palette's context when the clipboard names no order?)") from None
        sel, prev = preview_with_tracking()
        check("tracking" in sel.lower() or "tracking-number" in sel,
              f"the selected palette result should be the starter reply 'Tracking number': {sel!r}")
        s.xdotool("key", "Return")
        # Values nothing provides (a Shopee export has no tracking_url): type one into each field
        # the form asks for (Enter moves on; Enter on the last pastes). An unreviewed variant
        # asks for a confirmation: Enter again.
        filled: list[str] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not s.console_text():
            if not s.palette_viewable():
                time.sleep(0.1)
                continue
            try:
                focused = wd.active_element()
                name = focused.attribute("data-name") if focused.prop("tagName") == "INPUT" else None
                confirming = wd.exists(".row.confirming")
            except WebDriverError:
                time.sleep(0.1)
                continue
            if name and not focused.value:
                s.xdotool("type", "--delay", "20", f"e2e-{name}")
                filled.append(name)
                s.xdotool("key", "Return")
            elif confirming:
                s.xdotool("key", "Return")
            time.sleep(0.25)
        if filled:
            log(f"  values typed into the palette's form: {', '.join(filled)}")
        try:
            s.wait_console_change("", timeout=5)
        except E2EError:
            raise E2EError(f"nothing arrived in Chromium's textarea (values typed: {filled}; palette viewable: "
                           f"{s.palette_viewable()})") from None
        time.sleep(0.15)
        text = s.console_text()
        check(tracking in text, f"the pasted text should contain {order_id}'s tracking number {tracking}: {text!r}")
        check(order_id in text, f"the pasted text should contain the order id {order_id}: {text!r}")
        wait_for(lambda: s.app_log_text().count("pasted tracking-number (") > n, 2, 0.02,
                 "app log line 'pasted tracking-number (…) into …'")
        log(f"  pasted: {text!r}")

        # Leave no active order behind.
        self.to_library()
        clear = wd.find_or_none(tid("orders-active-clear"))
        if clear is not None:
            clear.click()
            wd.wait_gone(tid("orders-active-id"), 5, "the active order to clear")
        self.shot("d-done")

    def case_t_team_sync_between_two_apps(self) -> None:
        """Two running apps (two data directories) share one bare git repository: a reply saved
        in this app's library window goes out by itself after the save, the other app pulls it
        on its own timer, and its palette pastes it into Chromium."""
        s, wd = self.s, self.wd
        bare = s.tmp / "team.git"
        subprocess.run(["git", "init", "--bare", "-q", "-b", "main", str(bare)], check=True, timeout=30)
        s.cli("team", "init", str(bare))
        db_b = s.tmp / "lib-b" / "library.sqlite3"
        db_b.parent.mkdir(parents=True)

        def cli_b(*args: str) -> str:
            r = subprocess.run([str(s.bin), "--db", str(db_b), *args], env={**s.env, "DISPLAY": ""},
                               capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                raise E2EError(f"quickreply --db B {' '.join(args)} failed ({r.returncode}): {r.stderr.strip()}")
            return r.stdout
        cli_b("team", "join", str(bare))
        # Shop variables are each desktop's own (never in the repository): with the shop's
        # name set, the second app does not open its first-run setup over the test.
        cli_b("vars", "set", "shop_name", "Desert Rose")
        # Settings → Team → "Sync every 1 minute" in the other app, stored before it starts.
        with sqlite3.connect(db_b) as db:
            db.execute("INSERT OR REPLACE INTO settings (name, value) VALUES ('team.sync_minutes', '1')")
        log_b = s.tmp / "app-b.log"
        with open(log_b, "wb") as f:
            app_b = subprocess.Popen([str(s.bin)], env={**s.env, "QUICKREPLY_DB": str(db_b)},
                                     stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        s.procs["app-b"] = app_b
        b_status = lambda: json.loads(cli_b("team", "status", "--json"))  # noqa: E731
        first = wait_for(lambda: b_status().get("last_sync"), 30, 0.5, "the other app's first sync")

        # Write a new reply in this app's library window and save it.
        marker = f"Shared by the team {int(time.time()) % 100000}"
        self.to_library()
        self.show_list()
        wd.chord(Keys.CONTROL, "n")
        title = wd.wait_css(tid("editor-title"), 5, "the editor after Ctrl+N")
        title.click()
        title.send_keys("Team sync check")
        key = wd.find(tid("editor-key"))
        wait_equal(lambda: key.value, "team-sync-check", 5, "the key suggested from the title")
        cm = wd.find(tid("editor-text-en") + " .cm-content")
        cm.click()
        cm.send_keys(marker)
        wait_equal(lambda: cm.text.strip(), marker, 3, "the editor to hold the text")
        wd.wait_enabled(tid("editor-save"), True, 5).click()
        self.wait_row("team-sync-check")

        def pushed():
            r = subprocess.run(["git", "--git-dir", str(bare), "show", "main:en.ftl"],
                               capture_output=True, text=True, timeout=30)
            return r.returncode == 0 and marker in r.stdout
        wait_for(pushed, 60, 0.5, "the saved reply to reach the team repository (sync after save)")
        log("  pushed to the team repository by the app after the save")

        def pulled():
            return b_status().get("last_sync") != first and any(
                t["key"] == "team-sync-check" for t in json.loads(cli_b("templates", "list", "--json")))
        wait_for(pulled, 150, 1, "the other app to pull the reply on its timer (every minute)")
        log("  pulled by the other app")

        # The other app's palette finds the reply and pastes it into Chromium.
        s.clear_console()
        s.set_clipboard("clipboard before")
        cli_b("palette")
        wait_for(lambda: s.palette_active(), 10, 0.05, "the other app's palette to be active")
        s.xdotool("type", "--delay", "30", "team sync check")
        time.sleep(0.6)
        s.xdotool("key", "Return")
        text = s.wait_console_change("", timeout=10)
        time.sleep(0.15)
        check_eq(s.console_text(), marker, "the text the other app pasted")
        # The log line comes once the clipboard is restored (see the gift-wrap case).
        wait_for(lambda: b"pasted team-sync-check (en)" in log_b.read_bytes(), 5, 0.05,
                 "the paste came from another app than the second one (no 'pasted team-sync-check' in its log)")
        wait_for(lambda: s.clipboard() == "clipboard before", 3, 0.1, "clipboard restore")
        log(f"  pasted by the other app: {text!r}")

    def case_x_hostile_text_is_shown_as_text_in_every_window(self) -> None:
        """XSS payloads (<img onerror>, <script>, javascript: URLs, an <iframe srcdoc>), bidi
        override characters and a 10 000-character line in a template's title, category, tags,
        shortcut, text and example questions, its Arabic translation waiting for review, an
        order's fields and extra columns, buyer messages, the copied buyer message, provider
        fields and shop variables. Every window is opened on them: the library's list and
        editor, Orders, Insights, the palette, review and Settings. In each: no handler ran (no
        window.__xss* global), no payload became an element or attribute, the text is shown as
        text, the CSP reported no violation while the window was driven (a probe proves the
        listener hears them), and the window's own content is there."""
        s = self.s
        self.plant_hostile_text()
        try:
            self.x_library()
            self.x_orders()
            self.x_insights()
            self.x_palette()
            self.x_review()
            self.x_settings()
        finally:
            s.cli("vars", "set", "shop_name", "Desert Rose", check=False)

    def x_library(self) -> None:
        wd = self.wd
        self.to_library()
        self.show_list()
        # The window loaded its list before the CLI wrote the payloads, and the running app
        # hears of CLI changes only when it loads them again: load the page again, as a newly
        # opened library window does.
        wd.refresh()
        wait_for(lambda: wd.execute("const d = document.documentElement.dataset; "
                                    "return d.window === 'library' && d.view === 'list'"),
                 15, 0.1, "the library window's list after reloading its page")
        self.listen_csp("library window")
        search = wd.wait_css("#lib-q", 10, "the library's search box")
        search.click()
        search.send_keys("hostile")
        self.wait_row(XSS_KEY)
        row_js = f"return document.querySelector('{tid('library-row-' + XSS_KEY)}').textContent"
        self.shown_text("library list row", {k: XSS[k] for k in ("title", "category", "shortcut")}, row_js)
        self.shot("x-library-list")

        self.click_fresh(tid("library-row-" + XSS_KEY))
        wd.press(Keys.ENTER)
        title = wd.wait_css(tid("editor-title"), 10, "the editor on the hostile reply")
        wait_equal(lambda: title.value, XSS["title"], 10, f"{tid('editor-title')} value (the title as text)")
        fields = wd.execute("const v = (id) => document.getElementById(id).value; "
                            "return {category: v('ed-category'), tags: v('ed-tags'), shortcut: v('ed-shortcut'), "
                            "examples: v('ed-examples')}")
        check_eq(fields["category"], XSS["category"], "the category field")
        check_eq(fields["shortcut"], XSS["shortcut"], "the shortcut field")
        check_eq(fields["examples"], "\n".join(XSS["examples"]), "the example questions field")
        check(all(t in fields["tags"] for t in XSS["tags"]), f"the tags field {fields['tags']!r} lacks {XSS['tags']}")

        def cm_text(locale: str) -> str:
            return wd.execute("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''",
                              tid(f"editor-text-{locale}") + " .cm-content")

        long = long_line()
        en_needles = {f"text part {i + 1}": p for i, p in enumerate(text_pieces(XSS["text"]))}
        en_needles["the 10 000-character line"] = long
        wait_for(lambda: all(n in cm_text("en") for n in en_needles.values()), 10, 0.1,
                 "the English text in its CodeMirror editor")
        ar_needles = {f"Arabic part {i + 1}": p for i, p in enumerate(text_pieces(XSS["ar"]))}
        self.shown_text("the library editor's Arabic text", ar_needles,
                        f"const e = document.querySelector({json.dumps(tid('editor-text-ar') + ' .cm-content')}); "
                        "return e ? e.textContent : ''")

        # The previews: shop variables (sample order first), then the hostile order picked.
        preview_js = ("return Array.from(document.querySelectorAll('.lib-editor .preview-box'))"
                      ".map(e => e.textContent).join('\\n')")
        try:
            wait_for(lambda: XSS["shop_name"] in wd.execute(preview_js), 10, 0.1, "the preview with the shop's name")
        except E2EError as e:
            raise E2EError(f"{e}; previews: {wd.execute(preview_js)[:400]!r}") from None
        picker = wd.find("#order-q")
        picker.click()
        picker.send_keys(XSS_ORDER)
        wait_for(lambda: XSS["buyer"] in wd.execute(
            "const l = document.getElementById('order-list'); return l && !l.hidden ? l.textContent : ''"),
            10, 0.1, f"{XSS_ORDER} with its buyer in the editor's order picker")
        wd.press(Keys.ENTER)
        try:
            wait_for(lambda: XSS["buyer"] in wd.execute(preview_js), 10, 0.1, f"the preview filled from {XSS_ORDER}")
        except E2EError as e:
            raise E2EError(f"{e}; previews: {wd.execute(preview_js)[:400]!r}") from None
        self.shown_text("the library editor's preview", {
            "buyer_name": XSS["buyer"], "shop_name": XSS["shop_name"], "signature": XSS["signature"],
            **{k: v for k, v in en_needles.items() if k.startswith("text part")}}, preview_js)
        self.shown_text("the order chip", {"buyer_name": XSS["buyer"]},
                        "const e = document.querySelector('.lib-editor .order-chip'); return e ? e.textContent : ''")
        check(wd.execute(CM_THEME_APPLIED_JS), "CodeMirror's runtime <style> (with the CSP nonce) has no rules applied")
        self.hostile_state("library editor", ["editor-title", "editor-text-en", "editor-text-ar", "editor-save"])
        self.shot("x-library-editor")
        self.show_list()

    def x_orders(self) -> None:
        wd = self.wd
        wd.find(tid("library-tab-orders")).click()
        wait_for(lambda: self.view() == "orders", 5, 0.05, "the Orders view")
        search = wd.wait_css(tid("orders-search"), 5)
        search.click()
        search.clear()
        search.send_keys(XSS_ORDER)
        wd.wait_css(tid(f"orders-row-{XSS_ORDER}"), 10, f"the search result {XSS_ORDER}")
        self.click_fresh(tid(f"orders-row-{XSS_ORDER}"))
        field_js = ("const d = document.querySelector('[data-testid=\"orders-detail\"]'); if (!d) return null; "
                    "const e = Array.from(d.querySelectorAll('dd')).find(e => e.dataset.field === arguments[0]); "
                    "return e ? e.textContent : null")
        wait_equal(lambda: wd.execute(field_js, "buyer_name"), XSS["buyer"], 10, "the detail panel's buyer_name")
        for field, key in [("items", "items"), ("product_name", "items"), ("carrier", "carrier"),
                           ("tracking_url", "tracking_url"), ("gift_note", "gift_note"), (XSS["raw_key"], "raw_value")]:
            check_eq(wd.execute(field_js, field), XSS[key], f"the detail panel's {field}")
        self.shown_text("the order's row and detail panel", {"buyer_name": XSS["buyer"], "items": XSS["items"],
                                                           "an extra column's name": XSS["raw_key"]})
        self.hostile_state("Orders view", ["orders-search", "orders-detail", f"orders-row-{XSS_ORDER}", "orders-activate"])
        self.shot_hovering("x-orders", LIBRARY_TITLE)
        wd.execute("document.querySelector('[data-testid=\"orders-detail\"] [data-field=\"tracking_url\"]')"
                   ".scrollIntoView({block: 'start'})")
        self.shot_hovering("x-orders-detail", LIBRARY_TITLE)

    def x_insights(self) -> None:
        wd = self.wd
        wd.find(tid("library-tab-insights")).click()
        wait_for(lambda: self.view() == "insights", 5, 0.05, "the Insights view")
        # The topics (each shows up to three of its messages and the reply used most for them).
        topics_js = ("return Array.from(document.querySelectorAll('[data-testid^=\"insights-topic-\"], "
                     "[data-testid^=\"insights-unanswered-\"]')).map(e => e.textContent).join('\\n')")
        try:
            wait_for(lambda: "antarctic" in wd.execute(topics_js), 60, 0.3,
                     "the buyer messages' topic in the Insights tab (the report runs `quickreply insights`)")
        except E2EError as e:
            body = wd.find_or_none(tid("insights-body"))
            raise E2EError(f"{e}; the tab shows {body.prop('textContent')[:500] if body else None!r}") from None
        needles = {f"message {i + 1}": m for i, m in enumerate(XSS["messages"])}
        needles["the reply used for them (title)"] = XSS["title"]
        self.shown_text("the Insights topics", needles, topics_js)
        self.shown_text("the Insights tab's most used replies", {"title": XSS["title"]},
                        f"return document.querySelector('{tid('insights-body')}').textContent")
        self.hostile_state("Insights view", ["insights-view", "insights-body", "insights-refresh"])
        self.shot_hovering("x-insights", LIBRARY_TITLE)
        wd.find(tid("library-tab-replies")).click()
        self.show_list()
        box = wd.find_or_none("#lib-q")
        if box is not None and box.value:
            box.click()
            wd.press(Keys.ESCAPE)

    def x_palette(self) -> None:
        s, wd = self.s, self.wd
        if not self.palette_handle:
            self.find_windows()
        # The palette's webview lives hidden: listen before the hotkey shows it.
        wd.switch_to_window(self.palette_handle)
        self.listen_csp("palette")
        s.focus_console()
        s.set_clipboard(XSS["clipboard"])
        s.open_palette()
        s.xdotool("type", "--delay", "30", "hostile")
        preview_js = "const e = document.querySelector('.preview-text'); return e ? e.textContent : ''"
        selected_js = "const e = document.querySelector('.row.selected'); return e ? e.textContent : ''"
        try:
            wait_for(lambda: XSS["title"] in wd.execute(selected_js) and XSS["buyer"] in wd.execute(preview_js), 10, 0.05,
                     f"the palette's preview of {XSS_KEY} for {XSS_ORDER} (the copied message names it)")
        except E2EError as e:
            raise E2EError(f"{e}; selected row {wd.execute(selected_js)!r}, "
                           f"preview {wd.execute(preview_js)[:300]!r}") from None
        needles = {f"text part {i + 1}": p for i, p in enumerate(text_pieces(XSS["text"]))}
        needles.update({"buyer_name": XSS["buyer"], "shop_name": XSS["shop_name"], "signature": XSS["signature"],
                        "the 10 000-character line": long_line()})
        self.shown_text("the palette's preview", needles, preview_js)
        self.shown_text("the palette's selected row", {"title": XSS["title"], "category": XSS["category"]}, selected_js)
        self.shown_text("the palette's chips", {"the copied message": XSS["clipboard"], "buyer_name": XSS["buyer"]},
                        "const e = document.querySelector('.chips') || document.body; return e.textContent")
        self.hostile_state("palette", ["palette-message"], [".preview-text", ".row.selected"])
        self.shot("x-palette")
        s.xdotool("key", "Escape")
        wait_for(lambda: not s.palette_viewable(), 5, 0.05, "the palette to hide on Escape")

    def x_review(self) -> None:
        wd = self.wd
        self.second_launch("review", "open")
        self.handle_of("review")
        self.listen_csp("review window")
        row = wait_for(lambda: wd.execute(
            "return Array.from(document.querySelectorAll('#review-list .review-row'))"
            ".find(r => r.textContent.includes(arguments[0])) || null", XSS_KEY), 15, 0.1,
            f"{XSS_KEY} (ar) in the review queue")
        row.click()
        editor_js = "const e = document.querySelector('#editor .cm-content'); return e ? e.textContent : ''"
        ar_needles = {f"Arabic part {i + 1}": p for i, p in enumerate(text_pieces(XSS["ar"]))}
        try:
            wait_for(lambda: all(n in wd.execute(editor_js) for n in ar_needles.values()), 10, 0.1,
                     "the Arabic translation in the review editor")
        except E2EError as e:
            raise E2EError(f"{e}; the editor holds {wd.execute(editor_js)[:300]!r}") from None
        self.shown_text("the review queue's row", {"title": XSS["title"]},
                        "const e = document.querySelector('#review-list .review-row[aria-selected=\"true\"]') || "
                        "document.getElementById('review-list'); return e.textContent")
        self.shown_text("the review head", {"title": XSS["title"]},
                        "const e = document.querySelector('.review-title'); return e ? e.textContent : ''")
        self.shown_text("the review's provider and problem", {"provider": XSS["provider_name"], "problem": XSS["problem"]},
                        "return Array.from(document.querySelectorAll('.review-meta, .problem-box'))"
                        ".map(e => e.textContent).join('\\n')")
        source = {f"source part {i + 1}": p for i, p in enumerate(text_pieces(XSS["text"]))}
        source["the 10 000-character line"] = long_line()
        self.shown_text("the review's source text", source,
                        "const e = document.querySelector('.source-body'); return e ? e.textContent : ''")
        preview_js = "return Array.from(document.querySelectorAll('.preview-box')).map(e => e.textContent).join('\\n')"
        try:
            wait_for(lambda: XSS["shop_name"] in wd.execute(preview_js), 10, 0.1, "the review previews with the shop's name")
        except E2EError as e:
            raise E2EError(f"{e}; previews: {wd.execute(preview_js)[:400]!r}") from None
        self.shown_text("the review previews", {"shop_name": XSS["shop_name"], **ar_needles}, preview_js)
        check(wd.execute(CM_THEME_APPLIED_JS), "CodeMirror's runtime <style> (with the CSP nonce) has no rules applied")
        self.hostile_state("review window", css=["#review-list", "#editor .cm-content", ".review-title"])
        self.shot("x-review")
        self.hide_x_window("QuickReply — Review translations")

    def x_settings(self) -> None:
        wd = self.wd
        self.second_launch()  # a second plain launch opens the running instance's Settings
        self.handle_of("settings")
        self.listen_csp("settings window")
        wd.wait_css(tid("settings-retention"), 15, "the settings form")
        providers_js = "const e = document.querySelector('.provider-list'); return e ? e.textContent : ''"
        wait_for(lambda: "hostile-llm" in wd.execute(providers_js), 15, 0.1, "the providers in Settings → Translation")
        self.shown_text("Settings → Translation", {"provider name": XSS["provider_name"]}, providers_js)

        def fields_hold_payloads(when: str) -> None:
            values = self.field_values()
            missing = [k for k in ("shop_name", "signature", "var_gift_note", "model", "glossary", "provider_name")
                       if XSS[k] not in values]
            if missing:
                raise E2EError(f"settings window ({when}): not shown as field values: {missing}; the values: "
                               f"{[v[:60] for v in values]}")

        fields_hold_payloads("as opened")
        # Save it unchanged (Ctrl+S): the backend stores the form and the form is built again
        # from its answer, now with the listener in place; the variables come back as they were.
        wd.chord(Keys.CONTROL, "s")
        wd.wait_css(".save-status.status-ok", 10, "Settings saved (Ctrl+S), its form built again")
        fields_hold_payloads("after saving")
        stored = dict(line.split("=", 1) for line in self.s.cli("vars", "list").splitlines() if "=" in line)
        check_eq({k: stored.get(k) for k in ("shop_name", "signature", "gift_note")},
                 {"shop_name": XSS["shop_name"], "signature": XSS["signature"], "gift_note": XSS["var_gift_note"]},
                 "the shop variables stored after saving Settings")
        self.hostile_state("settings window", ["settings-retention"], [".provider-list"])
        wd.execute("document.getElementById('sec-vars').scrollIntoView({block: 'start'})")
        self.shot_hovering("x-settings-vars", "QuickReply Settings")
        wd.execute("document.querySelector('.provider-list').scrollIntoView({block: 'start'})")
        self.shot_hovering("x-settings-providers", "QuickReply Settings")
        self.hide_x_window("QuickReply Settings")


CASES = [
    ("s", "smoke: the library window through WebDriver", Cases.case_s_smoke),
    ("i", "insights: topics, an unanswered one becomes a new reply with its messages as examples",
     Cases.case_i_insights_topics_and_a_new_reply_from_them),
    ("a", "write a reply, fix its syntax error, save, paste it from the palette", Cases.case_a_write_fix_save_paste),
    ("b", "delete → undo; delete → restore from Recently deleted", Cases.case_b_delete_undo_restore),
    ("c", "import an Espanso match file through the dialog", Cases.case_c_import_espanso),
    ("d", "import a Shopee XLSX in the Orders view, paste its tracking number from the palette",
     Cases.case_d_orders_view_active_order),
    ("t", "two running apps share one git repository: saved in one, pasted from the other's palette",
     Cases.case_t_team_sync_between_two_apps),
    # Last: it reloads the library window's page and leaves hostile replies, orders and providers.
    ("x", "hostile text (XSS, bidi, a 10 000-character line) is shown as text in every window",
     Cases.case_x_hostile_text_is_shown_as_text_in_every_window),
]


def recover(cases: Cases) -> None:
    """After a failure: close the palette if open, leave dialogs, back to the library list."""
    s, wd = cases.s, cases.wd
    try:
        if s.palette_active():
            s.xdotool("key", "Escape")
            time.sleep(0.3)
        if cases.library_handle:
            cases.to_library()
            for _ in range(3):
                if cases.view() == "list" and not wd.exists("[role=dialog]:not([hidden])"):
                    break
                if cases.view() == "orders" and wd.exists(tid("library-tab-replies")):
                    wd.find(tid("library-tab-replies")).click()
                    time.sleep(0.3)
                    continue
                wd.execute("document.activeElement && document.activeElement.blur()")
                wd.press(Keys.ESCAPE)
                time.sleep(0.3)
    except Exception as e:  # noqa: BLE001
        log(f"  (recovery failed: {e})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, type=Path, help="the quickreply binary")
    ap.add_argument("--cases", default="", help="letters of the cases to run (default: all), e.g. sa")
    ap.add_argument("--keep", action="store_true", help="keep the temporary session directory")
    args = ap.parse_args()
    install_sigterm_handler()

    selected = [c for c in CASES if not args.cases or c[0] in args.cases]
    passed = failed = 0
    t_all = time.monotonic()
    try:
        with LibrarySession(args.bin, keep=args.keep) as ls:
            cases = Cases(ls)
            for letter, name, fn in selected:
                t = time.monotonic()
                try:
                    fn(cases)
                    passed += 1
                    log(f"PASS {letter}. {name} ({time.monotonic() - t:.1f}s)")
                except Exception as e:  # noqa: BLE001
                    failed += 1
                    log(f"FAIL {letter}. {name} ({time.monotonic() - t:.1f}s): {e}")
                    if not isinstance(e, E2EError):
                        traceback.print_exc()
                    if cases.library_handle:
                        try:
                            cases.wd.switch_to_window(cases.library_handle)
                        except Exception:  # noqa: BLE001
                            pass
                    cases.shot(f"{letter}-failed")
                    shot = ls.s.screenshot(f"library-{letter}-screen")
                    if shot:
                        log(f"  screen: {shot}")
                    log("  app log (tail):\n    " + "\n    ".join(ls.s.app_log_text().splitlines()[-12:]))
                    recover(cases)
    except KeyboardInterrupt:
        log("interrupted")
        failed += 1
    except Exception as e:  # noqa: BLE001 - session set-up failed
        log(f"ERROR setting up the session: {e}")
        if not isinstance(e, E2EError):
            traceback.print_exc()
        failed += max(1, len(selected) - passed)
    log(f"total {time.monotonic() - t_all:.1f}s")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed == len(selected) else 1


if __name__ == "__main__":
    sys.exit(main())
