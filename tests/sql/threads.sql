-- Workers that read and parse ahead change nothing in the rows, and stop at a bounded window
-- ahead of the cursor. Each check prints a row only when it fails. threads.setup.sh fills it.
CREATE VIRTUAL TABLE temp.one USING articles(root='@SCRATCH@/d', threads=1);
CREATE VIRTUAL TABLE temp.four USING articles(root='@SCRATCH@/d', threads=4);
CREATE TEMP TABLE r1 AS SELECT rowid AS id, path, title, quality, related_count, body, error FROM one;
SELECT 'not cleared' WHERE articles_cache_clear() < 0;  -- runs the function, prints nothing
CREATE TEMP TABLE r4 AS SELECT rowid AS id, path, title, quality, related_count, body, error FROM four;
SELECT 'rows: ' || (SELECT count(*) FROM r1) || ' ' || (SELECT count(*) FROM r4)
WHERE (SELECT count(*) FROM r1) <> 400 OR (SELECT count(*) FROM r4) <> 400;
SELECT 'differs: ' || path FROM (SELECT * FROM r1 EXCEPT SELECT * FROM r4);
SELECT 'order' WHERE (SELECT group_concat(path) FROM r4) IS NOT (SELECT group_concat(path) FROM (SELECT path FROM r4 ORDER BY CAST(path AS BLOB)));
SELECT 'values' WHERE (SELECT sum(quality) FROM r4) <> 39800 OR (SELECT sum(related_count) FROM r4) <> 200;

-- The first row comes without the whole folder parsed: LIMIT 1 loads at most the window.
SELECT 'not cleared' WHERE articles_cache_clear() < 0;  -- runs the function, prints nothing
CREATE TEMP TABLE first AS SELECT title FROM four LIMIT 1;
SELECT 'limit 1 loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.files_read') > 4 * 32 + 1;
-- A join of all tables with workers agrees with the counts.
SELECT 'related' WHERE (SELECT count(*) FROM article_related('@SCRATCH@/d')) <> 200;
SELECT 'fields' WHERE (SELECT count(*) FROM article_fields('@SCRATCH@/d')) <> 600;

-- Workers start at the first file the cache does not hold: a scan whose first half is cached
-- (read by the single-threaded table) and second half is not gives the same rows, reads only
-- the second half, and a scan the cache serves whole reads nothing.
SELECT 'not cleared' WHERE articles_cache_clear() < 0;  -- runs the function, prints nothing
CREATE TEMP TABLE half AS SELECT title, body FROM one LIMIT 200;
CREATE TEMP TABLE r4b AS SELECT rowid AS id, path, title, quality, related_count, body, error FROM four;
SELECT 'half: read ' || json_extract(articles_last_scan(), '$.files_read')
WHERE json_extract(articles_last_scan(), '$.files_read') <> 200;
SELECT 'half differs: ' || path FROM (SELECT * FROM r1 EXCEPT SELECT * FROM r4b);
SELECT 'half rows' WHERE (SELECT count(*) FROM r4b) <> 400;
CREATE TEMP TABLE r4c AS SELECT rowid AS id, path, title, quality, related_count, body, error FROM four;
SELECT 'warm: read ' || json_extract(articles_last_scan(), '$.files_read')
WHERE json_extract(articles_last_scan(), '$.files_read') <> 0;
SELECT 'warm differs: ' || path FROM (SELECT * FROM r1 EXCEPT SELECT * FROM r4c);
