#!/usr/bin/env python3
"""Pairs for checking cross-report actor resolution by hand.

Usage: python3 actor_pairs.py DB [--seed N] [--unmerged K]

Prints (1) every pair of distinct entity names that the store merged into one actor, and
(2) K random pairs of *unmerged* actors of the same type that share a name word (the hard
candidates for missed merges). Judge each line by hand (same real-world entity or not):
precision = correct merged pairs / merged pairs; the share of same-entity pairs among the
unmerged sample, scaled to all such pairs, estimates the missed merges for recall.
"""
import collections
import itertools
import random
import sqlite3
import sys


def main():
    db = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 11
    k = int(sys.argv[sys.argv.index("--unmerged") + 1]) if "--unmerged" in sys.argv else 100
    c = sqlite3.connect(db)
    names = collections.defaultdict(collections.Counter)
    types = {}
    for actor, name, kind in c.execute("SELECT ea.actor, d.name, d.type FROM doc_entities d JOIN entity_actors ea ON ea.entity = d.id"):
        names[actor][name] += 1
        types[actor] = kind
    merged = [(types[a], x, y) for a, ns in names.items() for x, y in itertools.combinations(sorted(ns), 2)]
    print(f"# merged pairs: {len(merged)}")
    for m in sorted(merged):
        print("MERGED\t" + "\t".join(m))
    index = collections.defaultdict(set)
    for a, ns in names.items():
        for n in ns:
            for w in n.lower().replace("\u2019s", "").replace("'s", "").split():
                if len(w) > 2 and w not in ("the", "and", "for", "new", "of"):
                    index[(types[a], w)].add(a)
    cands = sorted({p for acts in index.values() for p in itertools.combinations(sorted(acts), 2)})
    random.seed(seed)
    print(f"# unmerged same-word pairs: {len(cands)}; sample of {min(k, len(cands))}")
    for x, y in random.sample(cands, min(k, len(cands))):
        print(f"UNMERGED\t{types[x]}\t{'; '.join(list(names[x])[:3])}\t{'; '.join(list(names[y])[:3])}")


if __name__ == "__main__":
    main()
