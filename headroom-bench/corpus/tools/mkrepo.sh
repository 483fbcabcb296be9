#!/usr/bin/env bash
# mkrepo.sh <pkg> <dir> <versions...>: commits each published npm version of <pkg> as one commit in a new git repo.
set -euo pipefail
pkg=$1; dir=$2; shift 2
rm -rf "$dir"; mkdir -p "$dir"; git -C "$dir" init -q -b main
for v in "$@"; do
  t=$(cd tarballs && npm pack "$pkg@$v" --silent 2>/dev/null | tail -1)
  find "$dir" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  tar -xzf "tarballs/$t" -C "$dir" --strip-components=1
  git -C "$dir" add -A
  GIT_AUTHOR_DATE="2024-01-01T00:00:00Z" GIT_COMMITTER_DATE="2024-01-01T00:00:00Z" \
    git -C "$dir" -c user.name="npm registry" -c user.email="registry@example.invalid" commit -q -m "$pkg $v (as published to npm)"
done
