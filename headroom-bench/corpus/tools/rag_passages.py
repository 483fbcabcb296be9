#!/usr/bin/env python3
"""Builds a RAG-style context: the markdown sections (split on headings) of real package READMEs that
contain a query word, each preceded by a citation header, in README order. Deterministic.

    python3 rag_passages.py <query-word> <max-passages> README.md...
"""
import os
import re
import sys

word, limit, files = sys.argv[1].lower(), int(sys.argv[2]), sys.argv[3:]
out = []
for path in files:
    text = open(path, encoding="utf-8").read()
    parts = re.split(r"(?m)^(?=#{1,4} )", text)
    for i, part in enumerate(parts):
        if word in part.lower() and len(part) > 200 and len(out) < limit:
            pkg = path.split("node_modules/")[-1].split("/")[0] if "node_modules/" in path else os.path.basename(path)
            heading = part.splitlines()[0].lstrip("# ").strip()
            out.append("[passage %d] source: %s#section-%d (%s)\n%s" % (len(out) + 1, path.split("node_modules/")[-1], i, heading, part.strip()))
sys.stdout.write("\n\n".join(out) + "\n")
