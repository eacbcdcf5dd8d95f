// The sqlite-articles SQLite extension, packaged for Node: getLoadablePath() for any binding
// that loads extensions, and load(db) for better-sqlite3 (and node:sqlite's DatabaseSync).
"use strict";
const fs = require("fs");
const path = require("path");

// The path of the module inside this package, without its extension, as SQLite takes it.
function getLoadablePath() {
  const file = path.join(__dirname, "articles.so");
  if (!fs.existsSync(file)) {
    throw new Error(`sqlite-articles: ${file} is missing: build the module and copy it here ` +
                    "(docs/node.md)");
  }
  return file.slice(0, -".so".length);
}

// Loads the module into `db`: a better-sqlite3 Database (db.loadExtension), or a node:sqlite
// DatabaseSync opened with { allowExtension: true }.
function load(db) {
  if (typeof db.loadExtension !== "function") {
    throw new TypeError("sqlite-articles: load(db) needs a database with loadExtension(), " +
                        "such as better-sqlite3's");
  }
  db.loadExtension(getLoadablePath());
}

module.exports = { getLoadablePath, load };
