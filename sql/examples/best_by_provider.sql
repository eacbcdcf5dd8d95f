-- The best article of each provider, with how many articles it has.
.mode table
SELECT provider_name, count(*) AS articles, max(quality) AS best, title
FROM articles('examples/articles')
WHERE provider_name IS NOT NULL
GROUP BY provider_name
ORDER BY best DESC;
