#!/usr/bin/env node
// A Galley plugin in Node.js (no npm packages): counts capitalised names in the prose and
// returns the most frequent ones, a crude "who is this about".
'use strict';
const readline = require('readline');

const manifest = {
  provides: ['entities'], requires: ['sentences'], uses: [],
  options: { type: 'object', additionalProperties: false, properties: { top: { type: 'integer', minimum: 1, maximum: 50, default: 5 } } },
  concurrency: 16, description: 'Most frequent capitalised names in the prose.'
};
const STOP = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'It', 'This', 'That', 'As', 'If', 'For', 'With', 'While', 'By', 'From', 'When', 'Its', 'Their', 'They', 'He', 'She', 'We', 'I', 'What', 'How', 'Why']);
let initOptions = {};

function send(msg) { process.stdout.write(JSON.stringify(msg) + '\n'); }

function analyse(article, options) {
  const counts = new Map();
  for (const s of article.sentences || []) {
    if (!['paragraph', 'answer', 'list_item'].includes(s.kind || 'paragraph')) continue;
    const words = s.text.split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const w = words[i].replace(/['’]s\b.*$/u, '').replace(/[^\p{L}\p{N}'-]/gu, '');
      if (!/^\p{Lu}\p{Ll}+$/u.test(w) || STOP.has(w)) continue;
      counts.set(w, (counts.get(w) || 0) + 1);
    }
  }
  const top = options.top || 5;
  return { names: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([name, count]) => ({ name, count })) };
}

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (line) => {
  if (!line.trim()) return;
  let msg;
  try { msg = JSON.parse(line); } catch (e) { return send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error: ' + e.message } }); }
  if (msg === null || typeof msg !== 'object' || msg.id === undefined || msg.id === null) return; // notifications
  const p = msg.params || {};
  switch (msg.method) {
    case 'initialize':
      if (p.protocol !== 1) return send({ jsonrpc: '2.0', id: msg.id, error: { code: -32005, message: `plugin entities speaks protocol 1, host speaks ${p.protocol}` } });
      initOptions = p.options || {};
      return send({ jsonrpc: '2.0', id: msg.id, result: { name: 'entities', version: '1.0.0', protocol: 1, manifest } });
    case 'process':
      try { return send({ jsonrpc: '2.0', id: msg.id, result: analyse(p.article || {}, Object.assign({}, initOptions, p.options || {})) }); }
      catch (e) { return send({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: String(e) } }); }  // its own bug
    case 'shutdown':
      return send({ jsonrpc: '2.0', id: msg.id, result: null });
    default:
      return send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'method not found: ' + msg.method } });
  }
});
