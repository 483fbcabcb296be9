#!/usr/bin/env python3
"""Builds multi-turn coding-agent conversations from the corpus files, in OpenAI Chat Completions and
Anthropic Messages shapes, for the cache-economics runs. Deterministic (no randomness, fixed ids).

Each output file is the request body of the conversation's LAST turn; the harness replays it turn by
turn (request k = the messages up to and including the k-th tool result or user message). Tool results
are corpus files verbatim; the assistant text and tool calls are written here (synthesized dialogue
around real tool output). Tool names follow Claude Code (Bash, Grep, Read) and a generic OpenAI agent
(bash, grep, read_file); Read/read_file results are code the agent may edit next.

    python3 gen_conversations.py <corpus-dir> <out-dir>
"""
import hashlib
import json
import os
import sys

SYSTEM = ("You are a coding agent working in the repository /work/shop. Use the tools to inspect the code, run "
          "commands and fix problems. Be concise. When a tool result contains a marker like "
          "[... omitted; retrieve: KEY], call headroom_retrieve with that key to see the omitted text.")

TOOLS_ANTHROPIC = [
    {"name": "Bash", "description": "Run a shell command in the repository and return its output.",
     "input_schema": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}},
    {"name": "Grep", "description": "Search file contents with a regular expression (ripgrep semantics).",
     "input_schema": {"type": "object", "properties": {"pattern": {"type": "string"}, "path": {"type": "string"}},
                      "required": ["pattern"]}},
    {"name": "Read", "description": "Read a file from the repository.",
     "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}, "required": ["file_path"]}},
]

# (user message or None, assistant text, tool, argument, corpus file)
INCIDENT = [
    ("Checkout has been returning 502s since 09:20 UTC. Find out why and propose a fix.",
     "I'll start with the application logs around the incident.", "Bash", "tail -n 300 logs/app.log", "log/app-small.log"),
    (None, "Let me look at the edge proxy's access log too.", "Bash", "tail -n 300 /var/log/nginx/access.log", "log/nginx-small.log"),
    (None, "The pool is exhausted. Let me check the pods.", "Bash", "kubectl get pods -n shop -o json", "json/k8s-pods-small.json"),
    (None, "Recent cluster events:", "Bash", "kubectl get pods -n shop -o json", "json/k8s-pods-small.json"),
    (None, "Where is the pool configured?", "Grep", "process\\.env\\.", "search/grep-env-small.txt"),
    (None, "Let me read the router that serves checkout.", "Read", "src/router/index.js", "code/js-express-router.js"),
    (None, "Are there open issues about this?", "Bash", "gh api repos/acme/storefront/issues", "json/github-issues-small.json"),
    (None, "And the recent pull requests:", "Bash", "gh api repos/acme/storefront/issues?state=closed", "json/github-issues-small.json"),
    (None, "Let me check what changed in the last release.", "Bash", "git diff HEAD~1 HEAD", "diff/git-diff-small.diff"),
    (None, "Running the tests to see the current state.", "Bash", "mvn test", "build/mvn-test-fail-small.txt"),
    ("Focus on the failing reservation test first.", "Reading the inventory test output in more detail.", "Bash",
     "mvn test -Dtest=PricingTest", "build/mvn-test-fail-large.txt"),
    (None, "Checking the dependency tree for a version conflict.", "Bash", "mvn dependency:tree -Dverbose",
     "tree/mvn-dependency-tree-verbose.txt"),
    (None, "Which packages are in the database?", "Bash", "sqlite3 -json packages.db 'SELECT ...'", "json/sqlite-small.json"),
    (None, "Let me look at the JSON log stream as well.", "Bash", "cat logs/app.log | grep -c ERROR", "log/app-small.log"),
    (None, "Front-end dependencies:", "Bash", "npm ls --all", "tree/npm-ls-medium.txt"),
    (None, "Running the front-end tests.", "Bash", "npx jest --ci", "build/jest-fail-small.txt"),
    (None, "Searching for deprecations in express.", "Grep", "deprecate\\(", "search/grep-small.txt"),
    (None, "Checking the last few releases of the semver dependency.", "Bash", "git log -p -n 6", "diff/git-log-p-medium.txt"),
    (None, "Reading the session handling code.", "Read", "vendor/requests/sessions.py", "code/py-requests-sessions.py"),
    (None, "Looking at TypeErrors thrown by the build tooling.", "Grep", "throw new TypeError", "search/grep-medium.txt"),
    (None, "Let me check the nginx log once more for the recovery.", "Bash", "grep -rn deprecate lib",
     "search/grep-small.txt"),
    ("Good. Now check the app log for the recovery window.", "Reading the short app log.", "Bash", "tail -n 300 logs/app.log",
     "log/app-small.log"),
    (None, "Pods again after the rollout:", "Bash", "kubectl get pods -n shop -o json", "json/k8s-pods-small.json"),
    (None, "Let me check the package metadata for express.", "Bash", "npm view express --json", "json/npm-view-express.json"),
    (None, "Documentation on debug logging:", "Bash", "cat node_modules/debug/README.md", "prose/debug-readme.md"),
]

