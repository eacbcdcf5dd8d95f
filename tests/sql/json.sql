-- Every JSON value the module returns carries SQLite's JSON subtype: json_object() and
-- json_array() nest it as JSON, never as a quoted string. Each check prints a row only when it
-- fails.
SELECT 'topics: ' || path FROM articles('examples/articles')
WHERE topics IS NOT NULL AND json_type(json_object('x', topics), '$.x') <> 'array';
SELECT 'images: ' || path FROM articles('examples/articles')
WHERE images IS NOT NULL AND json_type(json_object('x', images), '$.x') <> 'array';
SELECT 'front_matter: ' || path FROM articles('examples/articles')
WHERE front_matter IS NOT NULL AND json_type(json_array(front_matter), '$[0]') <> 'object';
SELECT 'related entry: ' || path FROM article_related('examples/articles')
WHERE json_type(json_object('x', entry), '$.x') <> 'object';
SELECT 'related images: ' || path FROM article_related('examples/articles')
WHERE images IS NOT NULL AND json_type(json_object('x', images), '$.x') <> 'array';
SELECT 'article_parse' WHERE json_type(json_object('x', article_parse('# Title')), '$.x') <> 'object';
SELECT 'articles_cache_stats' WHERE json_type(json_object('x', articles_cache_stats()), '$.x') <> 'object';
SELECT 'articles_last_scan' WHERE json_type(json_object('x', articles_last_scan()), '$.x') <> 'object';
-- Text columns stay text.
SELECT 'title as JSON: ' || path FROM articles('examples/articles')
WHERE title IS NOT NULL AND json_type(json_object('x', title), '$.x') <> 'text';
