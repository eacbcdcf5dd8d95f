-- The process-wide cache: an unchanged file is parsed once; a rewritten or replaced file is
-- parsed again. Each check prints a row only when it fails; cache.setup.sh fills @SCRATCH@.
SELECT articles_cache_clear() >= 0 WHERE 0;
CREATE TEMP TABLE s(step, stats);
INSERT INTO s VALUES ('start', articles_cache_stats());
SELECT title FROM articles('@SCRATCH@/d') WHERE title IS NULL;
INSERT INTO s VALUES ('first', articles_cache_stats());
SELECT title FROM articles('@SCRATCH@/d') WHERE title IS NULL;
INSERT INTO s VALUES ('again', articles_cache_stats());
-- A scan of short columns keeps summaries; the first that needs whole articles parses again.
-- (article_fields does not read plain text for its headline: the plain c.txt gets an entry
-- of its own, and the later query of its title and body reads it again.)
SELECT fullkey FROM article_fields('@SCRATCH@/d') WHERE fullkey IS NULL;
INSERT INTO s VALUES ('whole', articles_cache_stats());
SELECT fullkey FROM article_fields('@SCRATCH@/d') WHERE fullkey IS NULL;
SELECT title FROM articles('@SCRATCH@/d') WHERE body IS NULL;
INSERT INTO s VALUES ('whole again', articles_cache_stats());
CREATE TEMP VIEW d AS SELECT a.step,
  json_extract(a.stats, '$.parses') - json_extract(b.stats, '$.parses') AS parses,
  json_extract(a.stats, '$.hits') - json_extract(b.stats, '$.hits') AS hits,
  json_extract(a.stats, '$.entries') AS entries, json_extract(a.stats, '$.articles') AS articles
  FROM s a JOIN s b ON b.rowid = a.rowid - 1;

SELECT 'first scan parses every file: ' || parses FROM d WHERE step = 'first' AND parses <> 3;
SELECT 'first scan keeps summaries: ' || entries || ' ' || articles FROM d WHERE step = 'first' AND (entries <> 3 OR articles <> 0);
SELECT 'later scans parse nothing: ' || parses || ' ' || hits FROM d WHERE step = 'again' AND (parses <> 0 OR hits <> 3);
SELECT 'whole articles parse once: ' || parses || ' ' || articles FROM d WHERE step = 'whole' AND (parses <> 3 OR articles <> 3 OR entries <> 4);
SELECT 'whole articles are kept: ' || parses || ' ' || hits FROM d WHERE step = 'whole again' AND (parses <> 1 OR hits <> 5);

-- Rewritten in place (same inode, same size, same second): parsed again.
.system cp @SCRATCH@/versions/a.md @SCRATCH@/d/a.md
.system touch -d 2020-01-01T00:00:00.200000000 @SCRATCH@/d/a.md
SELECT 'rewritten: ' || title FROM articles('@SCRATCH@/d') WHERE path = 'a.md' AND title IS NOT 'Alpha two';
INSERT INTO s VALUES ('rewritten', articles_cache_stats());
SELECT 'rewritten parses: ' || parses FROM d WHERE step = 'rewritten' AND parses <> 1;

-- Replaced by rename: parsed again.
.system mv @SCRATCH@/versions/b.md @SCRATCH@/d/b.md
SELECT 'renamed: ' || title FROM articles('@SCRATCH@/d') WHERE path = 'b.md' AND title IS NOT 'Beta two';
INSERT INTO s VALUES ('renamed', articles_cache_stats());
SELECT 'renamed parses: ' || parses FROM d WHERE step = 'renamed' AND parses <> 1;

-- The budget: articles_cache_limit returns the previous limit; 0 empties the cache.
SELECT 'default limit' WHERE json_extract(articles_cache_stats(), '$.limit') <> 268435456;
SELECT 'limit returns previous' WHERE articles_cache_limit(0) <> 268435456;
SELECT 'limit 0 empties' WHERE json_extract(articles_cache_stats(), '$.entries') <> 0
  OR json_extract(articles_cache_stats(), '$.evictions') < 3;
SELECT title FROM articles('@SCRATCH@/d') WHERE title IS NULL;
SELECT 'nothing stored under limit 0' WHERE json_extract(articles_cache_stats(), '$.entries') <> 0;
SELECT 'limit restored' WHERE articles_cache_limit(268435456) <> 0;
SELECT title FROM articles('@SCRATCH@/d') WHERE title IS NULL;
SELECT 'clear returns entries' WHERE articles_cache_clear() <> 3;
SELECT 'cleared' WHERE json_extract(articles_cache_stats(), '$.entries') <> 0 OR json_extract(articles_cache_stats(), '$.bytes') <> 0;

