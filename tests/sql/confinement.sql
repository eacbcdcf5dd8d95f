-- SQLITE_ARTICLES_ROOTS (set by CTest to examples/articles/scraped): roots inside it are read;
-- every other root is refused, whether named directly, through `..` or through a symlink.
SELECT count(*) FROM articles('examples/articles/scraped');
SELECT count(*) FROM articles('examples/articles/scraped/');
SELECT count(*) FROM articles('@SCRATCH@/inside');
SELECT count(*) FROM articles('examples/articles');
SELECT count(*) FROM articles('examples/articles/scraped/..');
SELECT count(*) FROM articles('@SCRATCH@/outside');
SELECT count(*) FROM articles('@SCRATCH@');
SELECT count(*) FROM article_paragraphs('/');
CREATE VIRTUAL TABLE temp.t USING article_fields(root='examples');
SELECT count(*) FROM t;
-- A path lookup is refused too, before any file is opened.
SELECT count(*) FROM articles('examples/articles') WHERE path = 'scraped/night-trains.txt';
-- A cache file is written by the module: a `cache` option outside the allowed folders is
-- refused at CREATE, and no file is made.
CREATE VIRTUAL TABLE temp.c USING articles(root='examples/articles/scraped', cache='@SCRATCH@/outside/cache.db');
SELECT count(*) FROM c;
.shell test -e @SCRATCH@/outside/cache.db && echo made || echo not made
