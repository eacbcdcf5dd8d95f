-- Which top-level front-matter keys the collection uses, in how many files, with which types.
.mode table
SELECT key, count(DISTINCT path) AS files, group_concat(DISTINCT type) AS types
FROM article_fields('examples/articles')
WHERE fullkey = '$.' || key OR fullkey = '$."' || key || '"'
GROUP BY key ORDER BY files DESC, key LIMIT 8;
