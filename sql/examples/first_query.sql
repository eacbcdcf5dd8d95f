-- One typed row per article: the query from the README.
.mode table --wrap 40
SELECT path, title, quality, provider_name, published_at, related_count, error
FROM articles('examples/articles');
