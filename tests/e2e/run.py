#!/usr/bin/env python3
"""End-to-end tests of the QuickReply desktop app on a private X server.

    python3 tests/e2e/run.py --bin target/release/quickreply

Starts Xvfb + openbox + a Chromium "seller console" (one textarea) + the app on a temporary
library, then drives it like a user: hotkey, type a query, Enter, and checks the exact text
that lands in the textarea (expected texts come from `quickreply render` with the same
inputs) and that the clipboard is restored. Cases k-o paste a multi-line reply into other
targets (targets.py): a contenteditable chat box (in case o one whose paste handler is busy for
300 ms: a known app bug), a textarea and an input inside an iframe, a React-style controlled
textarea, and a GTK text view (gtk_target.py). Exits non-zero on any failure; the last line is
`N passed, M failed`. Screenshots of failures go to tests/out/.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import E2EError, Session, install_sigterm_handler, log, wait_for  # noqa: E402
from targets import (  # noqa: E402
    CHAT_BOXES_HTML, IFRAME_HTML, REACT_HTML, BrowserTarget, GtkTarget,
)

ARABIC = re.compile(r"[\u0600-\u06FF]")

# Cases k-o: the three-line reply of session.py's test pack, found by its title.
MULTI_LINE_KEY, MULTI_LINE_QUERY = "multi-line", "multi-line note"
# Where a click lands in the target pages' fields (screen coordinates; Chromium's window is at
# 0,0, 1000x700, its page area from y ~90, or ~145 under the --no-sandbox bar): the upper part
# of every page, and the lower part of the iframe page, where its <input> is.
CLICK_UPPER, CLICK_LOWER = ("200", "280"), ("200", "600")


def check(cond: bool, message: str) -> None:
    if not cond:
        raise E2EError(message)


def check_eq(actual, expected, what: str) -> None:
    if actual != expected:
        raise E2EError(f"{what}:\n    expected {expected!r}\n    actual   {actual!r}")


class Cases:
    def __init__(self, s: Session):
        self.s = s
        self._chat: BrowserTarget | None = None

    def chat_page(self) -> BrowserTarget:
        """The page with the two chat boxes (cases k and o), in front. It is opened once per
        session and kept: see chat_boxes_html for why."""
        if self._chat is None:
            page = BrowserTarget(self.s, "chat-boxes", CHAT_BOXES_HTML)
            self._chat = page.__enter__()
        else:
            self._chat.show()
        return self._chat

    def close(self) -> None:
        if self._chat is not None:
            self._chat.close()

    # -- shared steps -----------------------------------------------------------------------

    def prepare(self, clipboard: str) -> None:
        """Empty textarea focused in Chromium, clipboard set."""
        self.s.clear_console()
        self.s.set_clipboard(clipboard)

    def query(self, text: str) -> None:
        self.s.open_palette()
        self.s.xdotool("type", "--delay", "30", text)
        time.sleep(0.4)  # results are searched as you type

    def pasted_count(self, key: str, locale: str) -> int:
        return self.s.app_log_text().count(f"pasted {key} ({locale}) into")

    def expect_paste(self, expected: str, clipboard_before: str, key: str, locale: str, log_before: int) -> str:
        text = self.s.wait_console_change("", timeout=5)
        # A long text may arrive in more than one title update: wait until it is stable.
        time.sleep(0.15)
        text = self.s.console_text()
        check_eq(text, expected, "textarea text")
        self.check_after_paste(clipboard_before, key, locale, log_before, self.s.chromium_win, "Chromium")
        return text

    def check_after_paste(self, clipboard_before: str, key: str, locale: str, log_before: int, window: int,
                          name: str) -> None:
        """The app's log line, the clipboard back to what it was, the target active again.

        The log line comes once the paste is over, clipboard restored. Only then is the clipboard
        read: the app restores it once the target has stopped reading the reply, and reading it
        here every few milliseconds meanwhile would look like a target still reading."""
        wait_for(lambda: self.pasted_count(key, locale) > log_before, 5, 0.05,
                 f"app log line 'pasted {key} ({locale}) into ...'")
        restored = lambda: self.s.clipboard() == clipboard_before  # noqa: E731
        try:
            wait_for(restored, 2, 0.1, "clipboard restore")
        except E2EError:
            raise E2EError(f"clipboard not restored: expected {clipboard_before!r}, got {self.s.clipboard()!r}")
        check(self.s.x.active_window() == window,
              f"{name} is not the active window after the paste (active: {self.s.active_name()!r})")

    def multi_line_expected(self) -> str:
        expected = self.s.render(MULTI_LINE_KEY)
        check(expected == "Hello,\nthank you for your patience.\nThe Desert Rose team",
              f"render of {MULTI_LINE_KEY} looks wrong: {expected!r}")
        return expected

    def paste_into_target(self, target, field: str, expected: str, clipboard_before: str, key: str, query: str,
                          window: int, name: str) -> dict:
        """Clipboard set, the hotkey over the focused `target`, `query`, Enter: the target's own
        reading of its text (`state[field]`) must be exactly `expected` once it is stable, the
        clipboard back to `clipboard_before`. Returns the target's state."""
        s = self.s
        s.set_clipboard(clipboard_before)
        before = target.wait_state(lambda _st: True, 5, f"the {name}'s state")[field]
        n = self.pasted_count(key, "en")
        self.query(query)
        s.xdotool("key", "Return")
        target.wait_state(lambda st: st[field] != before, 5, f"text to arrive in the {name}")
        state = target.stable_state(field)
        check_eq(state[field], expected, f"the {name}'s text ({field}); its state {state}")
        self.check_after_paste(clipboard_before, key, "en", n, window, name)
        return state

    def focus_page_field(self, page: BrowserTarget, at: tuple[str, str], where: dict) -> None:
        """Chromium active, a click into a field of the target page; `where` (keys and values
        of the page's state) says where focus must then be."""
        s = self.s
        s.activate(s.chromium_win)
        wait_for(lambda: s.x.active_window() == s.chromium_win, 5, what="Chromium active")
        s.xdotool("mousemove", *at, "click", "1")
        page.wait_state(lambda st: all(st.get(k) == v for k, v in where.items()) and st["hasFocus"], 5,
                        f"focus in the {page.name} page at {where}")

    def control_paste(self, page: BrowserTarget, field: str, name: str) -> None:
        """A paste without the app into the focused chat box (xclip owns the clipboard, xdotool
        presses Ctrl+V), then the box emptied again. If this fails, Chromium itself drops the
        paste here and the case cannot judge the app."""
        s = self.s
        s.set_clipboard("control paste")
        s.xdotool("key", "ctrl+v")
        page.wait_state(lambda st: st[field] == "control paste", 5,
                        f"the control paste (xclip + Ctrl+V, no app) in the {name}")
        s.xdotool("key", "ctrl+a", "BackSpace")
        page.wait_state(lambda st: st[field].strip() == "", 5, f"the {name} to be empty again")

    # -- the cases --------------------------------------------------------------------------

    def case_a_plain_reply(self) -> None:
        """No order, no missing value: English text pasted as is, clipboard restored."""
        s = self.s
        expected = s.render("plain-thanks")
        check("within 24 hours" in expected, f"render of plain-thanks looks wrong: {expected!r}")
        before = "hello before"
        self.prepare(before)
        n = self.pasted_count("plain-thanks", "en")
        self.query("plain thanks")
        s.xdotool("key", "Return")
        text = self.expect_paste(expected, before, "plain-thanks", "en", n)
        check(text == "Thank you for your message, we will answer within 24 hours.", f"literal text: {text!r}")

    def case_g_copied_message_sets_the_language(self) -> None:
        """Copied text without an order id is the buyer's message: its language is the target."""
        s = self.s
        expected = s.render("plain-thanks", "--lang", "ru")
        check("Спасибо" in expected, f"render of plain-thanks in ru looks wrong: {expected!r}")
        before = "Здравствуйте! Когда будет доставка моего заказа? Жду уже две недели."
        self.prepare(before)
        n = self.pasted_count("plain-thanks", "ru")
        s.open_palette()
        # Detection runs in a child process after the palette shows; wait for its answer.
        wait_for(lambda: "buyer message language: ru" in s.app_log_text(), 5, 0.05, "language detection")
        s.xdotool("type", "--delay", "30", "plain thanks")
        time.sleep(0.4)
        s.xdotool("key", "Return")
        self.expect_paste(expected, before, "plain-thanks", "ru", n)

    def case_j_suggested_reply_for_an_arabic_message(self) -> None:
        """An Arabic "where is my order" on the clipboard: the palette suggests the reply (the
        multilingual model, in its helper process) and Enter pastes it, in Arabic."""
        s = self.s
        expected = s.render("where-is-my-order", "--order", "A-1001")
        before = "السلام عليكم، وين طلبي A-1001؟ صار لي أسبوعين أنتظر ولم يصل"
        self.prepare(before)
        n = self.pasted_count("where-is-my-order", "ar")
        log_before = s.app_log_text().count("suggestions for the copied message: where-is-my-order")
        s.open_palette()
        wait_for(
            lambda: s.app_log_text().count("suggestions for the copied message: where-is-my-order") > log_before,
            30, 0.1, "the suggestion 'where-is-my-order' first for the Arabic message")
        time.sleep(0.5)  # the palette fetches and shows the suggestions
        s.xdotool("key", "Return")
        text = self.expect_paste(expected, before, "where-is-my-order", "ar", n)
        check(bool(ARABIC.search(text)), f"no Arabic letters in {text!r}")
        # Learned: the message and the pasted reply are one topic of the insights.
        learned = lambda: '"top_reply":{"key":"where-is-my-order"' in s.cli("insights", "--json")  # noqa: E731
        wait_for(learned, 10, 0.5, "the pick learned (insights: a topic answered with where-is-my-order)")

    def case_b_order_on_clipboard(self) -> None:
        """An order id inside the copied text selects the order and the buyer's language (ar)."""
        s = self.s
        expected = s.render("where-is-my-order", "--order", "A-1001")
        before = "Order A-1001 please"
        self.prepare(before)
        n = self.pasted_count("where-is-my-order", "ar")
        self.query("wismo")
        s.xdotool("key", "Return")
        text = self.expect_paste(expected, before, "where-is-my-order", "ar", n)
        check(bool(ARABIC.search(text)), f"no Arabic letters in {text!r}")
        for part in ("A-1001", "فاطمة الزهراء", "AX123456789", "Desert Rose"):
            check(part in text, f"{part!r} missing from the pasted text {text!r}")

    def case_c_missing_value_form(self) -> None:
        """A value nothing provides (size_hint): the form asks for it, Enter in it pastes."""
        s = self.s
        expected = s.render("ask-size", "--order", "A-1001", "--var", "size_hint=M or L")
        before = "A-1001"
        self.prepare(before)
        n = self.pasted_count("ask-size", "en")
        self.query("ask size")
        s.xdotool("key", "Return")
        time.sleep(0.3)  # the values form appears, its first input focused
        check(s.console_text() == "", "something was pasted before the missing value was given")
        check(s.palette_active(), f"the palette closed instead of asking for size_hint (active: {s.active_name()!r})")
        s.xdotool("type", "--delay", "30", "M or L")
        s.xdotool("key", "Return")
        text = self.expect_paste(expected, before, "ask-size", "en", n)
        check(text.endswith("which size do you need for order A-1001? M or L"), f"literal text: {text!r}")
        check(text.startswith("Hello فاطمة الزهراء"), f"buyer name not filled: {text!r}")

    def case_d_escape_pastes_nothing(self) -> None:
        """Esc hides the palette, pastes nothing, keeps the clipboard, gives focus back."""
        s = self.s
        before = "keep me"
        self.prepare(before)
        self.query("thanks")
        s.xdotool("key", "Escape")
        time.sleep(1.0)
        check_eq(s.console_text(), "", "textarea after Esc")
        check_eq(s.clipboard(), before, "clipboard after Esc")
        check(s.x.active_window() == s.chromium_win, f"active window after Esc is {s.active_name()!r}, not Chromium")
        check(not s.palette_viewable(), "the palette is still viewable after Esc")

    def case_e_unreviewed_needs_confirmation(self) -> None:
        """customs-duties in ms is needs_review: the first Enter asks, the second pastes."""
        s = self.s
        expected = s.render("customs-duties", "--order", "M-2002")
        before = "M-2002"
        self.prepare(before)
        n = self.pasted_count("customs-duties", "ms")
        self.query("customs")
        s.xdotool("key", "Return")
        time.sleep(1.0)
        check_eq(s.console_text(), "", "textarea after the first Enter on an unreviewed variant")
        check(s.palette_active(), f"the palette closed after the first Enter (active: {s.active_name()!r})")
        s.xdotool("key", "Return")
        text = self.expect_paste(expected, before, "customs-duties", "ms", n)
        for part in ("Hai Siti Aminah", "M-2002", "Pasukan Desert Rose"):
            check(part in text, f"{part!r} missing from the pasted text {text!r}")

    def case_f_second_launch_opens_palette(self) -> None:
        """`quickreply palette` with the same library opens the running instance's palette."""
        s = self.s
        before = "second launch"
        self.prepare(before)
        t = time.monotonic()
        r = __import__("subprocess").run([str(s.bin), "palette"], env=s.env, capture_output=True, text=True,
                                         timeout=20)
        check(r.returncode == 0, f"`quickreply palette` exited {r.returncode}: {r.stderr.strip()}")
        check(time.monotonic() - t < 5, "`quickreply palette` did not hand over quickly (started a second app?)")
        wait_for(s.palette_active, 5, 0.01, "the palette (opened by `quickreply palette`) to be active")
        check(s.procs["app"].poll() is None, "the first instance exited")
        s.xdotool("key", "Escape")
        wait_for(lambda: s.x.active_window() == s.chromium_win, 3, 0.02, "Chromium active again after Esc")
        check_eq(s.console_text(), "", "textarea after Esc")

    def case_h_review_window_approves(self) -> None:
        """`quickreply review open` shows the review window; Ctrl+Enter approves the first item."""
        s = self.s

        def queue() -> list[dict]:
            return json.loads(s.cli("review", "list", "--json"))

        first = queue()[0]
        check(first["status"] != "approved", f"the queue starts with an approved item: {first}")
        r = subprocess.run([str(s.bin), "review", "open"], env=s.env, capture_output=True, text=True,
                           timeout=20)
        check(r.returncode == 0, f"`quickreply review open` exited {r.returncode}: {r.stderr.strip()}")
        found = wait_for(lambda: s.xdotool("search", "--onlyvisible", "--name", "Review translations").split(),
                         10, 0.05, "the review window")
        window = found[0]
        s.activate(window)
        # The live check of the selected translation must pass before Approve is enabled.
        time.sleep(1.5)
        s.screenshot("review-window")
        s.xdotool("key", "ctrl+Return")
        wait_for(lambda: all((i["key"], i["locale"]) != (first["key"], first["locale"]) for i in queue()),
                 5, 0.1, f"{first['key']} ({first['locale']}) to leave the review queue")
        templates = json.loads(s.cli("templates", "list", "--json"))
        status = next(v["status"] for t in templates if t["key"] == first["key"]
                      for v in t["variants"] if v["locale"] == first["locale"])
        check_eq(status, "approved", f"status of {first['key']} ({first['locale']}) after Ctrl+Enter")
        s.focus_console()

    def case_i_failed_paste_is_shown(self) -> None:
        """The window to paste into closes while the palette is open: nothing lands anywhere
        else, the palette comes back with the reason, and the reply is on the clipboard to be
        pasted by hand."""
        s = self.s
        expected = s.render("plain-thanks")
        self.prepare("before the failed paste")
        target = s._spawn("paste-target", ["xmessage", "-title", "Paste target", "the buyer chat"])
        found = wait_for(lambda: s.xdotool("search", "--onlyvisible", "--name", "^Paste target$").split(),
                         10, 0.05, "the target window")
        window = int(found[0])
        s.activate(window)
        wait_for(lambda: s.x.active_window() == window or s.x.input_focus() == window, 5, 0.02,
                 "the target window to have focus")
        failures = s.app_log_text().count("paste of plain-thanks failed")
        self.query("plain thanks")
        target.terminate()
        target.wait(5)
        s.xdotool("key", "Return")
        wait_for(lambda: s.app_log_text().count("paste of plain-thanks failed") > failures, 5, 0.05,
                 "the app log line 'paste of plain-thanks failed'")
        wait_for(s.palette_active, 5, 0.02, "the palette to come back with the reason")
        wait_for(lambda: s.clipboard() == expected, 3, 0.05, "the reply on the clipboard")
        check_eq(s.console_text(), "", "Chromium's textarea (nothing may be pasted elsewhere)")
        time.sleep(0.3)
        s.screenshot("paste-failed")
        s.xdotool("key", "Escape")
        s.focus_console()

    # -- other targets: a multi-line reply keeps its line breaks in each (targets.py) -----------

    def case_k_contenteditable_chat_box(self) -> None:
        """A contenteditable <div> as rich chat editors have: the reply's lines are lines of
        its rendered text (innerText), the paste an `insertFromPaste`."""
        s = self.s
        expected = self.multi_line_expected()
        s.clear_console()
        page = self.chat_page()
        try:
            self.focus_page_field(page, CLICK_UPPER, {"focus": "chat"})
            self.control_paste(page, "text", "chat box")
            state = self.paste_into_target(
                page, "text", expected, "Buyer wrote:\nthe parcel is torn", MULTI_LINE_KEY, MULTI_LINE_QUERY,
                s.chromium_win, "contenteditable chat box")
            check_eq(state["inputType"], "insertFromPaste", f"the chat box's input event (state {state})")
            s.screenshot("target-contenteditable")
            self.s.xdotool("key", "ctrl+a", "BackSpace")
        finally:
            page.hide()
        s.focus_console()
        check_eq(s.console_text(), "", "the console tab's textarea (the paste went to the chat box)")

    def case_l_field_inside_an_iframe(self) -> None:
        """Fields inside a same-origin iframe, focus in the frame when the hotkey is pressed: the
        three lines into its <textarea>, then a one-line reply into its <input>."""
        s = self.s
        expected = self.multi_line_expected()
        single = s.render("plain-thanks")
        s.clear_console()
        with BrowserTarget(s, "iframe", IFRAME_HTML) as page:
            self.focus_page_field(page, CLICK_UPPER, {"focus": "f", "frameFocus": "ta"})
            state = self.paste_into_target(
                page, "textarea", expected, "copied in the frame\nline two", MULTI_LINE_KEY, MULTI_LINE_QUERY,
                s.chromium_win, "iframe's textarea")
            check_eq((state["inputType"], state["inputTarget"]), ("insertFromPaste", "ta"),
                     f"the frame's input event (state {state})")
            check_eq(state["input"], "", "the frame's <input> after the paste into its textarea")
            s.screenshot("target-iframe-textarea")
            self.focus_page_field(page, CLICK_LOWER, {"focus": "f", "frameFocus": "in"})
            state = self.paste_into_target(
                page, "input", single, "one line before", "plain-thanks", "plain thanks",
                s.chromium_win, "iframe's input")
            check_eq(state["textarea"], expected, "the frame's textarea after the paste into its <input>")
            s.screenshot("target-iframe-input")
        s.focus_console()
        check_eq(s.console_text(), "", "the console tab's textarea (the pastes went to the frame)")

    def case_m_react_controlled_textarea(self) -> None:
        """A React-style controlled textarea: its state changes only on `input` events and every
        render writes the state back into the DOM. The state must be the reply, and the DOM value
        must stay the reply over later renders."""
        s = self.s
        expected = self.multi_line_expected()
        s.clear_console()
        with BrowserTarget(s, "react", REACT_HTML) as page:
            self.focus_page_field(page, CLICK_UPPER, {"focus": "t"})
            state = self.paste_into_target(
                page, "state", expected, "state before\nthe paste", MULTI_LINE_KEY, MULTI_LINE_QUERY,
                s.chromium_win, "controlled textarea's state")
            check_eq(state["inputType"], "insertFromPaste", f"the textarea's input event (state {state})")
            renders = state["renders"]
            state = page.wait_state(lambda st: st["renders"] >= renders + 3, 3, "three more renders")
            check_eq(state["value"], expected, f"the textarea's DOM value after {state['renders'] - renders} "
                     f"more renders (state {state})")
            check_eq(state["state"], expected, "the state after the renders")
            check_eq(state["reverted"], 0, "renders that had to undo a DOM value the state did not have")
            s.screenshot("target-react")
        s.focus_console()
        check_eq(s.console_text(), "", "the console tab's textarea (the paste went to the other tab)")

    def case_n_gtk_text_view(self) -> None:
        """A native GTK 3 window (gtk_target.py) with a multi-line GtkTextView: the buffer is
        the reply, inserted in one piece (a paste, not typed keys)."""
        s = self.s
        expected = self.multi_line_expected()
        s.clear_console()
        with GtkTarget(s) as gtk:
            s.activate(gtk.window)
            wait_for(lambda: s.x.active_window() == gtk.window, 5, 0.02, "the GTK window active")
            gtk.wait_state(lambda st: st["focus"] and st["active"], 5, "the GTK text view focused")
            state = self.paste_into_target(
                gtk, "text", expected, "GTK before\nsecond line", MULTI_LINE_KEY, MULTI_LINE_QUERY,
                gtk.window, "GTK text view")
            check_eq(state["last_insert"], expected, f"the GTK buffer's last insertion (state {state})")
            s.screenshot("target-gtk")
        s.focus_console()
        check_eq(s.console_text(), "", "Chromium's textarea (the paste went to the GTK window)")

    def case_o_busy_chat_box(self) -> None:
        """Case k's page, its lower chat box, whose `paste` listener keeps the page busy for
        300 ms before Chromium inserts the text (a heavy console's paste hooks, or any page on a
        loaded machine): the reply must still arrive, whenever the target gets to it."""
        s = self.s
        expected = self.multi_line_expected()
        s.clear_console()
        page = self.chat_page()
        try:
            self.focus_page_field(page, CLICK_LOWER, {"focus": "busy"})
            self.control_paste(page, "busyText", "busy chat box")
            state = self.paste_into_target(
                page, "busyText", expected, "Buyer wrote:\nthe parcel is torn", MULTI_LINE_KEY, MULTI_LINE_QUERY,
                s.chromium_win, "busy contenteditable chat box")
            check_eq(state["busyInputType"], "insertFromPaste", f"the chat box's input event (state {state})")
            s.screenshot("target-busy-contenteditable")
            self.s.xdotool("key", "ctrl+a", "BackSpace")
        finally:
            page.hide()
        s.focus_console()
        check_eq(s.console_text(), "", "the console tab's textarea (the paste went to the chat box)")

