// The package's test, with better-sqlite3: npm test (after npm install and copying the module;
// bindings/node/test.sh does all of it).
"use strict";
const assert = require("assert");
const path = require("path");
const Database = require("better-sqlite3");
const articles = require("./index.js");

const root = path.join(__dirname, "..", "..", "examples", "articles");
const db = new Database(":memory:");
articles.load(db);
assert.strictEqual(db.prepare("SELECT count(*) AS n FROM articles(?)").get(root).n, 13);
// rowids stay exact in JavaScript numbers, and WHERE rowid = ? finds the row again.
for (const row of db.prepare("SELECT rowid, path FROM articles(?)").all(root)) {
  assert.ok(Number.isSafeInteger(row.rowid), `rowid ${row.rowid} of ${row.path}`);
  const again = db.prepare("SELECT path FROM articles(?) WHERE rowid = ?").get(root, row.rowid);
  assert.strictEqual(again.path, row.path);
}
// JSON values nest as JSON.
const row = db.prepare("SELECT json_object('t', topics) AS j FROM articles(?) WHERE topics IS NOT NULL").get(root);
assert.ok(Array.isArray(JSON.parse(row.j).t));
assert.throws(() => articles.load({}), /loadExtension/);
console.log("sqlite-articles for Node: 4 checks passed");
