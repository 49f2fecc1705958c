#!/usr/bin/env python3
"""Suggestion quality on eval/suggest/messages.tsv (labelled buyer messages for the starter
templates, 13 languages), through the real CLI and model:

  python3 eval/suggest/run.py [--bin target/release/quickreply] [--json]

1. A fresh library with the starter pack (English examples, 7 languages of text).
2. `quickreply suggest` (batch, stdin) ranks every message: top-1 and recall@3 per language.
3. Learning: for each language and template, the first message is learned (`quickreply learn`,
   KEY<TAB>TEXT on stdin) and the other two are ranked again (held out: never learned).
Prints a Markdown table (docs/PERFORMANCE.md keeps the last one).
"""
import argparse, collections, json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(bin_, db, args, stdin=None):
    p = subprocess.run([bin_, "--db", db, *args], input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"quickreply {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.stdout


def rank(bin_, db, rows):
    out = run(bin_, db, ["suggest", "--limit", "3"], "\n".join(r[2] for r in rows) + "\n")
    lines = out.split("\n")[: len(rows)]
    return [l.split("\t") if l else [] for l in lines]


def score(rows, ranked):
    per = collections.defaultdict(lambda: [0, 0, 0])
    for (lang, key, _), keys in zip(rows, ranked):
        s = per[lang]
        s[0] += 1
        s[1] += bool(keys) and keys[0] == key
        s[2] += key in keys[:3]
    return per


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "quickreply"))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rows = []
    with open(os.path.join(HERE, "messages.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            lang, key, text = line.rstrip("\n").split("\t")
            rows.append((lang, key, text))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "eval.db")
        run(a.bin, db, ["pack", "import", os.path.join(ROOT, "packs", "starter")])
        t0 = time.time()
        before = score(rows, rank(a.bin, db, rows))
        elapsed = time.time() - t0
        # Learn the first message of every (language, template); rank the others.
        seen, learn, held = set(), [], []
        for r in rows:
            if (r[0], r[1]) in seen:
                held.append(r)
            else:
                seen.add((r[0], r[1]))
                learn.append(r)
        held_before = score(held, rank(a.bin, db, held))
        run(a.bin, db, ["learn"], "".join(f"{k}\t{t}\n" for _, k, t in learn))
        held_after = score(held, rank(a.bin, db, held))
    langs = sorted(before)
    result = {
        lang: {
            "n": before[lang][0],
            "top1": before[lang][1] / before[lang][0],
            "recall3": before[lang][2] / before[lang][0],
            "held_top1_before": held_before[lang][1] / held_before[lang][0],
            "held_top1_after": held_after[lang][1] / held_after[lang][0],
            "held_recall3_after": held_after[lang][2] / held_after[lang][0],
        }
        for lang in langs
    }
    tot = lambda d, i: sum(v[i] for v in d.values()) / sum(v[0] for v in d.values())
    result["all"] = {
        "n": sum(v[0] for v in before.values()),
        "top1": tot(before, 1),
        "recall3": tot(before, 2),
        "held_top1_before": tot(held_before, 1),
        "held_top1_after": tot(held_after, 1),
        "held_recall3_after": tot(held_after, 2),
    }
    if a.json:
        print(json.dumps(result, indent=1))
        return
    print(f"ranked {len(rows)} messages in {elapsed:.1f} s (cold: model load + index build included)\n")
    print("| language | messages | top-1 | recall@3 | held-out top-1 before learning | after | recall@3 after |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for lang in langs + ["all"]:
        r = result[lang]
        print(f"| {lang} | {r['n']} | {r['top1']:.2f} | {r['recall3']:.2f} | {r['held_top1_before']:.2f} | {r['held_top1_after']:.2f} | {r['held_recall3_after']:.2f} |")


if __name__ == "__main__":
    main()
