-- An FTS5 index with a declared articles table as its external content: search hits, and a
-- rebuild after a file changes. Each check prints a row only when it fails.
CREATE VIRTUAL TABLE temp.news USING articles(root='@SCRATCH@/d');
CREATE VIRTUAL TABLE temp.news_fts USING fts5(title, excerpt, body, content='news',
  content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO news_fts(rowid, title, excerpt, body) SELECT rowid, title, excerpt, body FROM news;

SELECT 'hits: ' || group_concat(path) FROM (SELECT news.path FROM news_fts JOIN news ON news.rowid = news_fts.rowid
  WHERE news_fts MATCH 'keepers' ORDER BY rank) HAVING group_concat(path) IS NOT 'a.md';
SELECT 'plain file hit' WHERE (SELECT count(*) FROM news_fts WHERE news_fts MATCH 'title:harvest') <> 1;
SELECT 'snippet: ' || s FROM (SELECT snippet(news_fts, 2, '[', ']', '...', 4) AS s FROM news_fts WHERE news_fts MATCH 'dusk')
WHERE s IS NOT '...the tower at [dusk].' || char(10);
INSERT INTO news_fts(news_fts) VALUES('integrity-check');

-- The file changes: the index is rebuilt and finds the new words, not the old ones.
.system cp @SCRATCH@/versions/a.md @SCRATCH@/d/a.md
INSERT INTO news_fts(news_fts) VALUES('delete-all');
INSERT INTO news_fts(rowid, title, excerpt, body) SELECT rowid, title, excerpt, body FROM news;
SELECT 'new words' WHERE (SELECT count(*) FROM news_fts WHERE news_fts MATCH 'automated AND machine') <> 1;
SELECT 'old words gone' WHERE (SELECT count(*) FROM news_fts WHERE news_fts MATCH 'dusk') <> 0;
SELECT 'rowid kept' WHERE (SELECT rowid FROM news_fts WHERE news_fts MATCH 'automated') IS NOT (SELECT rowid FROM news WHERE path = 'a.md');
-- What FTS5 needs from the content table, a row by rowid, loads one file.
SELECT title FROM news WHERE rowid = (SELECT rowid FROM news_fts WHERE news_fts MATCH 'automated') AND title IS NULL;
SELECT 'lookup by rowid: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 1
  OR json_extract(articles_last_scan(), '$.files') <> 1;
