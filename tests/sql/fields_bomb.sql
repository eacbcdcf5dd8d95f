-- Regression: article_fields built the path of every leaf of a file at once: a 47 KB file
-- whose 90,000 leaves lie under 40 KB of keys took 3.6 GB for count(*), and ran out of memory
-- (CTest runs this file with its address space capped at 2 GiB, outside sanitizer builds).
-- Each check prints a row only when it fails. fields_bomb.setup.sh fills @SCRATCH@.
SELECT 'fields: ' || count(*) FROM article_fields('@SCRATCH@/bomb') HAVING count(*) <> 90000;
SELECT 'texts: ' || count(*) FROM article_fields('@SCRATCH@/bomb') WHERE type = 'text' HAVING count(*) <> 90000;
SELECT 'row error: ' || error FROM articles('@SCRATCH@/bomb') WHERE error IS NOT NULL;
SELECT 'a path: ' || length(fullkey) FROM article_fields('@SCRATCH@/bomb') WHERE rowid IN
  (SELECT rowid FROM article_fields('@SCRATCH@/bomb') LIMIT 1) AND length(fullkey) <> 1 + 40 * 1001 + length(".a[0]");
