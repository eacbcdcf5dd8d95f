-- The child tables joined to articles: related entries, front-matter fields and links per article.
.mode table
SELECT a.path, count(DISTINCT r.position) AS related, count(DISTINCT f.fullkey) AS fields,
       count(DISTINCT l.url) AS links
FROM articles('examples/articles', '*.md') a
LEFT JOIN article_related('examples/articles', '*.md') r USING (path)
LEFT JOIN article_fields('examples/articles', '*.md') f USING (path)
LEFT JOIN article_links('examples/articles', '*.md') l USING (path)
WHERE a.format = 'front_matter'
GROUP BY a.path ORDER BY a.path;
