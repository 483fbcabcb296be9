#!/usr/bin/env bash
# Builds libheadroom4j-treesitter.so: the tree-sitter runtime, the eight grammars the code compressor uses and
# our JNI glue (headroom4j_treesitter.c), compiled with gcc -O2 into one shared library for linux-x86_64.
#
# Usage: build.sh <output .so> <cache dir> <java home> [pgo: true|false, default true]
#
# Profile-guided (pgo=true): everything is compiled once with -fprofile-generate, a small driver
# (pgo_train.c) parses the committed code fixtures (src/test/resources/fixtures/code) a fixed number of times
# through the same glue, and everything is compiled again with -fprofile-use. The profile is counts only (no
# timings), so the result is the same on every run with the same gcc. It adds about 15 s to a clean build
# (cached afterwards) and parses 5-15% faster; if any step of it fails, the plain -O2 build is used.
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
pgo=${4:-true}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

warn() {
    echo "[headroom4j native] WARNING: $*; the code compressor will use the io.github.bonede bindings" >&2
    exit 0
}

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] || warn "not linux-x86_64 ($(uname -s) $(uname -m))"
command -v gcc > /dev/null || warn "gcc not found"
[ -f "$java_home/include/jni.h" ] || warn "no jni.h under $java_home/include"

# Up to date: nothing to do (Maven calls this on every build).
fixtures=("$here"/../../test/resources/fixtures/code/*.{py,js,ts,go,rs,java,c,cc})
inputs=("$here/build.sh" "$here/headroom4j_treesitter.c" "$here/sources.sha256" "$here/pgo_train.c" "${fixtures[@]}")
up_to_date=true
for f in "${inputs[@]}"; do
    [ -f "$out" ] && [ "$out" -nt "$f" ] || up_to_date=false
done
[ $up_to_date = true ] && exit 0

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
glue_flags=(-Wall -Werror -I"$java_home/include" -I"$java_home/include/linux")

# name=source pairs; the grammar files are named by language so the objects do not collide.
units=("runtime=$rt/src/lib.c")
for g in python-0.25.0 javascript-0.25.0 go-0.25.0 rust-0.24.0 java-0.23.5 c-0.24.1 cpp-0.23.4; do
    units+=("${g%-*}-parser=$cache/src/tree-sitter-$g/package/src/parser.c")
    [ -f "$cache/src/tree-sitter-$g/package/src/scanner.c" ] \
        && units+=("${g%-*}-scanner=$cache/src/tree-sitter-$g/package/src/scanner.c")
done
units+=("typescript-parser=$cache/src/tree-sitter-typescript-0.23.2/package/typescript/src/parser.c")
units+=("typescript-scanner=$cache/src/tree-sitter-typescript-0.23.2/package/typescript/src/scanner.c")

# compile <object dir> <extra flags...> -- <name=source>: one object, skipped when it is newer than its source.
compile() {
    local dir=$1
    shift
    local extra=()
    while [ "$1" != -- ]; do
        extra+=("$1")
        shift
    done
    local name=${2%%=*} src=${2#*=}
    local obj="$dir/$name.o"
    local flags=("${cflags[@]}")
    [ "$name" = glue ] && flags+=("${glue_flags[@]}")
    if [ ${#extra[@]} -gt 0 ]; then
        # Profile-guided: written under its final name, as gcc names a profile after its object (an
        # interrupted build leaves no "done" file, so the whole directory is built again).
        gcc "${flags[@]}" "${extra[@]}" -I"$rt/include" -I"$rt/src" -I"$(dirname "$src")" -c "$src" -o "$obj"
    elif [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
        gcc "${flags[@]}" -I"$rt/include" -I"$rt/src" -I"$(dirname "$src")" -c "$src" -o "$obj.part" \
            && mv "$obj.part" "$obj"
    fi
}

# compile_all <object dir> <extra flags...>: every unit and the glue, two at a time (the build machine has two
# cores). Fails when any unit fails.
compile_all() {
    local dir=$1
    shift
    local pids=() fail=0
    for u in "${units[@]}" "glue=$here/headroom4j_treesitter.c"; do
        compile "$dir" "$@" -- "$u" &
        pids+=($!)
        if [ ${#pids[@]} -ge 2 ]; then
            wait "${pids[0]}" || fail=1
            pids=("${pids[@]:1}")
        fi
    done
    for p in "${pids[@]}"; do
        wait "$p" || fail=1
    done
    return $fail
}

objects_of() {
    for u in "${units[@]}" glue; do
        echo "$1/${u%%=*}.o"
    done
}

# The profile-guided objects: instrumented build, training run, optimised build, in one directory keyed by
# everything they depend on. Returns non-zero (and leaves no directory) on any failure.
pgo_build() {
    local dir=$1
    rm -rf "$dir" && mkdir -p "$dir" || return 1
    compile_all "$dir" -fprofile-generate -fprofile-update=single || return 1
    # shellcheck disable=SC2046
    gcc -O2 -I"$rt/include" "$here/pgo_train.c" $(objects_of "$dir") -fprofile-generate -o "$dir/pgo_train" \
        -lpthread || return 1
    # The driver's own profile is not used; fixed rounds keep the counts (and so the build) reproducible.
    (cd "$dir" && timeout 300 ./pgo_train 20 "${fixtures[@]}") || return 1
    rm -f "$dir"/*.o "$dir/pgo_train"
    compile_all "$dir" -fprofile-use -fprofile-partial-training -Wno-missing-profile || return 1
    touch "$dir/done"
}

# Objects are cached per flag set (and, profile-guided, per input of the training), so changing a flag, the
# glue or a fixture recompiles everything.
objdir="$cache/obj-$(echo "${cflags[*]}" | sha256sum | cut -c1-12)"
if [ "$pgo" = true ]; then
    key=$( (echo "${cflags[*]}"; gcc --version | head -1; cat "${inputs[@]}") | sha256sum | cut -c1-12)
    objdir="$cache/pgo-$key"
    if [ ! -f "$objdir/done" ] && ! pgo_build "$objdir" > "$cache/pgo.log" 2>&1; then
        echo "[headroom4j native] NOTE: the profile-guided build failed (see $cache/pgo.log); building with -O2" >&2
        rm -rf "$objdir"
        objdir="$cache/obj-$(echo "${cflags[*]}" | sha256sum | cut -c1-12)"
    fi
fi
if [ ! -f "$objdir/done" ]; then
    mkdir -p "$objdir" || warn "cannot create $objdir"
    # The glue is always recompiled on this path (it is small; its object is not keyed by its source).
    rm -f "$objdir/glue.o"
    compile_all "$objdir" || warn "compiling the tree-sitter sources or the JNI glue failed"
fi

mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2046
gcc -shared -s -Wl,--gc-sections -Wl,-z,defs -o "$out.part" $(objects_of "$objdir") -lc -lpthread \
    && mv "$out.part" "$out" || warn "linking failed"
echo "[headroom4j native] built $out ($(stat -c %s "$out") bytes$([[ $objdir == */pgo-* ]] && echo ", profile-guided"))"
