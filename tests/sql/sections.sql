-- article_sections over every example folder: each check prints a row only when it fails.
CREATE TEMP TABLE s AS SELECT * FROM article_sections('examples');
CREATE TEMP TABLE a AS SELECT path, format, title, title_source FROM articles('examples');

-- A join by path never loses a file: every article has a section, level 0 or a heading.
SELECT 'no section for ' || path FROM a WHERE path NOT IN (SELECT path FROM s);
-- Positions from 0; levels 0 to 6; heading and anchor exactly when the level is not 0; lines
-- in order and within the section; parents above and of a lower level.
SELECT 'positions of ' || path FROM s GROUP BY path HAVING min(position) <> 0 OR max(position) + 1 <> count(*);
SELECT 'level ' || level || ' in ' || path FROM s WHERE level NOT BETWEEN 0 AND 6;
SELECT 'heading of ' || path || ' ' || position FROM s
WHERE (level = 0) <> (heading IS NULL) OR (level = 0) <> (anchor IS NULL) OR heading = '';
SELECT 'lines of ' || path || ' ' || position FROM s WHERE end_line < line;
SELECT 'order of ' || s.path FROM s JOIN s t ON t.path = s.path AND t.position = s.position + 1
WHERE t.line <= s.end_line;
SELECT 'parent of ' || s.path || ' ' || s.position FROM s LEFT JOIN s p ON p.path = s.path AND p.position = s.parent
WHERE s.parent IS NOT NULL AND (p.position IS NULL OR p.position >= s.position OR p.level >= s.level OR p.level = 0);
-- Anchors are unique within a file; text is trimmed of blank lines.
SELECT 'anchors of ' || path FROM s WHERE anchor IS NOT NULL GROUP BY path, anchor HAVING count(*) > 1;
SELECT 'text of ' || path || ' ' || position FROM s WHERE text <> trim(text, char(10, 13)) AND text <> '';
-- A Markdown title heading is the first level-1 section's heading.
SELECT 'title of ' || a.path FROM a WHERE a.title_source = 'heading' AND a.title IS NOT (
  SELECT heading FROM s WHERE s.path = a.path AND s.level = 1 ORDER BY position LIMIT 1);
-- The notes: the repeated headings and their anchors, the `#` in a code block, a comment.
SELECT 'notes: ' || group_concat(anchor, ' ') FROM (
  SELECT anchor FROM s WHERE path = 'notes/Harbour plan.md' ORDER BY position)
HAVING group_concat(anchor, ' ') IS NOT 'harbour-plan timeline decisions decisions-1 risks';
SELECT 'budget: ' || group_concat(level || ':' || anchor || '^' || ifnull(parent, '-'), ' ') FROM (
  SELECT * FROM s WHERE path = 'notes/Budget 2025.md' ORDER BY position)
HAVING group_concat(level || ':' || anchor || '^' || ifnull(parent, '-'), ' ')
  IS NOT '1:budget-2025^- 3:line-items^0 3:line-items-1^0';
-- Push-down as for articles: path = reads that one file.
SELECT count(*) FROM article_sections('examples/notes') WHERE path = 'index.md' HAVING count(*) <> 3;
SELECT 'path = loaded ' || articles_last_scan()
WHERE json_extract(articles_last_scan(), '$.loaded') <> 1 OR json_extract(articles_last_scan(), '$.files') <> 1;
