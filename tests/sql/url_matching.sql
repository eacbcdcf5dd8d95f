-- target_path matches URLs that name the same page (docs/article_related.md, "Matching URLs").
SELECT position, web_url, target_path FROM article_related('@SCRATCH@/site') ORDER BY position;
SELECT url, target_path FROM article_links('@SCRATCH@/site') WHERE path = 'index.md' AND source = 'body';
