#!/usr/bin/env python3
"""Builds packages.db from an installed node_modules tree (real package.json metadata and real file sizes).

    python3 build_sqlite.py /tmp/corp/npm-large packages.db
Then the corpus JSON files are the output of `sqlite3 -json packages.db "<query>"` (see json/MANIFEST.md).
"""
import json
import os
import sqlite3
import sys

root, dbfile = sys.argv[1], sys.argv[2]
if os.path.exists(dbfile):
    os.remove(dbfile)
db = sqlite3.connect(dbfile)
db.execute("CREATE TABLE packages (id INTEGER PRIMARY KEY, name TEXT, version TEXT, license TEXT, description TEXT,"
           " main TEXT, dependencies INTEGER, homepage TEXT, repository TEXT, path TEXT)")
db.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, package_id INTEGER, path TEXT, ext TEXT, bytes INTEGER)")
pkgs = []
for dirpath, dirnames, filenames in os.walk(os.path.join(root, "node_modules")):
    dirnames.sort()
    if "package.json" in filenames and os.path.basename(os.path.dirname(dirpath)) in ("node_modules",) or \
            ("package.json" in filenames and os.path.basename(os.path.dirname(os.path.dirname(dirpath))) == "node_modules"
             and os.path.basename(os.path.dirname(dirpath)).startswith("@")):
        pkgs.append(dirpath)
for pid, d in enumerate(sorted(pkgs), 1):
    try:
        with open(os.path.join(d, "package.json"), encoding="utf-8") as f:
            p = json.load(f)
    except Exception:
        continue
    lic = p.get("license")
    if isinstance(lic, dict):
        lic = lic.get("type")
    repo = p.get("repository")
    if isinstance(repo, dict):
        repo = repo.get("url")
    db.execute("INSERT INTO packages VALUES (?,?,?,?,?,?,?,?,?,?)",
               (pid, p.get("name"), p.get("version"), lic, p.get("description"), p.get("main"),
                len(p.get("dependencies") or {}), p.get("homepage"), repo, os.path.relpath(d, root)))
    for fp, dn, fn in os.walk(d):
        dn[:] = sorted(x for x in dn if x != "node_modules")
        for name in sorted(fn):
            full = os.path.join(fp, name)
            db.execute("INSERT INTO files (package_id, path, ext, bytes) VALUES (?,?,?,?)",
                       (pid, os.path.relpath(full, root), os.path.splitext(name)[1], os.path.getsize(full)))
db.commit()
print(db.execute("SELECT count(*) FROM packages").fetchone()[0], "packages,",
      db.execute("SELECT count(*) FROM files").fetchone()[0], "files")
