// Drives the official Node SDKs and Headroom's own headroom-ai client against the Headroom4j proxy.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { HeadroomClient, compress } from 'headroom-ai';
import { readFileSync } from 'node:fs';

const [base, logPath] = process.argv.slice(2);
const log = readFileSync(logPath, 'utf8');

const a = new Anthropic({ baseURL: base, apiKey: 'sk-ant-test-key', maxRetries: 0 });
const m = await a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }] });
console.log('NODE_ANTHROPIC_CREATE', m.content[0].text);
let t = '';
const s = a.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
s.on('text', (x) => { t += x; });
await s.finalMessage();
console.log('NODE_ANTHROPIC_STREAM', t);

const o = new OpenAI({ baseURL: base + '/v1', apiKey: 'sk-test-key', maxRetries: 0 });
const c = await o.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
console.log('NODE_OPENAI_CREATE', c.choices[0].message.content);
let p = '';
const st = await o.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }],
  stream: true, stream_options: { include_usage: true } });
for await (const ch of st) { if (ch.choices.length) p += ch.choices[0].delta.content ?? ''; }
console.log('NODE_OPENAI_STREAM', p);

const history = [
  { role: 'user', content: 'why?' },
  { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function',
    function: { name: 'bash', arguments: '{}' } }] },
  { role: 'tool', tool_call_id: 'c1', content: log },
];
const rs = o.chat.completions.stream({ model: 'gpt-4o', messages: history,
  tools: [{ type: 'function', function: { name: 'bash', parameters: { type: 'object', properties: {} } } }] });
const fc = await rs.finalChatCompletion();
console.log('NODE_OPENAI_RETRIEVE', JSON.stringify(fc.choices[0].message.content), fc.choices[0].finish_reason,
  (fc.choices[0].message.tool_calls ?? []).length);

const hr = new HeadroomClient({ baseUrl: base, fallback: false, retries: 0 });
const r = await hr.compress(history, { model: 'gpt-4o' });
console.log('NODE_HEADROOM_COMPRESS', r.compressed, r.tokensBefore, r.tokensAfter, r.tokensSaved, r.ccrHashes.length,
  r.messages[2].content.includes('; retrieve: '));
const r2 = await compress(history, { baseUrl: base, model: 'gpt-4o', fallback: false, retries: 0 });
console.log('NODE_HEADROOM_COMPRESS_FN', r2.tokensSaved, r2.messages.length);
const health = await hr.health();
console.log('NODE_HEADROOM_HEALTH', health.status);
