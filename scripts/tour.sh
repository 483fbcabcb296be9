#!/usr/bin/env bash
# Regenerates docs/tour.md: runs the 30-second tour against the built CLI jar in a throw-away workspace
# and writes the commands with their real output (the workspace is shown as ~/.headroom4j).
# Usage: scripts/tour.sh > docs/tour.md
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/find-jdk.sh" >/dev/null
jar="$root/headroom-cli/target/headroom.jar"
[ -f "$jar" ] || { echo "build the CLI first: ./mvnw -q -pl headroom-cli -am package -DskipTests" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HEADROOM_WORKSPACE_DIR="$work/ws"
cp "$root/headroom-cli/src/main/resources/io/headroom4j/cli/demo/service.log" "$work/"
cp "$root/headroom-cli/src/main/resources/io/headroom4j/cli/demo/test-run.txt" "$work/"
cd "$work"
mkdir -p "$work/bin"
# A `headroom` on the PATH running the built jar.
cat > "$work/bin/headroom" <<SH
#!/usr/bin/env bash
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "\$@"
SH
chmod +x "$work/bin/headroom"
export PATH="$work/bin:$PATH"

show() {   # show "<command as printed>" <command...>
  local shown="$1"; shift
  echo '```console'
  echo "\$ $shown"
  local out
  out="$("$@" 2>&1 || true)"
  local shown_ws='~/.headroom4j'
  printf '%s\n' "${out//$HEADROOM_WORKSPACE_DIR/$shown_ws}"
  echo '```'
}

cat <<'MD'
## A 30-second tour

No API key, no network. `headroom demo` runs the content router over four bundled tool outputs (a JSON
API response, a service log with an incident, a failing `mvn test` run, `grep -rn` output), prints what
each would cost the model before and after, and proves the retrieval keys bring back the exact originals:

MD
show "headroom demo" headroom demo
cat <<'MD'

Compress any tool output, from a file or a pipe. The result goes to stdout, a one-line summary to stderr:

MD
show "headroom compress service.log --query \"why did payments fail\" > compressed.txt" \
  bash -c "headroom compress service.log --query 'why did payments fail' > compressed.txt"
show "cat test-run.txt | headroom compress --tool Bash --format json | jq '{type, tokens, transforms, keys: (.keys | length)}'" \
  bash -c "cat test-run.txt | headroom compress --tool Bash --format json | jq '{type, tokens, transforms, keys: (.keys | length)}'"

# The key to show: the largest original dropped from compressed.txt, searched for the payment calls the
# compressor folded away; or, when no compressor dropped anything, the whole log as `headroom demo`
# stored it, searched for the incident.
key=""
best=0
for k in $(grep -o 'retrieve: [0-9a-f]\{24\}' compressed.txt | cut -d' ' -f2); do
  size="$(headroom retrieve "$k" 2>/dev/null | wc -c)"
  if [ "$size" -gt "$best" ]; then best="$size"; key="$k"; fi
done
query="payments authorize"
if [ -n "$key" ]; then
  cat <<'MD'

Every omission marker ends with `retrieve: <key>`; the key is the first 24 hex digits of the SHA-256 of what
was dropped, so anyone can check that what comes back is exactly what was there. The model fetches it
through the `headroom_retrieve` tool; from a shell:

MD
  show "grep -c 'omitted; retrieve: ' compressed.txt" grep -c 'omitted; retrieve: ' compressed.txt
  show "headroom retrieve $key | sha256sum | cut -c1-24" bash -c "headroom retrieve $key | sha256sum | cut -c1-24"
  cat <<'MD'

Or only the lines that match a query, ranked by BM25, in their original order with their line numbers
(counted within the stored text):

MD
else
  key="$(headroom demo | grep -o '^  [0-9a-f]\{24\}  service.log' | awk '{print $1}')"
  query="timed out"
  cat <<'MD'

Every omission marker ends with `retrieve: <key>`. The key brings back the original byte for byte (the
model does the same through the `headroom_retrieve` tool), or only the lines that match a query:

MD
  show "headroom retrieve $key | cmp - service.log && echo identical" \
    bash -c "headroom retrieve $key | cmp - service.log && echo identical"
fi
show "headroom retrieve $key --query \"$query\" | head -8" bash -c "headroom retrieve $key --query '$query' | head -8"

cat <<'MD'

Settings come from defaults < `--config FILE` (properties) < `HEADROOM_*` environment variables < flags,
the same for the CLI, the proxy and the MCP server; originals live in `$HEADROOM_WORKSPACE_DIR/store.db`
(default `~/.headroom4j`) for `store-ttl-hours` (24). See [store.md](store.md).

### `compress`, `retrieve`, `demo` in short

| command | does | exit codes |
|---|---|---|
| `headroom compress [FILE\|DIR --out DIR\|-] [--query Q] [--tool NAME] [--lossless] [--model M] [--format text\|json]` | compresses one tool output, or a whole OpenAI/Anthropic request body (a JSON object with `messages` or `input`); result on stdout, summary on stderr; `--format json` prints `{output, type, tokens, transforms, keys, note}` | 0 done (also when nothing could be saved), 1 unreadable or non-UTF-8 input, 2 usage |
| `headroom retrieve KEY [--query Q]` | prints the original exactly, no added newline; KEY may be the whole marker; with `--query`, only the matching lines or JSON items | 0 printed, 1 not stored / expired / store unreadable, 2 malformed key |
| `headroom demo [--show] [--keys]` | the bundled samples, offline; `--show` prints what the model would see, `--keys` every key | 0, or 1 if a key failed to bring back what was stored |

All three take `--config FILE`, `--workspace DIR` and `--set KEY=VALUE` (any setting). When the workspace
store cannot be opened, `compress` says so and compresses losslessly only, since nothing dropped could be
brought back.
MD
