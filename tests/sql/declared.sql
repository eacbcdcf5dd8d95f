-- Declared columns (docs/declared_columns.md): values of every type over the Hugo example,
-- push-down, a table in a database file read again after reopening it, and every bad schema.
.mode list
.headers off
CREATE VIRTUAL TABLE temp.posts USING articles(root='examples/hugo/content',
  columns='tags list, draft bool, weight int, date date, summary text = description,
           image text = params.image, title text required, spell list split = tags,
           extra json = params, "hero shot" real = weight');
SELECT path, title, tags, draft, weight, date, image, typeof(weight), typeof(draft), "hero shot"
FROM posts ORDER BY path;
SELECT '-- errors';
SELECT path, error FROM posts WHERE error IS NOT NULL ORDER BY path;
SELECT '-- JSON columns nest as JSON';
SELECT json_object('tags', tags, 'extra', extra) FROM posts WHERE path = 'posts/first-light.md';
SELECT '-- push-down and filters on declared columns';
SELECT path FROM posts WHERE path = 'posts/tide-tables.md' AND draft = 0;
SELECT count(*) FROM posts WHERE 'harbour' IN (SELECT value FROM json_each(tags));
SELECT path FROM posts WHERE weight > 15 ORDER BY weight DESC;
SELECT '-- a path in no file: NULL everywhere, no error';
CREATE VIRTUAL TABLE temp.ghost USING articles(root='examples/hugo/content', columns='missing text = no.such.key');
SELECT count(*), count(missing), count(error) FROM ghost;
SELECT '-- in a database file, read again after reopening';
.open @SCRATCH@/declared.db
.load @MODULE@
CREATE VIRTUAL TABLE kept USING articles(root='examples/hugo/content', columns='weight int, tags list');
.open @SCRATCH@/declared.db
.load @MODULE@
SELECT path, weight, tags FROM kept WHERE weight IS NOT NULL ORDER BY weight;
SELECT name FROM sqlite_master ORDER BY name;
SELECT path, key, code FROM kept_issues;
DROP TABLE kept;
SELECT 'left after DROP: ' || count(*) FROM sqlite_master;
SELECT '-- bad schemas';
CREATE VIRTUAL TABLE temp.b1 USING articles(root='examples', columns='tags colour');
CREATE VIRTUAL TABLE temp.b2 USING articles(root='examples', columns=', tags list');
CREATE VIRTUAL TABLE temp.b3 USING articles(root='examples', columns='path text');
CREATE VIRTUAL TABLE temp.b4 USING articles(root='examples', columns='image text = params..image');
CREATE VIRTUAL TABLE temp.b5 USING articles(root='examples', columns='tags list, Tags text');
CREATE VIRTUAL TABLE temp.b6 USING articles(root='examples', columns='');
CREATE VIRTUAL TABLE temp.b7 USING articles(root='examples', columns='tags text split');
CREATE VIRTUAL TABLE temp.b8 USING article_links(root='examples', columns='tags list');
CREATE VIRTUAL TABLE temp.b9 USING articles(root='examples', columns='error text');
-- The issues table's name is taken: the declared table is not made either.
CREATE TABLE temp.b10_issues(x);
CREATE VIRTUAL TABLE temp.b10 USING articles(root='examples', columns='a text');
SELECT name FROM temp.sqlite_master WHERE name GLOB 'b10*';
