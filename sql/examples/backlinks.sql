-- Backlinks: which articles of the folder link to which, from front matter or body.
.mode table
SELECT target_path AS article, path AS linked_from, source, fullkey, line
FROM article_links('examples/articles')
WHERE target_path IS NOT NULL AND target_path <> path
ORDER BY target_path, path, line;
