-- `path =` and `path IN` load only those files' articles (from the cache or from disk), as
-- articles_last_scan() counts them; target_path loads the folder only when it is asked for. Each check prints a row only when it fails.
SELECT 'last scan before any scan' WHERE articles_last_scan() IS NOT NULL;

SELECT title FROM articles('examples/articles') WHERE path = 'odd/bom-notes.md' AND title IS NULL;
SELECT 'path = loaded ' || articles_last_scan()
WHERE json_extract(articles_last_scan(), '$.loaded') <> 1 OR json_extract(articles_last_scan(), '$.files') <> 1;

SELECT title FROM articles('examples/articles') WHERE path IN ('odd/bom-notes.md', 'scraped/night-trains.txt', 'nope.md') AND title IS NULL;
SELECT 'path IN loaded ' || articles_last_scan()
WHERE json_extract(articles_last_scan(), '$.loaded') <> 2 OR json_extract(articles_last_scan(), '$.rows') <> 2;

-- Paths a listing would never give: no row, no read.
SELECT 'odd path ' || path FROM articles('examples/articles')
WHERE path IN ('./odd/bom-notes.md', 'odd//bom-notes.md', 'odd/../odd/bom-notes.md', '/odd/bom-notes.md', 'odd', '');
SELECT 'odd paths loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 0;
-- The pattern and recursive options still apply.
SELECT 'pattern applies' FROM articles('examples/articles', '*.txt') WHERE path = 'odd/bom-notes.md';
CREATE VIRTUAL TABLE temp.top USING articles(root='examples/articles', recursive=0);
SELECT 'recursive applies' FROM top WHERE path = 'odd/bom-notes.md';
SELECT 'top level found' WHERE (SELECT count(*) FROM top WHERE path = '2024-04-12-solar-roads.md') <> 1;
-- Same row, same rowid, as a full scan.
SELECT 'pushed row differs' FROM articles('examples/articles') p JOIN articles('examples/articles') f USING (path)
WHERE p.path = 'odd/hugo-style.md' AND (p.rowid <> f.rowid OR p.error IS NOT f.error OR p.size <> f.size);

-- Listing by path, size and mtime opens no file.
SELECT path FROM articles('examples/articles') WHERE size < 0;
SELECT 'listing loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 0;

-- The child tables push down too; target_path loadeds the folder only when asked for.
SELECT title FROM article_related('examples/articles') WHERE path = '2024-03-05-harbour-cranes.md' AND title IS NULL;
SELECT 'related path = loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 1;
SELECT target_path FROM article_related('examples/articles') WHERE path = '2024-03-05-harbour-cranes.md' AND target_path = '';
SELECT 'target_path loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 14;
SELECT fullkey FROM article_fields('examples/articles') WHERE path = 'odd/hugo-style.md' AND fullkey = '';
SELECT 'fields path = loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 1;
SELECT url FROM article_links('examples/articles') WHERE path = 'scraped/night-trains.txt' AND url = '';
SELECT 'links path = loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 1;

-- The report names the table and counts skips.
SELECT url FROM article_links('examples/articles', '*.md') WHERE url = '';
SELECT 'report ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.table') IS NOT 'article_links'
  OR json_extract(articles_last_scan(), '$.pattern') IS NOT '*.md' OR json_extract(articles_last_scan(), '$.skipped.pattern') <> 3
  OR json_extract(articles_last_scan(), '$.files') <> 10;

-- `rowid = ?` lists the folder but loads only that file; a rowid of another type matches nothing.
SELECT title FROM articles('examples/articles') WHERE rowid = 337463703314914 AND title IS NULL;
SELECT 'rowid = loaded ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.loaded') <> 1
  OR json_extract(articles_last_scan(), '$.files') <> 1;
SELECT 'rowid text' FROM articles('examples/articles') WHERE rowid = 'x';
SELECT 'rowid found' WHERE (SELECT path FROM articles('examples/articles') WHERE rowid = 337463703314914) IS NOT 'scraped/night-trains.txt';
-- Regression: a rowid bound as a whole REAL (every JavaScript number is one) found no row.
SELECT 'rowid as real' WHERE (SELECT path FROM articles('examples/articles') WHERE rowid = 337463703314914.0) IS NOT 'scraped/night-trains.txt';
SELECT 'rowid as a fraction: ' || path FROM articles('examples/articles') WHERE rowid = 337463703314914.5;
