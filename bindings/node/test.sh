#!/usr/bin/env bash
# Builds nothing: copies build/articles.so into the package, installs better-sqlite3 from npm (it
# builds from source against the system's Node headers), and runs the package's test.
set -euo pipefail
cd "$(dirname "$0")"
cp ../../build/articles.so .
npm install --no-audit --no-fund --ignore-scripts > /dev/null
npx --yes node-gyp rebuild --release --directory node_modules/better-sqlite3 > /dev/null
node test.js
