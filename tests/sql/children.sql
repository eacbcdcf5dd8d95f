-- article_related, article_fields, article_links and article_parse over examples/articles.
-- Each check prints a row only when it fails.
CREATE TEMP TABLE a AS SELECT * FROM articles('examples/articles');

-- article_parse agrees with articles on every field of every example file, but the title of
-- Markdown whose chain ends at the file name (article_parse has none: its first line instead),
-- and the body of Markdown without front matter (without a name, article_parse reads plain text).
SELECT 'article_parse differs on ' || a.path || ': ' || k.key
FROM a, json_each(article_parse(readfile('examples/articles/' || a.path))) k
WHERE k.key <> 'front_matter'
  AND NOT (a.title_source = 'file_name' AND k.key IN ('title', 'title_source', 'title_confidence'))
  AND NOT (a.format = 'plain' AND a.title_source <> 'inferred' AND k.key IN ('body', 'clean_body', 'word_count'))
  AND k.value IS NOT CASE k.key
  WHEN 'title' THEN a.title WHEN 'byline' THEN a.byline WHEN 'category' THEN a.category WHEN 'type' THEN a.type
  WHEN 'excerpt' THEN a.excerpt WHEN 'published_at' THEN a.published_at
  WHEN 'quality' THEN a.quality WHEN 'heat' THEN a.heat WHEN 'published' THEN a.published
  WHEN 'provider_name' THEN a.provider_name WHEN 'provider_domain' THEN a.provider_domain
  WHEN 'original_url' THEN a.original_url WHEN 'web_url' THEN a.web_url
  WHEN 'topics' THEN json(a.topics) WHEN 'images' THEN json(a.images)
  WHEN 'related_count' THEN a.related_count WHEN 'secured' THEN a.secured
  WHEN 'body' THEN a.body WHEN 'clean_body' THEN a.clean_body WHEN 'word_count' THEN a.word_count
  WHEN 'format' THEN a.format WHEN 'error' THEN a.error WHEN 'updated_at' THEN a.updated_at
  WHEN 'front_matter_format' THEN a.front_matter_format WHEN 'title_source' THEN a.title_source
  WHEN 'title_confidence' THEN a.title_confidence
  ELSE 'unknown key' END;
SELECT 'article_parse title of ' || a.path FROM a
WHERE a.title_source = 'file_name' AND json_extract(article_parse(readfile('examples/articles/' || a.path)), '$.title_source') NOT IN ('first_line', 'heading', 'inferred');
SELECT 'article_parse front_matter of ' || path FROM a
WHERE json(json_extract(article_parse(readfile('examples/articles/' || path)), '$.front_matter')) IS NOT json(front_matter);
SELECT 'article_parse keys: ' || group_concat(key) FROM json_each(article_parse('x'))
HAVING group_concat(key) IS NOT 'title,byline,category,type,excerpt,published_at,updated_at,quality,heat,published,provider_name,provider_domain,original_url,web_url,topics,images,related_count,secured,body,clean_body,word_count,front_matter,format,front_matter_format,title_source,title_confidence,error';
SELECT 'article_parse of NULL' WHERE article_parse(NULL) IS NOT NULL;
SELECT 'article_parse of text' WHERE json_extract(article_parse('---' || char(10) || 'title: 1e3' || char(10) || '---' || char(10) || 'Body'), '$.title') IS NOT '1e3';
SELECT 'article_parse of a blob' WHERE json_extract(article_parse(x'EFBBBF48656C6C6F'), '$.title') IS NOT 'Hello';
SELECT 'article_parse of an integer' WHERE json_extract(article_parse(42), '$.title') IS NOT '42';

-- article_related: one row per related entry, in list order, joined to articles by path.
SELECT 'related count' WHERE (SELECT count(*) FROM article_related('examples/articles'))
  IS NOT (SELECT sum(related_count) FROM a);
