-- Every column of articles over examples/articles: each check prints a row only when it fails.
CREATE TEMP TABLE a AS SELECT rowid AS id, * FROM articles('examples/articles');
CREATE TEMP TABLE want(path, col, value);
INSERT INTO want VALUES
  ('2024-03-05-harbour-cranes.md', 'title', 'Harbour Cranes Go Electric in Rotterdam'),
  ('2024-03-05-harbour-cranes.md', 'category', 'news'),
  ('2024-03-05-harbour-cranes.md', 'type', 'article'),
  ('2024-03-05-harbour-cranes.md', 'excerpt', 'The port''s last diesel cranes were switched off this week, ending a six-year programme that cost €410 million.'),
  ('2024-03-05-harbour-cranes.md', 'published_at', '2024-03-05T08:30:00Z'),
  ('2024-03-05-harbour-cranes.md', 'quality', 71),
  ('2024-03-05-harbour-cranes.md', 'heat', 12),
  ('2024-03-05-harbour-cranes.md', 'published', 1),
  ('2024-03-05-harbour-cranes.md', 'provider_name', 'Harbour Review'),
  ('2024-03-05-harbour-cranes.md', 'provider_domain', 'harbour-review.example'),
  ('2024-03-05-harbour-cranes.md', 'original_url', 'https://harbour-review.example/2024/03/cranes-electric'),
  ('2024-03-05-harbour-cranes.md', 'web_url', 'https://news.example.com/a/harbour-cranes'),
  ('2024-03-05-harbour-cranes.md', 'topics', '["Shipping","Energy transition"]'),
  ('2024-03-05-harbour-cranes.md', 'images', '[{"url":"https://img.harbour-review.example/cranes-1200.jpg","width":1200,"height":675,"isCached":true}]'),
  ('2024-03-05-harbour-cranes.md', 'related_count', 3),
  ('2024-03-05-harbour-cranes.md', 'secured', 'bG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQ=;c2VjcmV0LWtleS0x'),
  ('2024-03-05-harbour-cranes.md', 'body', ''),
  ('2024-03-05-harbour-cranes.md', 'word_count', 0),
  ('2024-03-05-harbour-cranes.md', 'format', 'front_matter'),
  ('2024-03-05-harbour-cranes.md', 'error', NULL),
  ('2024-04-12-solar-roads.md', 'published_at', '2024-04-12T06:00:00Z'),
  ('2024-04-12-solar-roads.md', 'word_count', 38),
  ('2024-05-20-city-libraries.md', 'published_at', '2024-05-20T17:10:00Z'),
  ('2024-05-20-city-libraries.md', 'published', 0),
  ('2024-05-20-city-libraries.md', 'topics', '["Libraries","Cities"]'),
  ('2024-05-20-city-libraries.md', 'related_count', 0),
  ('2024-05-20-city-libraries.md', 'original_url', NULL),
  ('2024-06-01-river-cleanup.md', 'published_at', '2024-06-01T07:15:00Z'),
  ('2024-06-01-river-cleanup.md', 'quality', 63),
  ('2024-06-01-river-cleanup.md', 'heat', NULL),
  ('2024-06-01-river-cleanup.md', 'error', NULL),
  ('odd/bom-notes.md', 'title', 'A File That Starts With a Byte Order Mark'),
  ('odd/bom-notes.md', 'published_at', '2023-11-30T00:00:00Z'),
  ('odd/broken-yaml.md', 'front_matter', NULL),
  ('odd/broken-yaml.md', 'format', 'front_matter'),
  ('odd/broken-yaml.md', 'title', 'broken-yaml'),
  ('odd/broken-yaml.md', 'title_source', 'file_name'),
  ('odd/broken-yaml.md', 'error', '4:1: YAML syntax error: a quoted scalar is never closed'),
  ('odd/crlf-windows.md', 'body', 'Written on a machine that ends lines with CR LF.' || char(13, 10)),
  ('odd/crlf-windows.md', 'published_at', '2024-01-15T15:00:00Z'),
  ('odd/crlf-windows.md', 'provider_domain', 'plain-wire.example'),
  ('odd/empty-front-matter.md', 'front_matter', '{}'),
  ('odd/empty-front-matter.md', 'title', 'Notes Without Metadata'),
  ('odd/hugo-style.md', 'published_at', '2023-09-14T05:50:00Z'),
  ('odd/hugo-style.md', 'quality', NULL),
  ('odd/hugo-style.md', 'error', 'quality (line 8): expected an integer, got 7.5; published (line 9): expected true or false, got ''yes'''),
  ('odd/unterminated.md', 'format', 'plain'),
  ('odd/unterminated.md', 'title', 'unterminated'),
  ('odd/unterminated.md', 'title_source', 'file_name'),
  ('odd/unterminated.md', 'error', 'front matter opened on line 1 is never closed: read as plain text'),
  ('scraped/night-trains.txt', 'title', 'Night Trains Return to the Alps'),
  ('scraped/night-trains.txt', 'format', 'plain'),
  ('scraped/night-trains.txt', 'front_matter', NULL),
  ('scraped/night-trains.txt', 'related_count', 0),
  ('scraped/night-trains.txt', 'title_source', 'inferred'),
  ('scraped/night-trains.txt', 'front_matter_format', NULL),
  ('odd/hugo-style.md', 'front_matter_format', 'yaml'),
  ('scraped/wind-farm-vote.txt', 'title', 'Coastal Town Votes Yes to Offshore Wind Farm'),
  ('scraped/wind-farm-vote.txt', 'body', 'Residents approved the project by 61 percent to 39 on Sunday.' || char(10, 10) || 'The farm will sit 22 kilometres offshore, beyond the view from the beach.' || char(10) || 'Construction is set to begin in 2026.' || char(10)),
  ('scraped/wind-farm-vote.txt', 'word_count', 31);

