// What the Node peers share: the folder walk, the row fields and the SQLite table they fill.
'use strict';
const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');

const COLUMNS = ['path', 'title', 'category', 'type', 'excerpt', 'published_at', 'quality', 'heat',
  'published', 'provider_name', 'provider_domain', 'original_url', 'web_url', 'topics', 'images',
  'related_count', 'secured', 'body', 'word_count', 'front_matter', 'format', 'size', 'mtime', 'error'];

function walk(root) {
  const out = [];
  (function visit(rel) {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? rel + '/' + e.name : e.name;
      if (e.isDirectory()) visit(r);
      else if (e.isFile()) out.push(r);
    }
  })('');
  return out.sort();
}

function text(v) { return v === undefined || v === null || typeof v === 'object' ? null : String(v); }
function int(v) { return Number.isInteger(v) ? v : null; }
function words(s) { const m = s.match(/\S+/g); return m ? m.length : 0; }
function firstLine(s) {
  for (const line of s.split('\n')) if (line.trim()) return line.trim().replace(/^#+[ \t]+/, '');
  return null;
}

function row(rel, stat, fm, body, error) {
  if (fm) {
    const p = fm.provider || {};
    const date = fm.publishedDateTime || fm.date;
    return [rel, text(fm.title) ?? firstLine(body), text(fm.category), text(fm.type), text(fm.excerpt),
      date instanceof Date ? date.toISOString().replace(/\.\d+Z$/, 'Z') : text(date),
      int(fm.quality), int(fm.heat), typeof fm.published === 'boolean' ? (fm.published ? 1 : 0) : null,
      text(p.name), text(p.domain), text(fm.originalUrl), text(fm.webUrl),
      fm.topics ? JSON.stringify(fm.topics) : null, fm.images ? JSON.stringify(fm.images) : null,
      Array.isArray(fm.related) ? fm.related.length : 0, text(fm.secured), body, words(body),
      JSON.stringify(fm), 'front_matter', stat.size, Math.floor(stat.mtimeMs / 1000), error];
  }
  const lines = body.split('\n');
  const k = lines.findIndex((l) => l.trim());
  const rest = k < 0 ? '' : lines.slice(k + 1).join('\n').replace(/^\s*\n/, '');
  return [rel, k < 0 ? null : lines[k].trim(), null, null, null, null, null, null, null, null, null,
    null, null, null, null, 0, null, rest, words(rest), null, 'plain', stat.size,
    Math.floor(stat.mtimeMs / 1000), error];
}

// Loads every file of `root` with `parse(text) -> {fm, body, error}` and runs the query.
function run(root, parse) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE articles(' + COLUMNS.join(',') + ')');
  const insert = db.prepare('INSERT INTO articles VALUES (' + COLUMNS.map(() => '?').join(',') + ')');
  const all = db.transaction((files) => {
    for (const rel of files) {
      const full = path.join(root, rel);
      const stat = fs.statSync(full);
      const { fm, body, error } = parse(fs.readFileSync(full, 'utf8'));
      insert.run(row(rel, stat, fm, body, error));
    }
  });
  all(walk(root));
  return db.prepare('SELECT count(*), sum(quality), count(title), sum(related_count) FROM articles').raw().get();
}

module.exports = { run };
