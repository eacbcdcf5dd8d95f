-- Query plans: ORDER BY path is consumed (no temp b-tree); another order is sorted; the
-- arguments are passed to the table (idxNum 1 = root, 3 = root and pattern).
EXPLAIN QUERY PLAN SELECT path FROM articles('examples/articles') ORDER BY path;
EXPLAIN QUERY PLAN SELECT path FROM articles('examples/articles') ORDER BY path DESC;
EXPLAIN QUERY PLAN SELECT path FROM articles('examples/articles', '*.md') ORDER BY title;
CREATE VIRTUAL TABLE temp.news USING articles(root='examples/articles');
EXPLAIN QUERY PLAN SELECT path FROM news;
