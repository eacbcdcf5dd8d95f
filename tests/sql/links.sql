-- article_links over a hostile notes folder (links.setup.sh): each check prints a row only when
-- it fails.
CREATE TEMP TABLE l AS SELECT * FROM article_links('@SCRATCH@/notes');

-- A cycle and self links resolve, with their anchors.
SELECT 'cycle ' || path || ' ' || target FROM l WHERE path GLOB 'loop/*'
  AND (target, target_path, resolved, coalesce(anchor_resolved, -1)) NOT IN (VALUES
  ('b', 'loop/b.md', 1, -1), ('#a', 'loop/a.md', 1, 1), ('a#A', 'loop/a.md', 1, 1),
  ('a.md', 'loop/a.md', 1, -1), ('loop/a', 'loop/a.md', 1, -1));
SELECT 'cycle rows' WHERE (SELECT count(*) FROM l WHERE path GLOB 'loop/*') <> 5;

-- Unclosed and empty brackets are text; the link after them, and its bracketed text, are read.
SELECT 'brackets' WHERE NOT EXISTS (SELECT 1 FROM l WHERE path = 'Hostile.md' AND line = 5
  AND text = 'text with [brackets] and `code]`' AND target_path = 'loop/a.md');
SELECT 'empty wiki-link ' || target FROM l WHERE kind IN ('wiki', 'front_matter') AND trim(target) = '';

-- The name 50 files share: the shortest path, then byte order; 50 candidates.
SELECT 'shared name ' || target || ' ' || target_path || ' ' || candidates FROM l
WHERE path = 'Hostile.md' AND target IN ('Same', 'same0/Same')
  AND (target, target_path, candidates) NOT IN (VALUES ('Same', 'same0/Same.md', 50),
                                                   ('same0/Same', 'same0/Same.md', 1));
SELECT 'shared name rows' WHERE (SELECT count(*) FROM l WHERE target IN ('Same', 'same0/Same')) <> 3;

-- Escaped and non-ASCII names, a folder's index, site paths and aliases.
SELECT 'escaped ' || target || ' -> ' || coalesce(target_path, 'NULL') FROM l
WHERE path = 'Hostile.md' AND line = 6 AND kind <> 'wiki' AND target <> 'same0/Same'
  AND (target, target_path, coalesce(anchor_resolved, -1)) NOT IN (VALUES
  ('Caf%C3%A9%20notes.md#caf%C3%A9-notes', 'Café notes.md', 1),
  ('pics/quay%20photo.jpg', 'pics/quay photo.jpg', -1),
  ('guide/#install-it', 'guide/index.md', 1),
  ('/custom/cafe', 'Café notes.md', -1),
  ('/old/cafe.html', 'Café notes.md', -1));
SELECT 'alias in front matter' WHERE NOT EXISTS (SELECT 1 FROM l WHERE kind = 'front_matter'
  AND target = 'Coffee' AND text = 'the café' AND target_path = 'Café notes.md');
SELECT 'case-folded name' WHERE NOT EXISTS (SELECT 1 FROM l WHERE target = 'café NOTES'
  AND target_path = 'Café notes.md');

-- Out of the root, hidden, other schemes: never resolved (and outside.md never read: no
-- `outside` row anywhere).
SELECT 'out ' || target || ' ' || coalesce(target_path, 'NULL') || ' ' || coalesce(resolved, 'NULL')
FROM l WHERE path = 'Hostile.md' AND line = 7
  AND (target, coalesce(target_path, ''), coalesce(resolved, -1)) NOT IN (VALUES
  ('../outside.md', '', 0), ('../../../../etc/passwd', '', 0), ('.hidden/secret.md', '', 0),
  ('secret', '', 0), ('/etc/passwd', '', 0), ('mailto:a@b.example', '', -1),
  ('Hostile', 'Hostile.md', 1), ('#Nope', 'Hostile.md', 1));
SELECT 'dead anchor' WHERE (SELECT anchor_resolved FROM l WHERE target = '#Nope') IS NOT 0;
SELECT 'outside read' FROM articles('@SCRATCH@/notes') WHERE path GLOB '*outside*';

-- A thousand links on one line: all there, none resolved.
SELECT 'thousand' WHERE (SELECT count(*) FROM l WHERE line = 8 AND resolved = 0) <> 1000;

-- resolved: 1 with a target, NULL only for a URL, 0 otherwise; candidates 0 without a target.
SELECT 'resolved ' || target FROM l WHERE (resolved = 1) <> (target_path IS NOT NULL)
  OR (resolved IS NULL AND url IS NULL AND target NOT GLOB '*:*')
  OR ((target_path IS NULL) <> (candidates = 0));
-- anchor_resolved only with an anchor and a target.
SELECT 'anchor ' || target FROM l WHERE anchor_resolved IS NOT NULL
  AND (target_anchor IS NULL OR target_path IS NULL);

-- The same rows with a pattern: targets are every file of the root, whatever the pattern.
SELECT 'pattern' WHERE (SELECT count(*) FROM article_links('@SCRATCH@/notes', 'Hostile.md')
  WHERE resolved = 1) <> (SELECT count(*) FROM l WHERE path = 'Hostile.md' AND resolved = 1);
