# Drives the official anthropic and openai Python SDKs against the Headroom4j proxy (RealClientsTest).
import json
import sys

import anthropic
import openai

base, log_path = sys.argv[1], sys.argv[2]
log = open(log_path, encoding="utf-8").read()
print("PY_VERSIONS", anthropic.__version__, openai.__version__)

a = anthropic.Anthropic(base_url=base, api_key="sk-ant-test-key", max_retries=0)
m = a.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": "hi"}])
print("PY_ANTHROPIC_CREATE", m.content[0].text)
with a.messages.stream(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": "hi"}]) as s:
    print("PY_ANTHROPIC_STREAM", "".join(s.text_stream))

msgs = [
    {"role": "user", "content": "why?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "Bash",
                                       "input": {"command": "cat app.log"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": log}]},
]
tools = [{"name": "Bash", "description": "run", "input_schema": {"type": "object",
                                                                 "properties": {"command": {"type": "string"}}}}]
with a.messages.stream(model="claude-sonnet-4-5", max_tokens=64, messages=msgs, tools=tools) as s:
    final = s.get_final_message()
print("PY_ANTHROPIC_RETRIEVE", json.dumps([b.text for b in final.content if b.type == "text"]), final.stop_reason,
      len([b for b in final.content if b.type == "tool_use"]))

try:
    a.messages.create(model="rate-limited", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
except anthropic.RateLimitError as e:
    print("PY_ANTHROPIC_429", e.status_code, e.response.headers.get("retry-after"))

o = openai.OpenAI(base_url=base + "/v1", api_key="sk-test-key", max_retries=0)
c = o.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
print("PY_OPENAI_CREATE", c.choices[0].message.content)
parts, usage = [], None
for ch in o.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True,
                                    stream_options={"include_usage": True}):
    if ch.choices:
        parts.append(ch.choices[0].delta.content or "")
    if ch.usage:
        usage = ch.usage.prompt_tokens
print("PY_OPENAI_STREAM", "".join(parts), usage)
try:
    o.chat.completions.create(model="rate-limited", messages=[{"role": "user", "content": "hi"}])
except openai.RateLimitError as e:
    print("PY_OPENAI_429", e.status_code)
