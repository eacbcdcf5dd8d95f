-- Every related entry with the article that lists it, straight from front_matter.
.mode table
SELECT a.title AS article, json_extract(r.value, '$.title') AS related,
       json_extract(r.value, '$.provider.name') AS provider
FROM articles('examples/articles', '*.md') a, json_each(a.front_matter, '$.related') r
ORDER BY a.path, r.key;