CASES = [
    ("a", "plain reply", Cases.case_a_plain_reply),
    ("b", "order on the clipboard selects the buyer's language", Cases.case_b_order_on_clipboard),
    ("c", "missing value via the form", Cases.case_c_missing_value_form),
    ("d", "Esc pastes nothing", Cases.case_d_escape_pastes_nothing),
    ("e", "unreviewed variant needs a second Enter", Cases.case_e_unreviewed_needs_confirmation),
    ("f", "second launch opens the running palette", Cases.case_f_second_launch_opens_palette),
    ("g", "a copied buyer message sets the target language", Cases.case_g_copied_message_sets_the_language),
    ("h", "the review window approves with Ctrl+Enter", Cases.case_h_review_window_approves),
    ("i", "a failed paste is shown and leaves the reply on the clipboard", Cases.case_i_failed_paste_is_shown),
    ("j", "an Arabic buyer message: the suggested reply is pasted in Arabic", Cases.case_j_suggested_reply_for_an_arabic_message),
    ("k", "a multi-line reply into a contenteditable chat box", Cases.case_k_contenteditable_chat_box),
    ("l", "a multi-line reply into an iframe's textarea, a line into its input", Cases.case_l_field_inside_an_iframe),
    ("m", "a multi-line reply into a React-style controlled textarea", Cases.case_m_react_controlled_textarea),
    ("n", "a multi-line reply into a GTK text view", Cases.case_n_gtk_text_view),
    ("o", "a multi-line reply into a chat box whose paste handler takes 300 ms", Cases.case_o_busy_chat_box),
]

