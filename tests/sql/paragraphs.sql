-- article_paragraphs against articles over the examples: each check prints a row only when it
-- fails.
CREATE TEMP TABLE p AS SELECT * FROM article_paragraphs('examples/articles');
CREATE TEMP TABLE a AS SELECT * FROM articles('examples/articles');

-- clean_body of a plain file is exactly its paragraph, list_item and heading rows joined.
SELECT 'clean_body of ' || a.path FROM a
WHERE a.format = 'plain' AND a.clean_body IS NOT (
  SELECT group_concat(text, char(10) || char(10)) FROM (
    SELECT text FROM p WHERE p.path = a.path AND kind IN ('paragraph', 'list_item', 'heading')
    ORDER BY position));
-- Its title (when inferred: plain text that is not Markdown) is its one headline row; its byline
-- comes from a byline row.
SELECT 'headline of ' || a.path FROM a
WHERE a.title_source = 'inferred' AND (a.title IS NOT (SELECT text FROM p WHERE p.path = a.path AND kind = 'headline')
   OR (SELECT count(*) FROM p WHERE p.path = a.path AND kind = 'headline') <> 1);
SELECT 'byline of ' || a.path FROM a
WHERE a.format = 'plain' AND a.byline IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM p WHERE p.path = a.path AND kind = 'byline' AND instr(text, a.byline) > 0);
-- A front-matter file: clean_body is the body; its rows are the body's paragraphs.
SELECT 'front-matter clean_body of ' || path FROM a WHERE format = 'front_matter' AND clean_body IS NOT body;
SELECT 'front-matter rows of ' || path FROM p JOIN a USING (path)
WHERE a.format = 'front_matter' AND p.kind NOT IN ('paragraph', 'heading');
-- Every row: a documented kind, text trimmed and not empty, positions from 0, lines rising.
SELECT 'kind ' || kind FROM p
WHERE kind NOT IN ('headline', 'byline', 'dateline', 'paragraph', 'list_item', 'heading', 'boilerplate');
SELECT 'text of ' || path || ' line ' || line FROM p WHERE text = '' OR text <> trim(text, ' ' || char(9, 10, 13));
SELECT 'positions of ' || path FROM p GROUP BY path HAVING min(position) <> 0 OR max(position) + 1 <> count(*);
SELECT 'lines of ' || p.path FROM p JOIN p q ON q.path = p.path AND q.position = p.position + 1 WHERE q.line <= p.line;
-- The scraped example: the headline below the site's header, a byline, a dateline that gives
-- published_at, and the boilerplate after the text.
SELECT 'night-trains: ' || title || ' ' || quote(byline) || ' ' || quote(published_at) FROM a
WHERE path = 'scraped/night-trains.txt'
  AND (title IS NOT 'Night Trains Return to the Alps' OR published_at IS NOT '2024-02-02T05:40:00Z'
       OR byline IS NOT 'Ana Ruiz, Rail Weekly');
SELECT 'bakery-robots: ' || title FROM a
WHERE path = 'scraped/bakery-robots.txt' AND title IS NOT 'Bakery Robots Knead Dough Through the Night';
-- Push-down as for articles: path = reads that one file.
SELECT text FROM article_paragraphs('examples/articles') WHERE path = 'scraped/night-trains.txt' AND text IS NULL;
SELECT 'path = loaded ' || articles_last_scan()
WHERE json_extract(articles_last_scan(), '$.loaded') <> 1 OR json_extract(articles_last_scan(), '$.files') <> 1;
-- A declared table counted without a column: its rows are those of the text read for its
-- headline (a plan without columns once read the pages without it, and gave none).
CREATE VIRTUAL TABLE temp.declared_paragraphs USING article_paragraphs(root='examples/articles/scraped');
CREATE TEMP TABLE cleared AS SELECT articles_cache_clear();
CREATE TEMP TABLE counted AS SELECT count(*) AS n FROM declared_paragraphs;
SELECT 'rows counted without a column: ' || n FROM counted
WHERE n = 0 OR n <> (SELECT count(kind) FROM declared_paragraphs);