-- Listings: from the second walk of a root on, a scan of a folder that nothing changed below
-- since the last scan reuses that scan's listing (inotify reports every change; the scratch
-- folder is on a local file system); any change below the root makes the next scan list again.
-- watch=0 lists every time.
CREATE VIRTUAL TABLE temp.w USING articles(root='@SCRATCH@/d', watch=1);
CREATE VIRTUAL TABLE temp.nw USING articles(root='@SCRATCH@/d', watch=0);
SELECT path FROM w WHERE path IS NULL;
SELECT path FROM w WHERE path IS NULL;
SELECT path FROM w WHERE path IS NULL;
SELECT 'kept listing not reused: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.listings_reused') <> 1;
SELECT 'listing stats: ' || articles_cache_stats() WHERE json_extract(articles_cache_stats(), '$.listings.kept') < 1 OR json_extract(articles_cache_stats(), '$.listings.hits') < 1;
.system printf 'Delta\n' > @SCRATCH@/d/sub-e.txt
SELECT 'new file not listed' WHERE (SELECT count(*) FROM w) <> 4;
SELECT 'reused after a change' WHERE json_extract(articles_last_scan(), '$.listings_reused') <> 0;
.system printf 'Delta two\n' > @SCRATCH@/d/sub-e.txt
SELECT 'rewritten file not seen: ' || title FROM w WHERE path = 'sub-e.txt' AND title IS NOT 'Delta two';
SELECT 'rewritten file not seen in a scan: ' || title FROM w WHERE title LIKE 'Delta%' AND title IS NOT 'Delta two';
.system rm @SCRATCH@/d/sub-e.txt
SELECT 'deleted file still listed' WHERE (SELECT count(*) FROM w) <> 3;
SELECT path FROM nw WHERE path IS NULL;
SELECT path FROM nw WHERE path IS NULL;
SELECT 'watch=0 reused a listing' WHERE json_extract(articles_last_scan(), '$.listings_reused') <> 0;

-- A query that reads no column of the plain-text reading (title, title_confidence, byline,
-- published_at, clean_body) parses without it, and keeps that article apart: a later query of
-- the title reads the page for it and finds its headline, and each is kept for the next.
INSERT INTO s VALUES ('plain', articles_cache_stats());
SELECT 'word_count: ' || word_count FROM articles('@SCRATCH@/p') WHERE word_count <> 32;
INSERT INTO s VALUES ('without the reading', articles_cache_stats());
SELECT 'title after a query without it: ' || quote(title) FROM articles('@SCRATCH@/p') WHERE title IS NOT 'Robots Bake Bread in Lyon' OR byline IS NOT 'Claire Martin';
INSERT INTO s VALUES ('with the reading', articles_cache_stats());
SELECT 'again: ' || word_count || quote(title) FROM articles('@SCRATCH@/p') WHERE word_count <> 32 OR title IS NOT 'Robots Bake Bread in Lyon';
SELECT 'again: ' || word_count FROM articles('@SCRATCH@/p') WHERE word_count <> 32;
INSERT INTO s VALUES ('both again', articles_cache_stats());
SELECT 'parsed without the reading: ' || parses FROM d WHERE step = 'without the reading' AND parses <> 1;
SELECT 'parsed with the reading: ' || parses FROM d WHERE step = 'with the reading' AND parses <> 1;
SELECT 'both kept: ' || parses || ' ' || hits FROM d WHERE step = 'both again' AND (parses <> 0 OR hits <> 2);
-- The article read with the headline serves a query without it; a file with front matter,
-- which that reading never looks at, parsed without it serves a query of the title.
SELECT title FROM articles('@SCRATCH@/d') WHERE title IS NULL;
INSERT INTO s VALUES ('d with', articles_cache_stats());
SELECT 'd: ' || word_count FROM articles('@SCRATCH@/d') WHERE word_count IS NULL;
INSERT INTO s VALUES ('served by the fuller', articles_cache_stats());
SELECT 'parsed though the fuller is kept: ' || parses FROM d WHERE step = 'served by the fuller' AND parses <> 0;
SELECT 'front: ' || word_count FROM articles('@SCRATCH@/f') WHERE word_count <> 3;
INSERT INTO s VALUES ('front without', articles_cache_stats());
SELECT 'front title: ' || quote(title) FROM articles('@SCRATCH@/f') WHERE title IS NOT 'Front';
INSERT INTO s VALUES ('front with', articles_cache_stats());
SELECT 'front parsed without: ' || parses FROM d WHERE step = 'front without' AND parses <> 1;
SELECT 'front parsed again for the title: ' || parses FROM d WHERE step = 'front with' AND parses <> 0;
-- Tables whose rows do not come from that reading (all but article_paragraphs) parse without
-- it; article_paragraphs reads the page for it after them, and serves them after.
SELECT 'fields of a plain page: ' || count(*) FROM article_fields('@SCRATCH@/p3') HAVING count(*) <> 0;
INSERT INTO s VALUES ('fields', articles_cache_stats());
SELECT 'headlines: ' || count(*) FROM article_paragraphs('@SCRATCH@/p3') WHERE kind = 'headline' HAVING count(*) <> 1;
INSERT INTO s VALUES ('paragraphs', articles_cache_stats());
SELECT 'sections: ' || count(*) FROM article_sections('@SCRATCH@/p3') HAVING count(*) <> 1;
INSERT INTO s VALUES ('sections', articles_cache_stats());
SELECT 'fields parsed: ' || parses FROM d WHERE step = 'fields' AND parses <> 1;
SELECT 'paragraphs parsed the page with the reading: ' || parses FROM d WHERE step = 'paragraphs' AND parses <> 1;
SELECT 'sections parsed: ' || parses FROM d WHERE step = 'sections' AND parses <> 0;
-- article_keys too: a plain page read by it alone is read again for article_paragraphs.
SELECT 'keys of a plain page: ' || count(*) FROM article_keys('@SCRATCH@/p4') HAVING count(*) <> 0;
INSERT INTO s VALUES ('keys', articles_cache_stats());
SELECT 'headlines after keys: ' || count(*) FROM article_paragraphs('@SCRATCH@/p4') WHERE kind = 'headline' HAVING count(*) <> 1;
INSERT INTO s VALUES ('paragraphs after keys', articles_cache_stats());
SELECT 'keys parsed: ' || parses FROM d WHERE step = 'keys' AND parses <> 1;
SELECT 'paragraphs after keys parsed: ' || parses FROM d WHERE step = 'paragraphs after keys' AND parses <> 1;