UPGRADE = [
    ("Upgrade the build tooling (webpack, eslint, jest) and make sure the tests still pass.",
     "Let me see the current dependency tree.", "Bash", "npm ls --all", "tree/npm-ls-medium.txt"),
    (None, "Webpack's published metadata:", "Bash", "npm view express --json", "json/npm-view-express.json"),
    (None, "Where do we require webpack internals?", "Grep", "throw new TypeError", "search/grep-medium.txt"),
    (None, "Reading Compilation.js to understand the hook we patch.", "Read", "src/router/index.js",
     "code/js-express-router.js"),
    (None, "What changed in commander across majors?", "Bash", "git log -p -n 6", "diff/git-log-p-medium.txt"),
    (None, "The diff of the last three releases:", "Bash", "git diff HEAD~5 HEAD", "diff/git-diff-medium.diff"),
    (None, "Running the unit tests.", "Bash", "npx jest --ci", "build/jest-fail-small.txt"),
    (None, "Backend tests as well.", "Bash", "mvn test", "build/mvn-test-fail-small.txt"),
    (None, "The Maven dependency tree:", "Bash", "mvn dependency:tree", "tree/mvn-dependency-tree.txt"),
    (None, "File sizes by package from the inventory database:", "Bash", "sqlite3 -json packages.db 'SELECT ...'",
     "json/sqlite-small.json"),
    (None, "Aggregate sizes by extension:", "Bash", "sqlite3 -json packages.db 'SELECT ext, ...'", "json/sqlite-aggregate.json"),
    (None, "Python tooling requirements resolve like this:", "Bash", "pip install --dry-run --report - requests",
     "json/pip-report-requests.json"),
    (None, "Docs passages about caching:", "Bash", "docs-search cache", "prose/rag-error-small.txt"),
    ("Also check the Go and Rust helpers still build.", "Reading the Go helper.", "Read", "tools/errgroup.go",
     "code/go-x-sync-errgroup.go"),
    (None, "And the Rust version parser.", "Read", "tools/semver/src/parse.rs", "code/rs-semver-parse.rs"),
    (None, "Checking the tapable docs for the hook API.", "Bash", "cat node_modules/tapable/README.md", "prose/express-readme.md"),
    (None, "Searching for env access again after the upgrade.", "Grep", "process\\.env\\.", "search/grep-env-small.txt"),
    (None, "Front-end dependency tree after the upgrade:", "Bash", "npm ls --all", "tree/npm-ls-small.txt"),
    (None, "Checking the semver diff once more.", "Bash", "git diff HEAD~5 HEAD", "diff/git-diff-medium.diff"),
    (None, "Validate.java has the argument checks we mirror:", "Read", "lib/Validate.java", "code/java-commons-lang3-Validate.java"),
    (None, "Re-running the backend tests.", "Bash", "mvn test", "build/mvn-test-fail-small.txt"),
    (None, "Open issues mentioning the upgrade:", "Bash", "gh api repos/acme/storefront/issues?per_page=100",
     "json/github-issues-small.json"),
]


def tool_id(prefix, conv, i):
    return prefix + hashlib.sha256(("%s-%d" % (conv, i)).encode()).hexdigest()[:24]


def read(corpus, rel):
    with open(os.path.join(corpus, rel), encoding="utf-8") as f:
        return f.read()


def args_for(tool, arg):
    return {"Bash": {"command": arg}, "Grep": {"pattern": arg, "path": "."}, "Read": {"file_path": arg}}[tool]


def anthropic(name, script, corpus):
    msgs = []
    pending_user = None
    for i, (user, text, tool, arg, rel) in enumerate(script):
        tid = tool_id("toolu_01", name, i)
        if user is not None:
            if pending_user is not None:
                pending_user["content"].append({"type": "text", "text": user})
            else:
                msgs.append({"role": "user", "content": user})
        msgs.append({"role": "assistant", "content": [{"type": "text", "text": text},
                                                      {"type": "tool_use", "id": tid, "name": tool, "input": args_for(tool, arg)}]})
        pending_user = {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": read(corpus, rel)}]}
        msgs.append(pending_user)
    msgs.append({"role": "assistant", "content": [{"type": "text", "text": "Summary: see the findings above."}]})
    msgs.append({"role": "user", "content": "Thanks. Write the fix."})
    return {"model": "claude-sonnet-4-5", "max_tokens": 8192,
            "system": [{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}],
            "tools": TOOLS_ANTHROPIC, "messages": msgs}


def openai(name, script, corpus):
    tools = [{"type": "function", "function": {"name": t["name"].lower() if t["name"] != "Read" else "read_file",
                                               "description": t["description"], "parameters": t["input_schema"]}}
             for t in TOOLS_ANTHROPIC]
    msgs = [{"role": "system", "content": SYSTEM}]
    for i, (user, text, tool, arg, rel) in enumerate(script):
        if user is not None:
            msgs.append({"role": "user", "content": user})
        cid = tool_id("call_", name, i)
        fname = "read_file" if tool == "Read" else tool.lower()
        msgs.append({"role": "assistant", "content": text, "tool_calls": [
            {"id": cid, "type": "function", "function": {"name": fname, "arguments": json.dumps(args_for(tool, arg))}}]})
        msgs.append({"role": "tool", "tool_call_id": cid, "content": read(corpus, rel)})
    msgs.append({"role": "assistant", "content": "Summary: see the findings above."})
    msgs.append({"role": "user", "content": "Thanks. Write the fix."})
    return {"model": "gpt-4o", "tools": tools, "messages": msgs}


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, script in (("incident", INCIDENT), ("upgrade", UPGRADE)):
        for shape, fn in (("anthropic", anthropic), ("openai", openai)):
            body = fn(name, script, corpus)
            with open(os.path.join(out, "%s-%s.json" % (shape, name)), "w", encoding="utf-8") as f:
                json.dump(body, f, indent=1, ensure_ascii=False)
                f.write("\n")


if __name__ == "__main__":
    main()
