#!/usr/bin/env python3
"""Runs Headroom (the Python package headroom-ai) on the harness's inputs, for the side-by-side table.

Reads JSON lines {"id", "content", "query"} from argv[1]; writes JSON lines {"id", "output", "seconds",
"originals": {hash: original}, "error"} to argv[2]. Each input is sent the way an agent would send it: a user
question, an assistant tool call, and the tool result holding the content, through headroom.compress() with
protect_recent=0 (otherwise the newest messages, here the tool result, are never compressed) and Kompress
disabled (its model is downloaded from a model hub at run time, which this machine cannot reach). Every
retrieval hash in the output is looked up in Headroom's own compression store, so recoverability is proven
the same way as for Headroom4j. Timing is wall-clock around compress() for one call, after one warm-up call.
"""
import json
import re
import sys
import time

from headroom import compress
from headroom.cache.compression_store import get_compression_store

HASHES = re.compile(r"(?:hash=|<<ccr:)([0-9a-f]{8,64})")


def messages(content, query):
    return [{"role": "user", "content": query or "Summarise this output."},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "bash", "arguments": "{\"command\": \"run\"}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": content}]


def run(content, query):
    r = compress(messages(content, query), model="gpt-4o", protect_recent=0, kompress_model="disabled")
    out = r.messages[-1].get("content")
    if not isinstance(out, str):
        out = json.dumps(out)
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    run("warm up " * 400, "")
    store = get_compression_store()
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            item = json.loads(line)
            rec = {"id": item["id"], "output": None, "seconds": 0.0, "originals": {}, "error": None}
            try:
                t = time.perf_counter()
                o = run(item["content"], item.get("query", ""))
                rec["seconds"] = time.perf_counter() - t
                rec["output"] = o
                for h in dict.fromkeys(HASHES.findall(o)):
                    e = store.retrieve(h)
                    if e is not None:
                        rec["originals"][h] = e.original_content
            except Exception as e:  # report, never stop the run
                rec["error"] = "%s: %s" % (type(e).__name__, e)
            out.write(json.dumps(rec) + "\n")
            out.flush()
            print("headroom-peer: %s done" % item["id"], file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