# Cases that show a known bug of the app: reported as XFAIL (XPASS when it did not show), not
# counted as failures. Empty. Case o was listed here; its failures turned out to be Chromium's
# (see chat_boxes_html in targets.py), and the app now restores the clipboard only once the
# target has stopped reading the reply (PasteTimings::read_quiet, crates/core/src/paste).
KNOWN_BUGS: dict[str, str] = {}


def recover(s: Session) -> None:
    """After a failure: close the palette if it is open and give Chromium focus back."""
    try:
        if not s.palette_active():
            shown = s.xdotool("search", "--onlyvisible", "--name", "^QuickReply$").split()
            if shown:  # viewable but not focused: focus it so that Esc reaches it
                s.activate(shown[0])
                time.sleep(0.2)
        if s.palette_active():
            s.xdotool("key", "Escape")
            time.sleep(0.3)
        s.focus_console()
    except Exception as e:  # noqa: BLE001
        log(f"  (recovery failed: {e})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, type=Path, help="the quickreply binary")
    ap.add_argument("--cases", default="", help="letters of the cases to run (default: all), e.g. abd")
    ap.add_argument("--keep", action="store_true", help="keep the temporary session directory")
    ap.add_argument("--no-wm", action="store_true", help="run without a window manager (bare X server)")
    args = ap.parse_args()
    install_sigterm_handler()

    selected = [c for c in CASES if not args.cases or c[0] in args.cases]
    passed = failed = 0
    xfailed: list[str] = []
    try:
        with Session(args.bin, keep=args.keep, no_wm=args.no_wm) as s:
            cases = Cases(s)
            if any(c[0] in "ko" for c in selected):
                # Before any other target page: only the first page takes contenteditable pastes.
                cases.chat_page().hide()
            for letter, name, fn in selected:
                t = time.monotonic()
                bug = KNOWN_BUGS.get(letter)
                try:
                    fn(cases)
                    if bug:
                        log(f"XPASS {letter}. {name} (known bug did not show this time: {bug})")
                        continue
                    passed += 1
                    log(f"PASS {letter}. {name} ({time.monotonic() - t:.1f}s)")
                except Exception as e:  # noqa: BLE001
                    if bug:
                        xfailed.append(letter)
                        log(f"XFAIL {letter}. {name}: {e}\n  known app bug: {bug}")
                        recover(s)
                        continue
                    failed += 1
                    log(f"FAIL {letter}. {name}: {e}")
                    if not isinstance(e, E2EError):
                        traceback.print_exc()
                    shot = s.screenshot(f"e2e-{letter}")
                    if shot:
                        log(f"  screenshot: {shot}")
                    log("  app log (tail):\n    " + "\n    ".join(s.app_log_text().splitlines()[-12:]))
                    saved = s.screenshot_dir_log(f"e2e-{letter}")
                    if saved:
                        log(f"  full app log: {saved}")
                    recover(s)
            cases.close()
    except KeyboardInterrupt:
        log("interrupted")
        failed += 1
    except Exception as e:  # noqa: BLE001 - session set-up failed
        log(f"ERROR setting up the session: {e}")
        if not isinstance(e, E2EError):
            traceback.print_exc()
        failed += max(1, len(selected) - passed)
    if xfailed:
        log(f"expected failures (known app bugs, not counted): {', '.join(xfailed)}")
    print(f"{passed} passed, {failed} failed", flush=True)
    expected = len([c for c in selected if c[0] not in KNOWN_BUGS])
    return 0 if failed == 0 and passed == expected else 1


if __name__ == "__main__":
    sys.exit(main())
