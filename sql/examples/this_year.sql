-- Articles published in the first half of 2024, newest first, by UTC time.
.mode table
SELECT published_at, title
FROM articles('examples/articles')
WHERE published_at >= '2024-01-01' AND published_at < '2024-07-01'
ORDER BY published_at DESC;
