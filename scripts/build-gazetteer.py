#!/usr/bin/env python3
"""Build crates/dossier-entities/data/gazetteer.tsv from the Phoenix actor dictionaries
(Open Event Data Alliance, MIT licence) in ../shared/data/events/dictionaries/phoenix/.

Each output line is `word<TAB>flags`: the lower-cased word and which kinds of dictionary
phrase it occurs in, as letters: P = a one-word place (country, city, region), p = a word
of a longer place name, F = first word of a person's name, L = last word of a person's name,
O = a one-word organisation, o = a word of a longer organisation name. The recognizer uses
these as features; it is not a lookup of answers.

Usage: scripts/build-gazetteer.py [--shared ../shared] [--out crates/dossier-entities/data/gazetteer.tsv]
"""
import argparse
import os
import re
from collections import defaultdict

CODE = re.compile(r"\[([A-Z0-9]+)[^\]]*\]")


def phrase_words(raw):
    p = raw.strip().lstrip("+").split("#")[0].split("[")[0].strip().rstrip("_")
    words = [w for w in p.replace("_", " ").split() if w]
    return [w.lower() for w in words if re.search(r"[A-Za-z]", w)]


def entries(path):
    """Yield (phrases, codes, comment) per dictionary entry."""
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip() or line.startswith("#") or line.startswith("<"):
                continue
            if line.startswith("\t") or line.startswith(" "):
                if cur:
                    cur[1].extend(CODE.findall(line))
                continue
            if line.startswith("+"):
                if cur:
                    cur[0].append(phrase_words(line))
                continue
            if cur:
                yield cur
            cur = ([phrase_words(line)], CODE.findall(line), line)
    if cur:
        yield cur


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(root), "shared"))
    ap.add_argument("--out", default=os.path.join(root, "crates", "dossier-entities", "data", "gazetteer.tsv"))
    a = ap.parse_args()
    d = os.path.join(a.shared, "data", "events", "dictionaries", "phoenix")
    flags = defaultdict(set)

    def add(words, single, part, first=None, last=None):
        if not words:
            return
        if len(words) == 1:
            flags[words[0]].add(single)
        else:
            for w in words:
                flags[w].add(part)
            if first:
                flags[words[0]].add(first)
            if last:
                flags[words[-1]].add(last)

    for phrases, codes, line in entries(os.path.join(d, "Phoenix.Countries.actors.txt")):
        person = "CountryInfo" in line and codes and all(len(c) > 3 for c in codes)
        for words in phrases:
            if person:
                if len(words) > 1:
                    add(words, "L", "L", first="F", last="L")
            elif any(len(c) == 3 for c in codes):
                add(words, "P", "p")
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for phrases, _codes, _line in entries(os.path.join(d, name)):
            for words in phrases:
                add(words, "O", "o")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        for w in sorted(flags):
            if len(w) > 1 and "\t" not in w:
                f.write("%s\t%s\n" % (w, "".join(sorted(flags[w]))))
    print("wrote %s (%d words)" % (a.out, len(flags)))


if __name__ == "__main__":
    main()