SELECT 'related positions of ' || path FROM article_related('examples/articles')
GROUP BY path HAVING min(position) <> 0 OR max(position) <> count(*) - 1 OR count(DISTINCT position) <> count(*);
SELECT 'related row: ' || quote(title) || ' ' || quote(published_at) || ' ' || quote(provider_domain) || ' ' || quote(quality) || ' ' || quote(image_url) || ' ' || quote(target_path)
FROM article_related('examples/articles') WHERE path = '2024-03-05-harbour-cranes.md' AND position = 0
  AND (title, excerpt, type, published_at, web_url, provider_name, provider_domain, quality, image_url, target_path)
  IS NOT ('Solar Roads Tested on Dutch Cycle Paths', 'A 70-metre stretch of cycle path now feeds three houses.', 'article',
          '2024-04-12T06:00:00Z', 'https://news.example.com/a/solar-roads', 'Lowlands Daily', 'lowlands-daily.example', 58,
          'https://img.lowlands-daily.example/solar-road.jpg', '2024-04-12-solar-roads.md');
SELECT 'related entry json' FROM article_related('examples/articles')
WHERE NOT json_valid(entry) OR json_type(entry) <> 'object' OR json_extract(entry, '$.title') IS NOT title
   OR (images IS NOT NULL AND json_type(images) <> 'array');
-- target_path ignores a trailing '/'; an unknown URL gives NULL.
SELECT 'target_path: ' || path || ' ' || position || ' ' || quote(target_path) FROM article_related('examples/articles')
WHERE (path, position) IN (VALUES ('2024-03-05-harbour-cranes.md', 2), ('2024-06-01-river-cleanup.md', 0), ('2024-03-05-harbour-cranes.md', 1))
  AND target_path IS NOT CASE position WHEN 2 THEN '2024-06-01-river-cleanup.md' WHEN 0 THEN '2024-03-05-harbour-cranes.md' ELSE NULL END;
SELECT 'related join' WHERE (SELECT count(*) FROM a JOIN article_related('examples/articles') r USING (path)) <> 6;

-- article_fields: every scalar of front_matter exactly once, as json_tree sees it.
-- (Untyped columns: CREATE TABLE AS would give `value ANY` numeric affinity.)
CREATE TEMP TABLE f(path, fullkey, key, value, type, line);
INSERT INTO f SELECT path, fullkey, key, value, type, line FROM article_fields('examples/articles');
CREATE TEMP TABLE t AS SELECT a.path, j.fullkey, j.key, j.atom AS value, j.type
  FROM a, json_tree(a.front_matter) j WHERE a.front_matter IS NOT NULL AND j.type NOT IN ('object', 'array');
SELECT 'fields missing: ' || path || ' ' || fullkey FROM (SELECT path, fullkey, key, value, type FROM f
  EXCEPT SELECT path, fullkey, key, value, type FROM t);
SELECT 'fields extra: ' || path || ' ' || fullkey FROM (SELECT path, fullkey, key, value, type FROM t
  EXCEPT SELECT path, fullkey, key, value, type FROM f);
SELECT 'fields count' WHERE (SELECT count(*) FROM f) <> (SELECT count(*) FROM t);
SELECT 'fields once: ' || path || ' ' || fullkey FROM f GROUP BY path, fullkey HAVING count(*) > 1;
SELECT 'fields of files without front matter' FROM f WHERE path IN ('odd/broken-yaml.md', 'odd/unterminated.md') OR path GLOB 'scraped/*';
SELECT 'fields quoting: ' || group_concat(fullkey) FROM f WHERE path = 'odd/hugo-style.md' AND fullkey GLOB '*"*'
HAVING group_concat(fullkey) IS NOT '$."cSpell:ignore"';
SELECT 'fields row: ' || fullkey || ' ' || quote(key) || ' ' || quote(value) || ' ' || type || ' ' || line FROM f
WHERE path = 'odd/hugo-style.md' AND (fullkey, key, value, type, line) NOT IN (VALUES
  ('$.title', 'title', 'Configure the Collector', 'text', 2), ('$.linkTitle', 'linkTitle', 'Collector', 'text', 3),
  ('$.date', 'date', '2023-09-14T11:20:00+05:30', 'text', 4), ('$.weight', 'weight', 20, 'integer', 5),
  ('$.draft', 'draft', 0, 'false', 6), ('$."cSpell:ignore"', 'cSpell:ignore', 'otelcol', 'text', 7),
  ('$.quality', 'quality', 7.5, 'real', 8), ('$.published', 'published', 'yes', 'text', 9),
  ('$.aliases[0]', 0, '/docs/collector/config', 'text', 10));
