-- article_keys over every example folder: each check prints a row only when it fails.
CREATE TEMP TABLE k AS SELECT * FROM article_keys('examples');
CREATE TEMP TABLE f AS SELECT * FROM article_fields('examples');

-- Every top-level key of article_fields is a row, with the number of files that have it (an
-- empty list or mapping has no field: those keys are left out).
SELECT 'files of ' || key FROM k WHERE key NOT GLOB '*[.[]*' AND lists = 0 AND maps = 0 AND files IS NOT
  (SELECT count(DISTINCT path) FROM f WHERE f.fullkey = '$.' || k.key OR f.fullkey GLOB '$.' || k.key || '[[.]*');
SELECT 'missing ' || substr(fullkey, 3) FROM f
WHERE fullkey NOT GLOB '*[.[]*[.[]*' AND fullkey NOT GLOB '$."*' AND substr(fullkey, 3) NOT IN (SELECT key FROM k)
  AND fullkey NOT GLOB '$.*[[]*';
-- The counts by type add up to at least the files, and `types` holds the same counts.
SELECT 'counts of ' || key FROM k WHERE texts + ints + reals + bools + nulls + lists + maps + dates < files;
SELECT 'types of ' || key FROM k
WHERE (SELECT sum(value) FROM json_each(types)) <> texts + ints + reals + bools + nulls + lists + maps + dates;
-- Keys come in byte order; examples are never longer than 100 bytes.
SELECT 'order' FROM k a JOIN k b ON b.rowid = a.rowid + 1 WHERE b.key <= a.key;
SELECT 'example of ' || key FROM k WHERE length(CAST(example AS BLOB)) > 100;
-- A pattern and a declared root narrow the census like any table's.
SELECT 'pattern' WHERE (SELECT files FROM article_keys('examples', '*.toml') WHERE key = 'title') IS NOT NULL
  AND (SELECT count(*) FROM article_keys('examples', 'hugo/content/*.md')) = 0;
CREATE VIRTUAL TABLE temp.census USING article_keys(root='examples/hugo/content', pattern='posts/*');
SELECT 'declared ' || key || ' ' || files FROM census WHERE key IN ('title', 'tags', 'weight')
  AND (key, files, lists, texts) NOT IN (VALUES ('title', 4, 0, 4), ('tags', 5, 4, 1), ('weight', 4, 0, 1));
