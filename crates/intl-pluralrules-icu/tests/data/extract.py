#!/usr/bin/env python3
"""Extract CLDR's own plural-rule sample numbers into tests/data/cldr_plural_samples.json.

Made from the npm package cldr-core 48.2.0 (CLDR 48, the newest cldr-core on npm when this
was written; the icu_plurals_data 2.4 that the crate tests is built from CLDR 49). To
regenerate:

    cd /tmp && npm pack cldr-core@48.2.0 && tar xzf cldr-core-48.2.0.tgz
    python3 tests/data/extract.py /tmp/package > tests/data/cldr_plural_samples.json

Every rule in supplemental/plurals.json (cardinal) and supplemental/ordinals.json carries
`@integer ...` and `@decimal ...` sample lists. For the locales below this writes every
explicit sample of every category:

* a range `a~b` becomes its endpoints plus up to three values inside it (a decimal range
  steps by its last visible digit and keeps that many fraction digits: `0.00~0.05` gives
  0.00, 0.01, 0.02, 0.04, 0.05);
* `…` (more numbers exist) is skipped;
* samples in compact exponent notation (`1c6`, `1.1c6`: the CLDR `c`/`e` operand) are not
  written as samples, since intl_pluralrules' PluralOperands has no exponent operand; they
  are listed under `skipped_compact` so that nothing is dropped silently.

Integers are written as JSON numbers and decimals as strings, keeping their trailing zeros
(`1.0` has v = 1 and is `other` in English, where `1` is `one`).

With `--locales` it writes instead src/cldr_locales.rs: the locales CLDR has rules for, and
among them those whose rules have no category but `other`. ICU4X's baked data lists neither
the latter (it folds them into `und`, root) nor locales whose rules equal their parent's
(`nb`, `nn` are `no`), so `PluralRules::get_locales` adds them to the locales it does list:

    python3 tests/data/extract.py --locales /tmp/package > src/cldr_locales.rs
"""

import json
import os
import sys

CARDINAL_LOCALES = [
    "ar", "ru", "uk", "pl", "cs", "lt", "ro", "he", "fr", "es", "pt", "it", "de", "nl",
    "tr", "th", "id", "ms", "zh", "ja", "ko", "fa", "hi", "cy", "ga", "sl", "en",
]
ORDINAL_LOCALES = ["en", "cy", "fr", "it", "uk", "ru"]

ORDER = ["zero", "one", "two", "few", "many", "other"]


