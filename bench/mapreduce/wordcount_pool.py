#!/usr/bin/env python3
"""Word count on a multiprocessing.Pool: the Python peer of `braid mapreduce wordcount`.

A word is a maximal run of letters or digits ([^\\W_]+), lowercased. The parent reads the file in chunks of whole
lines and the pool maps them (one Counter per chunk, the combiner); the parent merges the counters (the reduce).

    wordcount_pool.py FILE [--workers N] [--chunk-size BYTES] [--out FILE]

Prints "words=<total> distinct=<distinct>" on stdout; --out writes word<TAB>count, most frequent first.
"""
import argparse
import collections
import multiprocessing
import re

WORD = re.compile(r"[^\W_]+")


def chunks(path, size):
    with open(path, "rb") as f:
        while True:
            block = f.read(size)
            if not block:
                return
            block += f.readline()
            yield block


def count(block):
    return collections.Counter(WORD.findall(block.decode("utf-8", "replace").lower()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--chunk-size", type=int, default=4 << 20)
    parser.add_argument("--out")
    args = parser.parse_args()
    total = collections.Counter()
    with multiprocessing.Pool(args.workers) as pool:
        for partial in pool.imap_unordered(count, chunks(args.file, args.chunk_size)):
            total.update(partial)
    print(f"words={sum(total.values())} distinct={len(total)}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for word, n in sorted(total.items(), key=lambda p: (-p[1], p[0])):
                out.write(f"{word}\t{n}\n")


if __name__ == "__main__":
    main()
