-- article_issues: one row per problem, each code of docs/article_issues.md once, and `error`
-- is the same problems joined.
.mode list
CREATE VIRTUAL TABLE temp.i USING article_issues(root='@SCRATCH@/site', max_file_size=2000,
  max_yaml_depth=5);
SELECT path, line, "column", key, code, severity FROM i ORDER BY path, line;
SELECT '-- error is the rows joined: every message in it, nothing without rows';
CREATE VIRTUAL TABLE temp.a USING articles(root='@SCRATCH@/site', max_file_size=2000,
  max_yaml_depth=5);
SELECT 'message not in error: ' || i.path FROM i JOIN a USING (path) WHERE instr(a.error, i.message) = 0;
SELECT 'error without rows: ' || path FROM a WHERE error IS NOT NULL AND path NOT IN (SELECT path FROM i);
SELECT 'rows without error: ' || path FROM i WHERE path NOT IN (SELECT path FROM a WHERE error IS NOT NULL);
SELECT '-- a schema checked: columns on article_issues, and <table>_issues with a declared table';
SELECT path, key, code, message FROM article_issues WHERE root = '@SCRATCH@/site' AND path = 'schema.md';
CREATE VIRTUAL TABLE temp.checks USING article_issues(root='@SCRATCH@/site', pattern='*.md',
  columns='tags list, draft bool, title text required');
SELECT path, key, code, message FROM checks WHERE path IN ('schema.md', 'clean.md') ORDER BY path;
CREATE VIRTUAL TABLE temp.posts USING articles(root='@SCRATCH@/site', pattern='s*.md',
  columns='draft bool, title text required');
SELECT path, key, code FROM posts_issues;
SELECT path, error FROM posts;
DROP TABLE posts;
SELECT count(*) FROM temp.sqlite_master WHERE name = 'posts_issues';
SELECT '-- push-down: one file';
SELECT code FROM i WHERE path = 'duplicate_key.md';
