"""A GTK 3 window with one multi-line text field (GtkTextView), the paste target of run.py's
case n. Needs PyGObject (Debian: python3-gi gir1.2-gtk-3.0), so it runs under the interpreter
that has it, which need not be the one running the tests:

    /usr/bin/python3 tests/e2e/gtk_target.py TITLE STATE_FILE

On every change of the buffer and of the window's or the field's focus it replaces STATE_FILE
(write, then rename) with JSON: `text` (the whole buffer), `focus` (the text view has the
keyboard focus), `active` (the window is the active toplevel), `changes` (buffer changes so
far), `last_insert` (the text of the last insertion: a paste arrives as one), and what a failed
paste needs explained: `keys` (the last key presses the window got, "C-v" is Ctrl+V) and
`pastes` (how often the text view's paste-clipboard action ran).
"""

from __future__ import annotations

import json
import os
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import GLib  # noqa: E402

# WM_CLASS, which the app logs as the target application: GTK reads it when it initialises,
# which importing Gtk does.
GLib.set_prgname("gtk-paste-target")
from gi.repository import Gdk, Gtk  # noqa: E402

# Tinted, so that the window stands out in screenshots without a window manager's frame.
CSS = b"""
textview text { background-color: #fff8dc; color: #000; }
label { padding: 6px; }
"""


def main() -> None:
    title, state_file = sys.argv[1], sys.argv[2]
    state = {"text": "", "focus": False, "active": False, "changes": 0, "last_insert": None, "keys": [],
             "pastes": 0}
    css = Gtk.CssProvider()
    css.load_from_data(CSS)
    Gtk.StyleContext.add_provider_for_screen(Gdk.Screen.get_default(), css, Gtk.STYLE_PROVIDER_PRIORITY_APPLICATION)

    def write() -> None:
        tmp = state_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(state, f, ensure_ascii=False)
        os.replace(tmp, state_file)

    win = Gtk.Window(title=title)
    win.set_default_size(700, 420)
    win.move(120, 120)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
    box.pack_start(Gtk.Label(label=f"{title}: GtkTextView", xalign=0), False, False, 0)
    scroller = Gtk.ScrolledWindow()
    view = Gtk.TextView()
    view.set_wrap_mode(Gtk.WrapMode.WORD_CHAR)
    view.set_left_margin(8)
    view.set_top_margin(8)
    scroller.add(view)
    box.pack_start(scroller, True, True, 0)
    win.add(box)
    buf = view.get_buffer()

    def on_changed(b: Gtk.TextBuffer) -> None:
        state["text"] = b.get_text(b.get_start_iter(), b.get_end_iter(), True)
        state["changes"] += 1
        write()

    def on_insert(_b, _iter, text: str, _length: int) -> None:
        state["last_insert"] = text

    def on_focus(*_args) -> None:
        state["focus"] = view.is_focus() and view.has_focus()
        state["active"] = win.is_active()
        write()

    def on_key(_w, event) -> bool:
        ctrl = "C-" if event.state & Gdk.ModifierType.CONTROL_MASK else ""
        state["keys"] = (state["keys"] + [ctrl + (Gdk.keyval_name(event.keyval) or "?")])[-6:]
        write()
        return False

    def on_paste(_view) -> None:
        state["pastes"] += 1
        write()

    win.connect("key-press-event", on_key)
    view.connect("paste-clipboard", on_paste)
    buf.connect("insert-text", on_insert)
    buf.connect("changed", on_changed)
    view.connect("focus-in-event", lambda *a: (on_focus(), False)[1])
    view.connect("focus-out-event", lambda *a: (on_focus(), False)[1])
    win.connect("notify::is-active", on_focus)
    win.connect("notify::has-toplevel-focus", on_focus)
    win.connect("destroy", Gtk.main_quit)
    view.grab_focus()
    win.show_all()
    write()
    Gtk.main()


if __name__ == "__main__":
    main()