SELECT 'fields key types' FROM f WHERE (fullkey GLOB '*]' AND typeof(key) <> 'integer') OR (fullkey NOT GLOB '*]' AND typeof(key) <> 'text');

-- article_links: front-matter URLs at any depth and body URLs, with lines and hosts.
CREATE TEMP TABLE l AS SELECT * FROM article_links('examples/articles');
SELECT 'body link ' || url FROM l WHERE source = 'body'
  AND (path, url, host, line, target_path) NOT IN (VALUES
  ('2024-04-12-solar-roads.md', 'https://news.example.com/a/harbour-cranes/', 'news.example.com', 55, '2024-03-05-harbour-cranes.md'),
  ('scraped/night-trains.txt', 'https://rail-weekly.example/authors/ana-ruiz', 'rail-weekly.example', 3, NULL),
  ('scraped/night-trains.txt', 'https://rail-weekly.example/timetables/night', 'rail-weekly.example', 15, NULL));
SELECT 'body link rows' WHERE (SELECT count(*) FROM l WHERE source = 'body') <> 3;
SELECT 'body links have no fullkey' FROM l WHERE source = 'body' AND fullkey IS NOT NULL;
-- Every front-matter string that is a URL, and nothing else.
SELECT 'front-matter links' WHERE (SELECT count(*) FROM l WHERE source = 'front_matter')
  <> (SELECT count(*) FROM f WHERE type = 'text' AND value GLOB 'http*://*');
SELECT 'front-matter link ' || l.fullkey FROM l LEFT JOIN f ON f.path = l.path AND f.fullkey = l.fullkey
WHERE l.source = 'front_matter' AND (f.value IS NOT l.url OR f.line IS NOT l.line);
SELECT 'link host ' || url FROM l WHERE host IS NOT lower(substr(url, instr(url, '//') + 2, instr(substr(url, instr(url, '//') + 2) || '/', '/') - 1));

-- Regression: a declared child table was deleted through its base type (ASan
-- new-delete-type-mismatch when the table was dropped).
CREATE VIRTUAL TABLE temp.rel USING article_related(root='examples/articles');
SELECT 'declared related' WHERE (SELECT count(*) FROM rel) <> 6;
DROP TABLE temp.rel;

-- Regression: in a join by path, target_path read the whole folder again on every xFilter (once
-- per outer row: quadratic), not once per statement.
CREATE TEMP TABLE lookups_before AS
SELECT json_extract(articles_cache_stats(), '$.hits') + json_extract(articles_cache_stats(), '$.misses') AS n;
SELECT 'join by path: no targets' WHERE (
  SELECT count(r.target_path) FROM articles('examples/articles') a
  CROSS JOIN article_related('examples/articles') r ON r.path = a.path) = 0;
SELECT 'join by path: ' || (json_extract(articles_cache_stats(), '$.hits') + json_extract(articles_cache_stats(), '$.misses') - n)
  || ' lookups for ' || (SELECT count(*) FROM articles('examples/articles')) || ' files'
FROM lookups_before
WHERE json_extract(articles_cache_stats(), '$.hits') + json_extract(articles_cache_stats(), '$.misses') - n
  > 2 * (SELECT count(*) FROM articles('examples/articles'));
