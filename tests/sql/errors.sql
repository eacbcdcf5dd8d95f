-- Every SQL error of the articles table: a clear message that names the argument or option.
SELECT count(*) FROM articles;
SELECT count(*) FROM articles(NULL);
SELECT count(*) FROM articles('');
SELECT count(*) FROM articles(1);
SELECT count(*) FROM articles(1.5);
SELECT count(*) FROM articles(x'00');
SELECT count(*) FROM articles('a' || char(0) || 'b');
SELECT count(*) FROM articles('examples/no-such-folder');
SELECT count(*) FROM articles('examples/articles/odd/bom-notes.md');
SELECT count(*) FROM articles('examples/articles', 5);
SELECT count(*) FROM articles('examples/articles', '');
CREATE VIRTUAL TABLE temp.t1 USING articles(root='examples/articles', bogus=1);
CREATE VIRTUAL TABLE temp.t2 USING articles(root='examples/articles', root='x');
CREATE VIRTUAL TABLE temp.t3 USING articles(root='examples/articles', recursive=maybe);
CREATE VIRTUAL TABLE temp.t4 USING articles('examples/articles');
CREATE VIRTUAL TABLE temp.t5 USING articles(root='examples/articles', max_file_size=-1);
CREATE VIRTUAL TABLE temp.t6 USING articles(root='');
CREATE VIRTUAL TABLE temp.t7 USING articles(pattern='*.md');
SELECT count(*) FROM t7;
CREATE VIRTUAL TABLE temp.t8 USING articles(root='examples/no-such-folder');
SELECT count(*) FROM t8;
-- DIRECTONLY: a view, trigger or schema expression cannot read files.
CREATE VIEW v AS SELECT path FROM articles('examples/articles');
SELECT count(*) FROM v;
-- Every table that reads files is DIRECTONLY, and names itself in its errors.
CREATE VIEW v2 AS SELECT path FROM article_related('examples/articles');
SELECT count(*) FROM v2;
CREATE VIEW v3 AS SELECT path FROM article_fields('examples/articles');
SELECT count(*) FROM v3;
CREATE VIEW v4 AS SELECT path FROM article_links('examples/articles');
SELECT count(*) FROM v4;
SELECT count(*) FROM article_links;
SELECT count(*) FROM article_fields('examples/no-such-folder');
CREATE VIRTUAL TABLE temp.t9 USING article_related(root='examples/articles', sideways=1);
CREATE VIRTUAL TABLE temp.t10 USING articles(root='examples/articles', threads=0);
CREATE VIRTUAL TABLE temp.t11 USING articles(root='examples/articles', threads=many);
CREATE VIRTUAL TABLE temp.t12 USING articles(root='examples/articles', yaml_parser=fast);
CREATE VIEW v5 AS SELECT path FROM article_paragraphs('examples/articles');
SELECT count(*) FROM v5;
CREATE VIRTUAL TABLE temp.t13 USING articles(root='examples/articles', max_front_matter_size=0);
CREATE VIRTUAL TABLE temp.t14 USING articles(root='examples/articles', max_files=2);
SELECT count(*) FROM t14;
CREATE VIRTUAL TABLE temp.t15 USING articles(root='examples/articles', max_folder_depth=0);
CREATE VIRTUAL TABLE temp.t16 USING articles(root='examples/articles', max_yaml_depth=1, max_yaml_values=many);
CREATE VIRTUAL TABLE temp.t17 USING articles(root='examples/articles', max_yaml_depth=1);
SELECT path, error FROM t17 WHERE path = '2024-03-05-harbour-cranes.md';
CREATE VIRTUAL TABLE temp.t18 USING articles(root='examples/articles', max_yaml_values=5);
SELECT path, error FROM t18 WHERE path = '2024-03-05-harbour-cranes.md';
CREATE VIRTUAL TABLE temp.t19 USING articles(root='examples/articles', watch=yes);
-- A folder beyond max_folder_depth is counted and left out, the rest of the folder read; `path =`
-- agrees with the scan.
CREATE VIRTUAL TABLE temp.t20 USING articles(root='@SCRATCH@/deep', max_folder_depth=1);
SELECT path FROM t20;
SELECT json_extract(articles_last_scan(), '$.skipped.too_deep');
SELECT count(*) FROM t20 WHERE path = 'a/b/c.md';
-- A third positional argument: the first two are the root and the pattern.
CREATE VIRTUAL TABLE temp.t21 USING articles('examples/articles', '*.txt', 'x');
SELECT count(*) FROM articles('examples/articles', '*.{md');
-- A declared table's root must exist at CREATE; a table whose folder went away later still
-- connects (its queries fail) and can be dropped.
CREATE VIRTUAL TABLE temp.t22 USING articles(root='@SCRATCH@/none');
CREATE VIRTUAL TABLE temp.t23 USING articles('@SCRATCH@/deep', '*.{md');
.open @SCRATCH@/kept.db
.load @MODULE@
CREATE VIRTUAL TABLE gone USING articles(root='@SCRATCH@/deep');
SELECT count(*) FROM gone;
.system env -u LD_PRELOAD rm -rf @SCRATCH@/deep
.open @SCRATCH@/kept.db
.load @MODULE@
SELECT count(*) FROM gone;
DROP TABLE gone;
SELECT count(*) FROM sqlite_schema WHERE name = 'gone';
