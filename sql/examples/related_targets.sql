-- Every related entry with the article that lists it and the article of the folder it points to.
.mode table
SELECT a.title AS article, r.position, r.title AS related, r.target_path
FROM articles('examples/articles') a
JOIN article_related('examples/articles') r USING (path)
ORDER BY a.path, r.position;
