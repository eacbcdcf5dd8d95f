-- Errors and safety of the cache functions.
SELECT articles_cache_limit(-1);
SELECT articles_cache_limit('many');
SELECT articles_cache_limit(NULL);
SELECT articles_cache_limit(1.5);
CREATE VIEW v AS SELECT articles_cache_clear();
SELECT * FROM v;
