"""A real MCP client (the official `mcp` Python SDK) driving a stdio MCP server for the Java tests.

Usage: python mcp_client.py CALLS.json OUT.json -- COMMAND [ARGS...]
CALLS.json is a list of {"tool": name, "arguments": {...}} or {"retrieve_key_from": i} steps; the
answers go to OUT.json as {"server": ..., "tools": [...], "calls": [{"is_error": b, "texts": [...]}]}.
A step {"tool": "headroom_retrieve", "key_from": i, "key_field": "key"} takes the key from the JSON
text of call i. The environment of this process is passed to the server.
"""
import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main() -> None:
    calls_file, out_file, sep, command, *args = sys.argv[1:]
    assert sep == "--"
    with open(calls_file, encoding="utf-8") as f:
        steps = json.load(f)
    params = StdioServerParameters(command=command, args=args, env=dict(os.environ))
    out = {"server": None, "tools": [], "calls": []}
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            out["server"] = {"name": init.server_info.name if hasattr(init, "server_info") else init.serverInfo.name}
            tools = await session.list_tools()
            out["tools"] = [t.name for t in tools.tools]
            for step in steps:
                arguments = dict(step.get("arguments", {}))
                if "key_from" in step:
                    earlier = json.loads(out["calls"][step["key_from"]]["texts"][0])
                    arguments["key"] = earlier[step.get("key_field", "key")]
                result = await session.call_tool(step["tool"], arguments)
                is_error = getattr(result, "is_error", None)
                if is_error is None:
                    is_error = getattr(result, "isError", False)
                texts = [c.text for c in result.content if getattr(c, "type", "") == "text"]
                out["calls"].append({"is_error": bool(is_error), "texts": texts})
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump(out, f)


asyncio.run(main())
