-- Query plans: ORDER BY path is consumed (no temp b-tree); another order is sorted; the
-- arguments are passed to the table (idxNum bits: 1 root, 2 pattern, 4 path, 8 rowid; 16: a
-- column that needs parsing is read, so workers read ahead; 128: one that needs plain text read
-- for its headline, as `title`).
EXPLAIN QUERY PLAN SELECT path FROM articles('examples/articles') ORDER BY path;
EXPLAIN QUERY PLAN SELECT path FROM articles('examples/articles') ORDER BY path DESC;
EXPLAIN QUERY PLAN SELECT path FROM articles('examples/articles', '*.md') ORDER BY title;
CREATE VIRTUAL TABLE temp.news USING articles(root='examples/articles');
EXPLAIN QUERY PLAN SELECT path FROM news;
-- rowid = ? is passed to the table too (8), and is then the cheapest plan.
EXPLAIN QUERY PLAN SELECT title FROM articles('examples/articles') WHERE rowid = 1;
-- word_count needs the file parsed, not its headline read (16 without 128).
EXPLAIN QUERY PLAN SELECT word_count FROM articles('examples/articles');
