-- Full-text search over a folder of articles with FTS5, the articles table as external content.
-- Run from the repository root:  sqlite3 -cmd '.load ./build/articles' < sql/fts5.sql
-- Rowids of articles are stable hashes of the paths and `rowid = ?` reads one file, so FTS5
-- keeps only its index and fetches titles and bodies from the files when it needs them.
.mode table
CREATE VIRTUAL TABLE temp.news USING articles(root='examples/articles');
CREATE VIRTUAL TABLE temp.news_fts USING fts5(
  title, excerpt, body,
  content='news', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2');

-- Build (and, after files change, rebuild) the index. FTS5's own 'rebuild' command cannot read
-- a virtual table, so empty the index and insert every article again.
INSERT INTO news_fts(news_fts) VALUES('delete-all');
INSERT INTO news_fts(rowid, title, excerpt, body) SELECT rowid, title, excerpt, body FROM news;

-- Search: best matches first, with the path and a snippet of the body.
SELECT news.path, news.title, snippet(news_fts, 2, '[', ']', '...', 6) AS snippet
FROM news_fts JOIN news ON news.rowid = news_fts.rowid
WHERE news_fts MATCH 'bicycles OR cranes'
ORDER BY rank;

-- Diacritics are folded: 'patisserie emile' finds 'Pâtisserie Émile'. Columns can be named.
SELECT news.path, highlight(news_fts, 2, '[', ']') GLOB '*[[]Pâtisserie] [[]Émile]*' AS highlighted
FROM news_fts JOIN news ON news.rowid = news_fts.rowid WHERE news_fts MATCH 'patisserie emile';
SELECT news.title FROM news_fts JOIN news ON news.rowid = news_fts.rowid
WHERE news_fts MATCH 'title:night' ORDER BY news.path;
