-- A scan interrupted while its workers read ahead (here by the progress handler, as Ctrl-C in
-- the shell would) stops with SQLITE_INTERRUPT, leaks nothing (checked in the sanitizer build),
-- and leaves the connection and the cache usable.
-- Regression: closing the cursor freed the listing while workers still read it (ASan
-- heap-use-after-free in the sanitizer build).
.progress 50 --limit 2 --quiet
SELECT count(title) FROM articles('@SCRATCH@/d');
.progress 0
SELECT count(title), sum(related_count) FROM articles('@SCRATCH@/d');
SELECT count(*) FROM article_fields('@SCRATCH@/d');
-- Regression: a child table passing over files without rows never gave the progress handler a
-- chance, and returned a count as if complete.
.progress 10 --limit 3 --quiet
SELECT count(*) FROM article_related('@SCRATCH@/plain');
.progress 0
SELECT count(*) FROM article_related('@SCRATCH@/plain');
