#!/usr/bin/env python3
"""Builds data/names/given-names.tsv from the U.S. Social Security Administration's
national baby-name files (yobYYYY.txt: `Name,F|M,count`, one file per birth year).

The SSA publishes them at https://www.ssa.gov/oact/babynames/limits.html (names.zip);
they are a U.S. government work in the public domain. copydesk samples every fifth birth
year from 1930 to 2005 (the birth years of most people in the news today), adds up the
counts per name and sex, and keeps names given to at least 100 babies in those years.

Usage: scripts/build-given-names.py DIR_WITH_YOB_FILES > data/names/given-names.tsv
"""
import collections
import os
import sys

YEARS = range(1930, 2006, 5)
MIN_TOTAL = 100


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    counts = collections.defaultdict(lambda: [0, 0])
    for year in YEARS:
        path = os.path.join(folder, f"yob{year}.txt")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                name, sex, n = line.strip().split(",")
                counts[name][0 if sex == "F" else 1] += int(n)
    out = sys.stdout
    out.write("# Given names: name<TAB>share of female bearers (0-100)<TAB>bearers in the sample.\n")
    out.write("# From the U.S. SSA national baby-name files (public domain), birth years\n")
    out.write(f"# {YEARS.start}-{YEARS.stop - 1} every {YEARS.step} years, names with >= {MIN_TOTAL} bearers.\n")
    out.write("# Regenerate with scripts/build-given-names.py (see data/names/SOURCE.md).\n")
    for name, (f, m) in sorted(counts.items()):
        total = f + m
        if total >= MIN_TOTAL:
            out.write(f"{name}\t{round(100 * f / total)}\t{total}\n")


if __name__ == "__main__":
    main()
