// Peer: gray-matter (front matter with js-yaml inside) into better-sqlite3.
'use strict';
const matter = require('gray-matter');
const { run } = require('./common');

console.log(JSON.stringify(run(process.argv[2], (s) => {
  try {
    const m = matter(s);
    return Object.keys(m.data).length || m.matter ? { fm: m.data, body: m.content, error: null }
      : { fm: null, body: s, error: null };
  } catch (e) {
    return { fm: null, body: s, error: String(e.message) };
  }
})));
