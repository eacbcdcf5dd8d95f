-- Which files need attention, and why: a per-file problem is data, never a failed query.
.mode table --wrap 60
SELECT path, format, error
FROM articles('examples/articles')
WHERE error IS NOT NULL;
