// Peer: a plain script that splits the front matter itself and calls js-yaml, into better-sqlite3.
'use strict';
const yaml = require('js-yaml');
const { run } = require('./common');

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/m;
console.log(JSON.stringify(run(process.argv[2], (s) => {
  const open = s.match(OPEN);
  if (!open) return { fm: null, body: s, error: null };
  const rest = s.slice(open[0].length);
  const close = rest.match(CLOSE);
  if (!close) return { fm: null, body: s, error: 'unterminated' };
  const body = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  try {
    return { fm: yaml.load(rest.slice(0, close.index)) || {}, body, error: null };
  } catch (e) {
    return { fm: null, body, error: String(e.message) };
  }
})));
