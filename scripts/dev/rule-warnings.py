#!/usr/bin/env python3
"""Lists every warning-level finding of the chosen rules on a folder of published copy,
with context, so a rule's false warnings can be read. A development tool (like the
scorer in the PolNeAR evaluation folder); nothing in the tests or CI uses it.

    scripts/dev/rule-warnings.py --bin target/release/copydesk \\
        --split ../shared/eval/polnear/train [--rules first-reference,name-variant] [--limit N]

The split folder holds text/NAME.txt and dates.json (NAME -> YYYY-MM-DD), as PolNeAR does.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess

NAME_RULES = "first-reference,name-variant,title-mismatch,title-variant"


def check(binary, path, date, extra):
    cmd = [binary, "check", "--format", "json", "--fail-on", "never", "--no-config"]
    if date:
        cmd += ["--article-date", date]
    cmd += extra + [path]
    out = subprocess.run(cmd, capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--split", required=True)
    ap.add_argument("--rules", default=NAME_RULES)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--extra", default="", help="more flags for copydesk check, space-separated")
    args = ap.parse_args()
    rules = set(args.rules.split(","))
    text_dir = os.path.join(args.split, "text")
    with open(os.path.join(args.split, "dates.json"), encoding="utf-8") as fh:
        dates = json.load(fh)
    names = sorted(n[:-4] for n in os.listdir(text_dir) if n.endswith(".txt"))
    if args.limit:
        names = names[: args.limit]
    extra = args.extra.split()
    words = 0
    counts = collections.Counter()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = pool.map(
            lambda n: (n, check(args.bin, os.path.join(text_dir, n + ".txt"), dates.get(n), extra)),
            names,
        )
        for name, findings in results:
            raw = open(os.path.join(text_dir, name + ".txt"), encoding="utf-8").read()
            words += len(raw.split())
            data = raw.encode("utf-8")
            for f in findings:
                if f["rule"] not in rules or f["severity"] != "warning":
                    continue
                counts[f["rule"]] += 1
                s, e = f["start"], f["end"]
                ctx = data[max(0, s - 90): s].decode("utf-8", "replace")
                ctx += "⟦" + data[s:e].decode("utf-8", "replace") + "⟧"
                ctx += data[e: e + 60].decode("utf-8", "replace")
                print(f"[{f['rule']}] {name}\n    {f['message']}\n    …{ctx.replace(chr(10), '⏎')}…")
    print(f"\n{words} words")
    for rule, n in sorted(counts.items()):
        print(f"  {rule:<18} {n:5}  {n * 5000 / max(words, 1):.3f} per 5,000 words")


if __name__ == "__main__":
    main()