def inside(lo, hi):
    """Up to three values strictly between lo and hi (integers), spread out."""
    if hi - lo <= 4:
        return list(range(lo + 1, hi))
    return sorted({lo + 1, (lo + hi) // 2, hi - 1})


def expand_integer(token):
    if "~" in token:
        lo, hi = (int(x) for x in token.split("~"))
        assert lo < hi, token
        return [lo] + inside(lo, hi) + [hi]
    return [int(token)]


def fraction_digits(s):
    return len(s.split(".", 1)[1]) if "." in s else 0


def expand_decimal(token):
    if "~" not in token:
        return [token]
    lo_s, hi_s = token.split("~")
    v = fraction_digits(lo_s)
    assert v == fraction_digits(hi_s), token
    scale = 10 ** v
    lo = round(float(lo_s) * scale)
    hi = round(float(hi_s) * scale)
    assert lo < hi, token
    units = [lo] + inside(lo, hi) + [hi]
    out = []
    for u in units:
        if v == 0:
            out.append(str(u))
        else:
            out.append(f"{u // scale}.{u % scale:0{v}d}")
    assert out[0] == lo_s and out[-1] == hi_s, (token, out)
    return out


def is_compact(token):
    return "c" in token or "e" in token


def parse_rule(rule):
    """Returns (integers, decimals, skipped_compact) from one rule's sample lists."""
    integers, decimals, skipped = [], [], []
    for part in rule.split("@")[1:]:
        kind, _, samples = part.partition(" ")
        assert kind in ("integer", "decimal"), rule
        for token in samples.split(","):
            token = token.strip()
            if token in ("", "…", "..."):
                continue
            if is_compact(token):
                skipped.append(token)
            elif kind == "integer":
                integers.extend(expand_integer(token))
            else:
                decimals.extend(expand_decimal(token))
    return integers, decimals, skipped


def extract(rules_by_locale, locales):
    out = {}
    for locale in locales:
        rules = rules_by_locale[locale]
        entry = {"categories": [], "samples": {}}
        for key, rule in rules.items():
            category = key.removeprefix("pluralRule-count-")
            assert category in ORDER, key
            integers, decimals, skipped = parse_rule(rule)
            entry["categories"].append(category)
            samples = {"integer": integers, "decimal": decimals}
            if skipped:
                samples["skipped_compact"] = skipped
            entry["samples"][category] = samples
        entry["categories"].sort(key=ORDER.index)
        entry["samples"] = {c: entry["samples"][c] for c in entry["categories"]}
        out[locale] = entry
    return out


def rust_list(name, doc, locales):
    lines = [f"/// {doc}", f"pub(crate) const {name}: &[&str] = &["]
    row = "   "
    for locale in locales:
        item = f' "{locale}",'
        if len(row) + len(item) > 100:
            lines.append(row)
            row = "   "
        row += item
    lines.append(row)
    lines.append("];")
    return "\n".join(lines)


def locales_rs(package_version, plurals, ordinals):
    def all_locales(rules):
        return sorted(locale for locale in rules if locale not in ("root", "und"))

    def other_only(rules):
        return sorted(
            locale
            for locale, categories in rules.items()
            if locale not in ("root", "und")
            and list(categories) == ["pluralRule-count-other"]
        )

    return "\n".join([
        f"//! @generated by tests/data/extract.py --locales from cldr-core {package_version}"
        f" (CLDR {plurals['version']['_cldrVersion']}).",
        "//!",
        "//! The locales CLDR has plural rules for, and those of them whose rules have no",
        "//! category but `other`, the same as root (`und`).",
        "",
        rust_list("CARDINAL", "Locales with cardinal rules in supplemental/plurals.json.",
                  all_locales(plurals["plurals-type-cardinal"])),
        "",
        rust_list("CARDINAL_OTHER_ONLY", "Those of them with only `other`.",
                  other_only(plurals["plurals-type-cardinal"])),
        "",
        rust_list("ORDINAL", "Locales with ordinal rules in supplemental/ordinals.json.",
                  all_locales(ordinals["plurals-type-ordinal"])),
        "",
        rust_list("ORDINAL_OTHER_ONLY", "Those of them with only `other`.",
                  other_only(ordinals["plurals-type-ordinal"])),
        "",
    ])


def main():
    args = sys.argv[1:]
    locales_only = "--locales" in args
    args = [a for a in args if a != "--locales"]
    root = args[0] if args else "/tmp/package"
    with open(os.path.join(root, "package.json"), encoding="utf-8") as f:
        package_version = json.load(f)["version"]
    with open(os.path.join(root, "supplemental", "plurals.json"), encoding="utf-8") as f:
        plurals = json.load(f)["supplemental"]
    with open(os.path.join(root, "supplemental", "ordinals.json"), encoding="utf-8") as f:
        ordinals = json.load(f)["supplemental"]
    if locales_only:
        sys.stdout.write(locales_rs(package_version, plurals, ordinals))
        return
    fixture = {
        "source": f"cldr-core {package_version} (npm), supplemental/plurals.json and "
        "supplemental/ordinals.json, extracted by tests/data/extract.py",
        "cldr_core_version": package_version,
        "cldr_version": plurals["version"]["_cldrVersion"],
        "cardinal": extract(plurals["plurals-type-cardinal"], CARDINAL_LOCALES),
        "ordinal": extract(ordinals["plurals-type-ordinal"], ORDINAL_LOCALES),
    }
    sys.stdout.write(dump(fixture) + "\n")


def dump(value, indent=0):
    """JSON with one line per sample list, so that a diff shows which samples changed."""
    if isinstance(value, dict):
        pad = " " * (indent + 1)
        items = [f"{pad}{json.dumps(k)}: {dump(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    return json.dumps(value, ensure_ascii=False)


if __name__ == "__main__":
    main()
