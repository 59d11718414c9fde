#!/usr/bin/env python3
"""Plants one name or title error in copies of real published articles and reports how
many copydesk catches: the recall side of issue 11's name rules. A development tool (the
articles stay outside the repository; nothing in the tests or CI uses it).

    scripts/dev/plant-name-errors.py --bin target/release/copydesk \\
        --split ../shared/eval/polnear/train [--per-kind 120] [--seed 7] [--show 3]

Four kinds of plant, each made only where the article gives what it needs:

- misspelling: a surname the article writes at least three times is misspelt once (two
  inner letters swapped) at a later mention; caught when `name-variant` flags it;
- title-variant: a house-style term the article writes at least twice (`U.S.`, `Secretary
  of State` ...) is written once in another form of the same KB term group; caught when
  `title-variant` flags it;
- wrong dated title: a titled full-name mention of a KB person gets the name of another KB
  person who held that same post, but not on the article's date; caught when
  `title-mismatch` flags it;
- late introduction: the first full-name body mention of a person and a later surname-only
  mention swap places (a paragraph moved up); caught when `first-reference` flags the
  surname.

The split folder holds text/NAME.txt and dates.json, as PolNeAR does. Plants are chosen
with random.Random(f"{seed}:{kind}:{NAME}"), so a seed gives the same plants every run.
"""
import argparse
import collections
import concurrent.futures
import glob
import json
import os
import random
import re
import subprocess
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(binary, args):
    out = subprocess.run([binary] + args, capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        return None


def check(binary, path, date):
    return run(binary, ["check", "--format", "json", "--fail-on", "never", "--no-config",
                        "--article-date", date, path]) or []


def annotate(binary, path, date):
    return run(binary, ["annotate", "--format", "json", "--no-config", "--article-date", date, path])


def b2c(text):
    """Byte offset -> character offset map for a text (copydesk reports UTF-8 bytes)."""
    m, b = {}, 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def load_kb():
    people, terms = {}, []
    # The starter people, and the built-in term groups (data/style/terms.toml; the AP and
    # international presets are off by default).
    paths = sorted(glob.glob(os.path.join(ROOT, "data", "kb", "*.toml")))
    paths.append(os.path.join(ROOT, "data", "style", "terms.toml"))
    for path in paths:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        if "position" in data:
            continue  # the office-holder importer's style file, not a KB file
        for p in data.get("person", []):
            if "id" in p:
                people[p["id"]] = p
        terms.extend(data.get("term", []))
    return people, terms


def held(role, date):
    s, e = role.get("start"), role.get("end")
    return (s is None or str(s) <= date) and (e is None or date < str(e))


def plant_misspelling(rng, text, ann, date):
    counts = collections.Counter()
    spans = collections.defaultdict(list)
    for p in ann["people"]:
        if p["inside_quote"]:
            continue
        surname = p["text"].split()[-1]
        if len(surname) >= 5 and surname.isalpha():
            counts[surname] += 1
            spans[surname].append(p)
    options = [s for s, n in counts.items() if n >= 3]
    if not options:
        return None
    surname = rng.choice(sorted(options))
    target = rng.choice(spans[surname][1:])
    inner = [i for i in range(1, len(surname) - 2) if surname[i] != surname[i + 1]]
    if not inner:
        return None
    i = rng.choice(inner)
    typo = surname[:i] + surname[i + 1] + surname[i] + surname[i + 2:]
    m = b2c(text)
    end = m[target["end"]]
    start = end - len(surname)
    if text[start:end] != surname:
        return None
    return text[:start] + typo + text[end:], (start, start + len(typo)), "name-variant", f"{surname} -> {typo}"


def plant_title_variant(rng, text, ann, date, terms):
    m = b2c(text)
    quoted = [(m[q["start"]], m[q["end"]]) for q in ann["quotes"]]
    outside = lambda i: not any(a <= i < b for a, b in quoted)
    options = []
    for t in terms:
        forms = t["forms"]
        for f in forms:
            hits = [x.start() for x in re.finditer(r"(?<![\w.])" + re.escape(f) + r"(?![\w])", text)
                    if outside(x.start())]
            others = [g for g in forms if g != f and not re.search(r"(?<![\w.])" + re.escape(g) + r"(?![\w])", text)]
            if len(hits) >= 2 and others:
                options.append((f, hits, others))
    if not options:
        return None
    f, hits, others = rng.choice(options)
    at = rng.choice(hits[1:])
    g = rng.choice(others)
    return text[:at] + g + text[at + len(f):], (at, at + len(g)), "title-variant", f"{f} -> {g}"


def plant_wrong_title(rng, text, ann, date, people):
    options = []
    for p in ann["people"]:
        if p["inside_quote"] or not p["kb_id"] or not p["title"] or p["form"] != "full-name":
            continue
        person = people.get(p["kb_id"])
        if not person:
            continue
        for r in person.get("role", []):
            if not held(r, date):
                continue
            # Only where the draft's title is that role's (the plant swaps who holds it).
            names = [r.get("title", "")] + r.get("title_aliases", [])
            written = p["title"].lower()
            if not any(n and n.lower() in written for n in names):
                continue
            others = [
                q for q in people.values()
                if q["id"] != person["id"]
                and any(x.get("title") == r.get("title") and x.get("org") == r.get("org") and not held(x, date)
                        for x in q.get("role", []))
                and not any(x.get("title") == r.get("title") and x.get("org") == r.get("org") and held(x, date)
                            for x in q.get("role", []))
            ]
            if others:
                options.append((p, others))
                break
    if not options:
        return None
    p, others = rng.choice(options)
    other = rng.choice(sorted(others, key=lambda q: q["id"]))
    m = b2c(text)
    start, end = m[p["start"]], m[p["end"]]
    return (text[:start] + other["name"] + text[end:], (start, start + len(other["name"])),
            "title-mismatch", f"{text[start:end]} -> {other['name']} ({p['title']})")


def plant_late_intro(rng, text, ann, date):
    by_name = collections.defaultdict(list)
    for p in ann["people"]:
        if not p["inside_quote"]:
            by_name[p["name"]].append(p)
    body = [part for part in ann["parts"] if part["kind"] == "body"]
    in_body = lambda p: any(b["start"] <= p["start"] < b["end"] for b in body)
    options = []
    for name, ms in by_name.items():
        ms = [x for x in ms if in_body(x)]
        if not ms or ms[0]["form"] != "full-name" or ms[0]["resolution"] != "named":
            continue
        later = [x for x in ms[1:] if x["form"] == "surname" and x["resolution"] == "antecedent"
                 and x["part"] != ms[0]["part"] and not x["title"]]
        if later and " " in ms[0]["text"]:
            options.append((ms[0], later[0]))
    if not options:
        return None
    first, later = rng.choice(options)
    m = b2c(text)
    fs, fe, ls, le = m[first["start"]], m[first["end"]], m[later["start"]], m[later["end"]]
    full, sur = text[fs:fe], text[ls:le]
    new = text[:fs] + sur + text[fe:ls] + full + text[le:]
    return new, (fs, fs + len(sur)), "first-reference", f"{full} <-> {sur}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--split", required=True)
    ap.add_argument("--per-kind", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    people, terms = load_kb()
    with open(os.path.join(args.split, "dates.json"), encoding="utf-8") as fh:
        dates = json.load(fh)
    names = sorted(dates)
    tmp = tempfile.mkdtemp(prefix="copydesk-plants-")
    kinds = {
        "misspelling": lambda rng, t, a, d: plant_misspelling(rng, t, a, d),
        "title-variant": lambda rng, t, a, d: plant_title_variant(rng, t, a, d, terms),
        "wrong dated title": lambda rng, t, a, d: plant_wrong_title(rng, t, a, d, people),
        "late introduction": lambda rng, t, a, d: plant_late_intro(rng, t, a, d),
    }

    def one(name):
        path = os.path.join(args.split, "text", name + ".txt")
        text = open(path, encoding="utf-8").read()
        ann = annotate(args.bin, path, dates[name])
        if not ann:
            return []
        out = []
        for kind, fn in kinds.items():
            rng = random.Random(f"{args.seed}:{kind}:{name}")
            planted = fn(rng, text, ann, dates[name])
            if planted:
                out.append((kind, name, planted))
        return out

    plants = collections.defaultdict(list)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for found in pool.map(one, names):
            for kind, name, planted in found:
                plants[kind].append((name, planted))

    def score(item):
        kind, name, (new, (s, e), rule, what) = item
        path = os.path.join(tmp, f"{kind.replace(' ', '-')}-{name}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)
        m = b2c(new)
        hits = [f for f in check(args.bin, path, dates[name])
                if f["rule"] == rule and f["severity"] in ("warning", "error")
                and m.get(f["start"], -1) < e and s < m.get(f["end"], -1)]
        ctx = new[max(0, s - 70):s] + "⟦" + new[s:e] + "⟧" + new[e:e + 40]
        return kind, name, bool(hits), what, ctx.replace("\n", "⏎")

    work = []
    for kind in kinds:
        chosen = plants[kind][: args.per_kind]
        work.extend((kind, name, p) for name, p in chosen)
    results = collections.defaultdict(list)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for kind, name, caught, what, ctx in pool.map(score, work):
            results[kind].append((caught, name, what, ctx))
    total = caught_all = 0
    for kind in kinds:
        rs = results[kind]
        caught = sum(1 for r in rs if r[0])
        total += len(rs)
        caught_all += caught
        rate = caught / len(rs) if rs else 0.0
        print(f"{kind:<18} {caught:4}/{len(rs):<4} caught  {rate:.3f}")
        for r in [r for r in rs if not r[0]][: args.show]:
            print(f"    missed {r[1]}: {r[2]}\n        …{r[3]}…")
    print(f"{'all':<18} {caught_all:4}/{total:<4} caught  {caught_all / max(total, 1):.3f}")


if __name__ == "__main__":
    main()
