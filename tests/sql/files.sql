-- Files on disk through SQL: skipped kinds, odd names, encodings and the splitting rules.
-- Each check prints a row only when it fails. files.setup.sh fills @SCRATCH@.

CREATE TEMP TABLE f AS SELECT * FROM articles('@SCRATCH@/d');

-- Hidden names, symlinks (to files, out of the root, in loops) and FIFOs give no row.
SELECT 'listed: ' || path FROM f WHERE path GLOB '.*' OR path GLOB '*/.*' OR path IN ('link.md', 'pipe.md')
  OR path GLOB 'escape*' OR path GLOB 'loop*';
SELECT 'rows: ' || count(*) FROM f HAVING count(*) <> 15;

-- A name that is not UTF-8 shows U+FFFD and says so; odd but valid names pass through.
SELECT 'bad name' FROM f WHERE path = 'sub/bad' || char(0xFFFD) || 'name.txt'
  AND (title IS NOT 'Bad name' OR error IS NOT 'the file name is not valid UTF-8: its bad bytes are shown as U+FFFD in path')
UNION ALL SELECT 'bad name missing' WHERE NOT EXISTS (SELECT 1 FROM f WHERE path = 'sub/bad' || char(0xFFFD) || 'name.txt');
SELECT 'newline name' WHERE (SELECT title FROM f WHERE path = 'sub/new' || char(10) || 'line.txt') IS NOT 'Newline name';
SELECT 'quote name' WHERE (SELECT title FROM f WHERE path = 'sub/it''s "quoted".txt') IS NOT 'Quote name';

-- Encodings: BOM + CRLF, UTF-16 LE and BE, invalid UTF-8, NUL.
SELECT 'bom crlf' FROM f WHERE path = 'sub/bom_crlf.md'
  AND (format IS NOT 'front_matter' OR title IS NOT 'BOM CRLF' OR body IS NOT 'Body' || char(13, 10) OR error IS NOT NULL);
SELECT 'utf16le' FROM f WHERE path = 'sub/utf16le.md' AND front_matter IS NOT '{"t":"U' || char(0xE9) || '"}';
SELECT 'utf16be' FROM f WHERE path = 'sub/utf16be.md' AND front_matter IS NOT '{"t":"BE"}';
SELECT 'latin1' FROM f WHERE path = 'sub/latin1.txt'
  AND (title IS NOT 'Caf' || char(0xFFFD) OR body IS NOT char(0xFFFD, 0xFFFD) || ' overlong' || char(10)
       OR error IS NOT 'invalid text encoding: 3 sequence(s) replaced by U+FFFD (first on line 1)');
SELECT 'nul' FROM f WHERE path = 'sub/nul.txt'
  AND (body IS NOT 'before' || char(0xFFFD) || 'after' || char(10)
       OR error IS NOT '1 NUL byte(s) replaced by U+FFFD (first on line 2)');
SELECT 'NUL in a text value: ' || path FROM f
WHERE instr(CAST(coalesce(title, '') || coalesce(body, '') || coalesce(error, '') || coalesce(front_matter, '') || path AS BLOB), x'00') > 0;

-- Splitting rules.
SELECT 'four dashes' FROM f WHERE path = 'sub/four.md' AND (format IS NOT 'plain' OR title IS NOT '----');
SELECT '---js' FROM f WHERE path = 'sub/js.md' AND (format IS NOT 'plain' OR title IS NOT '---js');
SELECT 'dots' FROM f WHERE path = 'sub/dots.md' AND (front_matter IS NOT '{"t":"dots"}' OR body IS NOT 'after' || char(10));
SELECT 'only dashes' FROM f WHERE path = 'sub/only_dashes.md'
  AND (format IS NOT 'plain' OR title IS NOT NULL OR error NOT LIKE 'front matter opened on line 1 is never closed%');
SELECT 'blank' FROM f WHERE path = 'sub/blank.txt' AND (title IS NOT NULL OR body IS NOT '' OR word_count <> 0 OR error IS NOT NULL);
SELECT 'empty' FROM f WHERE path = 'sub/empty.txt' AND (title IS NOT NULL OR body IS NOT '' OR size <> 0 OR error IS NOT NULL);
