#!/usr/bin/env bash
# Recreates the small Maven project whose failing `mvn test` run is headroom-cli's demo/test-run.txt:
#   scripts/demo-samples/make_test_project.sh /tmp/demo-shop
#   cd /tmp/demo-shop && mvn -B -o -ntp test -DtrimStackTrace=false > test-run.txt
# The project sources are kept in demo-shop.tar.gz next to this script.
set -euo pipefail
dest="${1:-/tmp/demo-shop}"
mkdir -p "$dest"
tar -xzf "$(dirname "${BASH_SOURCE[0]}")/demo-shop.tar.gz" -C "$dest"
echo "project in $dest"
