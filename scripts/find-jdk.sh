#!/usr/bin/env bash
# Sourced by ./headroom and ./run-tests: exports JAVA_HOME pointing at a JDK >= 21, or exits with a message.
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm (or $HEADROOM_JVM_DIR).

headroom_jdk_major() {  # prints the major version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$v"
}

headroom_find_jdk() {
  local best="" best_v=0 dir v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(headroom_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      return 0
    fi
  fi
  for dir in "${HEADROOM_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$dir" ] || continue
    v=$(headroom_jdk_major "$dir")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then
      best="$dir"; best_v="$v"
    fi
  done
  if [ -z "$best" ]; then
    echo "headroom: no JDK 21 or newer found. Set JAVA_HOME to one (checked JAVA_HOME='${JAVA_HOME:-}' and ${HEADROOM_JVM_DIR:-/usr/lib/jvm}/*)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

headroom_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
export ORT_DISABLE_TELEMETRY=1
