#!/usr/bin/env python3
"""Screenshots of the palette for the docs: English and Chinese UI, with an order on the
clipboard so the preview is the Arabic reply (right to left) beside its English source.

    python3 tests/e2e/screenshots.py --bin target/release/quickreply   # writes docs/palette-*.png
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import Session, log, wait_for  # noqa: E402

DOCS = Path(__file__).resolve().parents[2] / "docs"


class UiLangSession(Session):
    ui_lang: str = "en"

    def prepare_library(self) -> None:
        super().prepare_library()
        with sqlite3.connect(self.db) as db:
            db.execute(
                "INSERT INTO settings (name, value) VALUES ('ui_lang', ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (self.ui_lang,),
            )


def shoot(binary: Path, ui_lang: str, out: Path) -> None:
    UiLangSession.ui_lang = ui_lang
    with UiLangSession(bin=binary) as s:
        s.focus_console()
        s.set_clipboard("Order A-1001 please")
        s.open_palette()
        s.xdotool("type", "--delay", "40", "wismo")
        time.sleep(0.8)  # results, preview, fonts
        wait_for(s.palette_active, 3, 0.02, "the palette")
        subprocess.run(["import", "-window", str(s.palette_win), str(out)], env=s.env, check=True, timeout=20)
        log(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, type=Path)
    args = ap.parse_args()
    DOCS.mkdir(exist_ok=True)
    shoot(args.bin, "en", DOCS / "palette-en.png")
    shoot(args.bin, "zh-CN", DOCS / "palette-zh-CN.png")


if __name__ == "__main__":
    main()
