#!/usr/bin/env bash
# Builds libheadroom4j-treesitter.so: the tree-sitter runtime, the eight grammars the code compressor uses and
# our JNI glue (headroom4j_treesitter.c), compiled with gcc -O2 into one shared library for linux-x86_64.
#
# Usage: build.sh <output .so> <cache dir> <java home>
#
# The sources are the exact versions the io.github.bonede jars are built from, downloaded from their
# registries (crates.io for the runtime, npm for the grammars) and checked against sources.sha256 (each
# checksum agrees with the registry's own: the crates.io index "cksum" and npm's "dist.integrity").
# Downloads and objects are cached in <cache dir>, so a rebuild costs only the link.
#
# Never fails the build: on another OS or CPU, without gcc, without network, or on a checksum mismatch it
# prints a warning and produces no library, and the code compressor uses the bonede bindings instead.
set -uo pipefail

out=$1
cache=$2
java_home=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

warn() {
    echo "[headroom4j native] WARNING: $*; the code compressor will use the io.github.bonede bindings" >&2
    exit 0
}

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] || warn "not linux-x86_64 ($(uname -s) $(uname -m))"
command -v gcc > /dev/null || warn "gcc not found"
[ -f "$java_home/include/jni.h" ] || warn "no jni.h under $java_home/include"

# Up to date: nothing to do (Maven calls this on every build).
if [ -f "$out" ] && [ "$out" -nt "$here/build.sh" ] && [ "$out" -nt "$here/headroom4j_treesitter.c" ] \
        && [ "$out" -nt "$here/sources.sha256" ]; then
    exit 0
fi

mkdir -p "$cache/dl" "$cache/src" || warn "cannot create $cache"

url_of() {
    case $1 in
        tree-sitter-0.*.crate) echo "https://static.crates.io/crates/tree-sitter/$1" ;;
        *.tgz) local base=${1%.tgz}; echo "https://registry.npmjs.org/${base%-*}/-/$1" ;;
    esac
}

while read -r sum file; do
    [ -n "$file" ] || continue
    dl="$cache/dl/$file"
    if [ ! -f "$dl" ] || ! echo "$sum  $dl" | sha256sum -c --status; then
        curl -sSfL --retry 2 --max-time 120 -o "$dl.part" "$(url_of "$file")" || warn "cannot download $file"
        mv "$dl.part" "$dl"
        echo "$sum  $dl" | sha256sum -c --status || { rm -f "$dl"; warn "checksum mismatch for $file"; }
    fi
    dir="$cache/src/${file%.*}"
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir.part" && tar xzf "$dl" -C "$dir.part" && mv "$dir.part" "$dir" || warn "cannot unpack $file"
    fi
done < "$here/sources.sha256"

rt="$cache/src/tree-sitter-0.26.6/tree-sitter-0.26.6"
cflags=(-O2 -fPIC -fvisibility=hidden -DTREE_SITTER_HIDE_SYMBOLS -std=c11 -D_DEFAULT_SOURCE -w)
# Objects are cached per flag set, so changing a flag recompiles everything.
objdir="$cache/obj-$(echo "${cflags[*]}" | sha256sum | cut -c1-12)"
mkdir -p "$objdir" || warn "cannot create $objdir"

# name=source pairs; the grammar files are named by language so the objects do not collide.
units=("runtime=$rt/src/lib.c")
for g in python-0.25.0 javascript-0.25.0 go-0.25.0 rust-0.24.0 java-0.23.5 c-0.24.1 cpp-0.23.4; do
    units+=("${g%-*}-parser=$cache/src/tree-sitter-$g/package/src/parser.c")
    [ -f "$cache/src/tree-sitter-$g/package/src/scanner.c" ] \
        && units+=("${g%-*}-scanner=$cache/src/tree-sitter-$g/package/src/scanner.c")
done
units+=("typescript-parser=$cache/src/tree-sitter-typescript-0.23.2/package/typescript/src/parser.c")
units+=("typescript-scanner=$cache/src/tree-sitter-typescript-0.23.2/package/typescript/src/scanner.c")

compile() {
    local name=${1%%=*} src=${1#*=}
    local obj="$objdir/$name.o"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
        gcc "${cflags[@]}" -I"$rt/include" -I"$rt/src" -I"$(dirname "$src")" -c "$src" -o "$obj.part" \
            && mv "$obj.part" "$obj"
    fi
}

# Two at a time: the build machine has two cores.
pids=()
fail=0
for u in "${units[@]}"; do
    compile "$u" &
    pids+=($!)
    if [ ${#pids[@]} -ge 2 ]; then
        wait "${pids[0]}" || fail=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do
    wait "$p" || fail=1
done
[ $fail = 0 ] || warn "compiling the tree-sitter sources failed"

glue="$objdir/glue.o"
gcc "${cflags[@]}" -Wall -Werror -I"$rt/include" -I"$java_home/include" -I"$java_home/include/linux" \
    -c "$here/headroom4j_treesitter.c" -o "$glue" || warn "compiling the JNI glue failed"
mkdir -p "$(dirname "$out")"
objs=()
for u in "${units[@]}"; do
    objs+=("$objdir/${u%%=*}.o")
done
gcc -shared -s -Wl,--gc-sections -Wl,-z,defs -o "$out.part" "$glue" "${objs[@]}" -lc \
    && mv "$out.part" "$out" || warn "linking failed"
echo "[headroom4j native] built $out ($(stat -c %s "$out") bytes)"