-- Each expected value, through a column name looked up at run time.
WITH got AS (
  SELECT w.path, w.col, w.value, CASE w.col
         WHEN 'title' THEN a.title WHEN 'category' THEN a.category WHEN 'type' THEN a.type
         WHEN 'excerpt' THEN a.excerpt WHEN 'published_at' THEN a.published_at
         WHEN 'quality' THEN a.quality WHEN 'heat' THEN a.heat WHEN 'published' THEN a.published
         WHEN 'provider_name' THEN a.provider_name WHEN 'provider_domain' THEN a.provider_domain
         WHEN 'original_url' THEN a.original_url WHEN 'web_url' THEN a.web_url
         WHEN 'topics' THEN a.topics WHEN 'images' THEN a.images
         WHEN 'related_count' THEN a.related_count WHEN 'secured' THEN a.secured
         WHEN 'body' THEN a.body WHEN 'word_count' THEN a.word_count
         WHEN 'front_matter' THEN a.front_matter WHEN 'format' THEN a.format
         WHEN 'error' THEN a.error WHEN 'title_source' THEN a.title_source
         WHEN 'front_matter_format' THEN a.front_matter_format WHEN 'updated_at' THEN a.updated_at
         END AS actual
  FROM want w LEFT JOIN a USING (path))
SELECT 'want ' || path || ' ' || col || ' = ' || quote(value) || ', got ' || quote(actual)
FROM got WHERE actual IS NOT value;

-- The column list, in order, with declared types.
SELECT 'columns: ' || group_concat(name || ' ' || type, ', ') FROM pragma_table_xinfo('articles')
HAVING group_concat(name || ' ' || type, ', ') IS NOT
  'path TEXT, title TEXT, byline TEXT, category TEXT, type TEXT, excerpt TEXT, published_at TEXT, quality INTEGER, heat INTEGER, published INTEGER, provider_name TEXT, provider_domain TEXT, original_url TEXT, web_url TEXT, topics TEXT, images TEXT, related_count INTEGER, secured TEXT, body TEXT, clean_body TEXT, word_count INTEGER, front_matter TEXT, format TEXT, size INTEGER, mtime INTEGER, error TEXT, title_source TEXT, front_matter_format TEXT, updated_at TEXT, title_confidence REAL, root , pattern ';
SELECT 'hidden columns: ' || group_concat(name) FROM pragma_table_xinfo('articles') WHERE hidden
HAVING group_concat(name) IS NOT 'root,pattern';

-- One row per file, in byte order of path.
SELECT 'rows: ' || count(*) FROM a HAVING count(*) <> 13;
SELECT 'order: ' || group_concat(path) FROM a
HAVING group_concat(path) IS NOT (SELECT group_concat(path) FROM (SELECT path FROM a ORDER BY CAST(path AS BLOB)));

-- Types as declared, on every row.
SELECT 'type of ' || path FROM a WHERE typeof(path) <> 'text' OR typeof(format) <> 'text'
  OR typeof(size) <> 'integer' OR typeof(mtime) <> 'integer' OR typeof(word_count) <> 'integer'
  OR typeof(related_count) <> 'integer' OR typeof(quality) NOT IN ('integer', 'null')
  OR typeof(heat) NOT IN ('integer', 'null') OR typeof(published) NOT IN ('integer', 'null');

-- size and mtime come from the file system.
SELECT 'size of ' || path FROM a WHERE size <> length(CAST(readfile('examples/articles/' || path) AS BLOB));
SELECT 'mtime of ' || path FROM a WHERE mtime < 1000000000;

-- front_matter is always valid JSON, NULL exactly when there is no usable front matter.
SELECT 'json of ' || path FROM a WHERE front_matter IS NOT NULL AND NOT json_valid(front_matter);
SELECT 'front_matter of ' || path FROM a WHERE (front_matter IS NULL) <> (path IN
  ('odd/broken-yaml.md', 'odd/unterminated.md') OR format = 'plain');
SELECT 'topics/images of ' || path FROM a
WHERE (topics IS NOT NULL AND json_type(topics) <> 'array') OR (images IS NOT NULL AND json_type(images) <> 'array');
-- Raw values stay in front_matter.
SELECT 'raw date' FROM a WHERE path = '2024-06-01-river-cleanup.md'
  AND json_extract(front_matter, '$.publishedDateTime') IS NOT '2024-06-01T09:15:00.250+0200';
SELECT 'quoted quality stays text in front_matter' FROM a WHERE path = '2024-06-01-river-cleanup.md'
  AND json_type(front_matter, '$.quality') IS NOT 'text';

-- word_count counts the whitespace-separated words of body.
SELECT 'word_count of ' || path FROM a
WHERE word_count <> (SELECT count(*) FROM (WITH RECURSIVE w(rest, n) AS (
    SELECT trim(replace(replace(replace(body, char(10), ' '), char(13), ' '), char(9), ' ')), 0
    UNION ALL SELECT ltrim(substr(rest, instr(rest || ' ', ' '))), n + 1 FROM w WHERE rest <> '')
  SELECT 1 FROM w WHERE n > 0));
