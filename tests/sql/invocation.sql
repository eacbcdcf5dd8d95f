-- Both ways of using articles, its options, hidden columns, rowids and plans.
-- Each check prints a row only when it fails.

-- Table-valued function, with and without a pattern; a NULL pattern means every file.
SELECT 'all: ' || count(*) FROM articles('examples/articles') HAVING count(*) <> 13;
SELECT 'md: ' || count(*) FROM articles('examples/articles', '*.md') HAVING count(*) <> 10;
SELECT 'txt: ' || group_concat(path) FROM articles('examples/articles', '*.txt')
HAVING group_concat(path) IS NOT 'scraped/bakery-robots.txt,scraped/night-trains.txt,scraped/wind-farm-vote.txt';
SELECT 'path pattern: ' || group_concat(path) FROM articles('examples/articles', 'odd/b*')
HAVING group_concat(path) IS NOT 'odd/bom-notes.md,odd/broken-yaml.md';
SELECT 'null pattern: ' || count(*) FROM articles('examples/articles', NULL) HAVING count(*) <> 13;
-- A trailing slash on the root changes nothing.
SELECT 'slash: ' || count(*) FROM articles('examples/articles/') a JOIN articles('examples/articles') b USING (path)
WHERE a.title IS b.title AND a.rowid = b.rowid HAVING count(*) <> 13;
-- Named hidden-column arguments work too.
SELECT 'named: ' || count(*) FROM articles WHERE root = 'examples/articles' AND pattern = '*.txt' HAVING count(*) <> 3;

-- The hidden columns carry the arguments.
SELECT 'hidden: ' || root || ' ' || quote(pattern) FROM articles('examples/articles', '*.txt')
WHERE root IS NOT 'examples/articles' OR pattern IS NOT '*.txt';
SELECT 'hidden null pattern' FROM articles('examples/articles') WHERE pattern IS NOT NULL;

-- Declared tables with options.
CREATE VIRTUAL TABLE temp.news USING articles(root='examples/articles', pattern='*.txt', recursive=1);
SELECT 'declared: ' || count(*) FROM news HAVING count(*) <> 3;
CREATE VIRTUAL TABLE temp.top USING articles(root = "examples/articles", recursive = 0);
SELECT 'not recursive: ' || group_concat(path) FROM top
HAVING group_concat(path) IS NOT '2024-03-05-harbour-cranes.md,2024-04-12-solar-roads.md,2024-05-20-city-libraries.md,2024-06-01-river-cleanup.md';
CREATE VIRTUAL TABLE temp.small USING articles(root='examples/articles', max_file_size=1000);
SELECT 'max_file_size: ' || path || ' ' || quote(error) FROM small
WHERE (size > 1000) <> (error LIKE 'the file is % bytes, over the limit of 1000 bytes: not read');
SELECT 'max_file_size leaves other columns null' FROM small WHERE size > 1000 AND (title IS NOT NULL OR format IS NOT NULL);
SELECT 'max_file_size keeps path, size, mtime' FROM small WHERE size > 1000 AND (path IS NULL OR mtime IS NULL);
-- An argument overrides the declared root.
SELECT 'override: ' || count(*) FROM top('examples/articles/odd') HAVING count(*) <> 6;
SELECT 'override keeps the declared pattern: ' || count(*) FROM news('examples/articles/scraped') HAVING count(*) <> 3;

-- rowid: a stable hash of the path, the same in every query and process (pinned values).
SELECT 'rowid: ' || path || ' ' || rowid FROM articles('examples/articles')
WHERE (path = 'odd/bom-notes.md' AND rowid <> 7849758291665054)
   OR (path = 'scraped/night-trains.txt' AND rowid <> 337463703314914);
SELECT 'rowid unique' FROM articles('examples/articles') GROUP BY rowid HAVING count(*) > 1;
SELECT 'rowid same under a pattern' FROM articles('examples/articles', '*.txt') t
JOIN articles('examples/articles') a USING (path) WHERE t.rowid <> a.rowid;
SELECT 'rowid lookup' WHERE (SELECT path FROM articles('examples/articles') WHERE rowid = 337463703314914)
  IS NOT 'scraped/night-trains.txt';

-- Regression: SQLite plans each OR branch without the table-valued arguments; such a plan
-- must be priced out, not refused.
SELECT 'or branches: ' || count(*) FROM articles('examples/articles')
WHERE path = 'odd/bom-notes.md' OR rowid = 337463703314914 HAVING count(*) <> 2;
-- Regression: a non-equality constraint on a hidden column is left to SQLite.
SELECT 'pattern is not null' FROM articles('examples/articles') WHERE pattern IS NOT NULL;
SELECT 'root like: ' || count(*) FROM articles('examples/articles') WHERE root LIKE 'examples%' HAVING count(*) <> 13;

-- The version: MAJOR.MINOR.PATCH, and from a git checkout `+g` and 7 hex digits of the commit,
-- `.dirty` after them when the sources had uncommitted changes.
SELECT 'version: ' || articles_version() WHERE NOT (
  articles_version() GLOB '[0-9]*.[0-9]*.[0-9]*' AND (
    articles_version() NOT GLOB '*+*'
    OR articles_version() GLOB '*.[0-9]+g[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
    OR articles_version() GLOB '*.[0-9]+g[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].dirty'));

-- CREATE VIRTUAL TABLE takes the root (and the pattern) by position too, and on/off options as
-- 1/0, true/false, on/off or yes/no.
CREATE VIRTUAL TABLE temp.positional USING articles('examples/articles', '*.txt', recursive=TRUE, watch=off);
SELECT 'positional: ' || count(*) FROM positional HAVING count(*) <> 3;
CREATE VIRTUAL TABLE temp.flat USING articles("examples/articles", recursive=no);
SELECT 'recursive=no: ' || count(*) FROM flat HAVING count(*) <> 4;

-- articles_last_scan says whether the scan ran to its end.
SELECT title FROM articles('examples/articles') WHERE title = 'no such title';
SELECT 'complete: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.complete') IS NOT 1;
CREATE TEMP TABLE one AS SELECT title FROM articles('examples/articles') LIMIT 1;
SELECT 'cut short: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.complete') IS NOT 0;

-- Patterns: ** across folders, {a,b} alternatives, a JSON list of globs, nocase.
SELECT 'glob **: ' || count(*) FROM articles('examples/articles', '**/*.{md,txt}') HAVING count(*) <> 13;
SELECT 'glob ** under a folder: ' || count(*) FROM articles('examples/articles', 'odd/**') HAVING count(*) <> 6;
SELECT 'glob list: ' || count(*) FROM articles('examples/articles', '["scraped/*", "odd/b*"]') HAVING count(*) <> 5;
SELECT 'glob case: ' || count(*) FROM articles('examples/articles', '*.MD') HAVING count(*) <> 0;
CREATE VIRTUAL TABLE temp.upper USING articles('examples/articles', '*.MD', nocase=yes);
SELECT 'nocase: ' || count(*) FROM upper HAVING count(*) <> 10;
SELECT 'nocase by path: ' || count(*) FROM upper WHERE path = 'odd/hugo-style.md' HAVING count(*) <> 1;
CREATE TEMP TABLE txt AS SELECT count(*) FROM articles('examples/articles', '*.txt');
SELECT 'left out: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.skipped.pattern') <> 10;
