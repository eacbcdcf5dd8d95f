-- The yaml_parser option: 'auto' (the fast path, yaml-cpp when it declines) and 'yaml-cpp' read
-- every file alike; articles_cache_stats() counts the front matters each path read.
CREATE VIRTUAL TABLE temp.auto_t USING articles(root='@SCRATCH@', yaml_parser=auto);
CREATE VIRTUAL TABLE temp.full_t USING articles(root='@SCRATCH@', yaml_parser='yaml-cpp');
CREATE TEMP TABLE before AS SELECT articles_cache_clear() AS c, articles_cache_stats() AS s;
CREATE TEMP TABLE a AS SELECT * FROM auto_t;
CREATE TEMP TABLE stats_auto AS SELECT articles_cache_stats() AS s;
CREATE TEMP TABLE cleared AS SELECT articles_cache_clear();
CREATE TEMP TABLE f AS SELECT * FROM full_t;
CREATE TEMP TABLE stats_full AS SELECT articles_cache_stats() AS s;

SELECT 'rows differ: ' || path FROM a FULL JOIN f USING (path)
 WHERE a.title IS NOT f.title OR a.excerpt IS NOT f.excerpt OR a.quality IS NOT f.quality
    OR a.topics IS NOT f.topics OR a.front_matter IS NOT f.front_matter OR a.error IS NOT f.error;
SELECT 'expected 4 rows, got ' || count(*) FROM a HAVING count(*) <> 4;
SELECT 'alias not expanded: ' || excerpt FROM a WHERE path = 'alias.md' AND excerpt IS NOT 'Aliased';
SELECT 'broken block has no error' FROM a WHERE path = 'broken.md' AND error IS NULL;

-- auto: the fast path took fast.md; yaml-cpp took alias.md and broken.md.
SELECT 'auto: ' || stats_auto.s FROM stats_auto, before
 WHERE json_extract(stats_auto.s, '$.yaml_fast_path') - json_extract(before.s, '$.yaml_fast_path') <> 1
    OR json_extract(stats_auto.s, '$.yaml_cpp') - json_extract(before.s, '$.yaml_cpp') <> 2;
-- yaml-cpp: it took all three.
SELECT 'yaml-cpp: ' || stats_full.s FROM stats_full, stats_auto
 WHERE json_extract(stats_full.s, '$.yaml_fast_path') <> json_extract(stats_auto.s, '$.yaml_fast_path')
    OR json_extract(stats_full.s, '$.yaml_cpp') - json_extract(stats_auto.s, '$.yaml_cpp') <> 3;

-- max_front_matter_size: a larger block is not parsed; the row keeps its body and says why,
-- although the same file is cached as parsed with the default limit (a cache variant per limit).
CREATE VIRTUAL TABLE temp.tiny USING articles(root='@SCRATCH@', max_front_matter_size=10);
SELECT 'tiny: ' || path || ' ' || quote(title) || ' ' || quote(front_matter) || ' ' || quote(error) FROM tiny
WHERE path = 'fast.md' AND (front_matter IS NOT NULL OR title IS NOT 'fast' OR body IS NOT 'Body' || char(10)
   OR error IS NOT 'front matter of 40 bytes is over the limit of 10 bytes: not parsed');
