-- Files on disk through SQL: skipped kinds, odd names, encodings and the splitting rules.
-- Each check prints a row only when it fails. files.setup.sh fills @SCRATCH@.

CREATE TEMP TABLE f AS SELECT * FROM articles('@SCRATCH@/d');

-- Hidden names, symlinks (to files, out of the root, in loops) and FIFOs give no row.
SELECT 'listed: ' || path FROM f WHERE path GLOB '.*' OR path GLOB '*/.*' OR path IN ('link.md', 'pipe.md')
  OR path GLOB 'escape*' OR path GLOB 'loop*';
SELECT 'rows: ' || count(*) FROM f HAVING count(*) <> 17;

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
-- Invalid UTF-8 in a text that has UTF-8 (a stray byte, an overlong form): replaced.
SELECT 'bad utf8' FROM f WHERE path = 'sub/bad_utf8.txt'
  AND (title IS NOT 'Caf' || char(0xE9, 32, 0xFFFD) OR body IS NOT char(0xFFFD, 0xFFFD) || ' overlong' || char(10)
       OR error IS NOT 'invalid text encoding: 3 sequence(s) replaced by U+FFFD (first on line 1)');
-- Bytes past ASCII and none of them UTF-8: an 8-bit text, read as Windows-1252 (every byte
-- kept, an overlong form's bytes too).
SELECT 'latin1' FROM f WHERE path = 'sub/latin1.txt'
  AND (title IS NOT 'Caf' || char(0xE9) || ' cr' || char(0xE8) || 'me'
       OR body IS NOT char(0x201C) || 'Quoted' || char(0x201D, 32, 0x2013, 32, 0x20AC) || ' 5 ' || char(0xC0, 0xAF, 10)
       OR error IS NOT 'not UTF-8: read as Windows-1252 (Latin-1), first byte past ASCII on line 1');
-- A NUL in the first 8 KB: not a text file (no title, no body, an error). Past 8 KB: text, the
-- NUL replaced and reported.
SELECT 'nul' FROM f WHERE path = 'sub/nul.txt'
  AND (format IS NOT 'binary' OR title IS NOT NULL OR body IS NOT NULL OR error IS NOT 'not a text file');
SELECT 'late nul' FROM f WHERE path = 'sub/nul_late.txt'
  AND (format IS NOT 'plain' OR body NOT LIKE '%before' || char(0xFFFD) || 'after' || char(10)
       OR error IS NOT '1 NUL byte(s) replaced by U+FFFD (first on line 2)');
SELECT 'NUL in a text value: ' || path FROM f
WHERE instr(CAST(coalesce(title, '') || coalesce(body, '') || coalesce(error, '') || coalesce(front_matter, '') || path AS BLOB), x'00') > 0;

-- Splitting rules.
SELECT 'four dashes' FROM f WHERE path = 'sub/four.md' AND (format IS NOT 'plain' OR title IS NOT 'four' OR title_source IS NOT 'file_name');
SELECT '---js' FROM f WHERE path = 'sub/js.md' AND (format IS NOT 'plain' OR title IS NOT 'js');
SELECT 'dots' FROM f WHERE path = 'sub/dots.md' AND (front_matter IS NOT '{"t":"dots"}' OR body IS NOT 'after' || char(10));
SELECT 'only dashes' FROM f WHERE path = 'sub/only_dashes.md'
  AND (format IS NOT 'plain' OR title IS NOT 'only_dashes' OR error NOT LIKE 'front matter opened on line 1 is never closed%');
SELECT 'blank' FROM f WHERE path = 'sub/blank.txt' AND (title IS NOT NULL OR body IS NOT '' OR word_count <> 0 OR error IS NOT NULL);
SELECT 'empty' FROM f WHERE path = 'sub/empty.txt' AND (title IS NOT NULL OR body IS NOT '' OR size <> 0 OR error IS NOT NULL);

-- Nothing is lost: every entry of the folder is a row or a counted skip. The setup made 22
-- entries that are not folders of rows (17 files, 2 hidden, 3 symlinks, 1 FIFO).
CREATE TEMP TABLE rescan AS SELECT count(*) FROM articles('@SCRATCH@/d');
SELECT 'lost: ' || articles_last_scan() WHERE (SELECT count(*) FROM f)
  + json_extract(articles_last_scan(), '$.skipped.hidden') + json_extract(articles_last_scan(), '$.skipped.symlink')
  + json_extract(articles_last_scan(), '$.skipped.not_regular') <> 23
  OR json_extract(articles_last_scan(), '$.skipped.hidden') <> 2 OR json_extract(articles_last_scan(), '$.skipped.symlink') <> 3;

-- follow_symlinks=1: link.md and the folder link 'loop' (to sub) give rows; 'escape' (to /)
-- stays a counted skip, and the FIFO is still never opened. 'loop' repeats sub's 16 files.
CREATE VIRTUAL TABLE temp.fl USING articles(root='@SCRATCH@/d', follow_symlinks=1);
CREATE TEMP TABLE followed AS SELECT path, title, body, error FROM fl;
SELECT 'follow rows: ' || count(*) FROM followed HAVING count(*) <> 17 + 1 + 16;
SELECT 'follow link.md' WHERE (SELECT title || ' ' || body FROM followed WHERE path = 'link.md') IS NOT 'link Real' || char(10);
SELECT 'follow loop/' WHERE (SELECT title FROM followed WHERE path = 'loop/bom_crlf.md') IS NOT 'BOM CRLF';
SELECT 'follow escape: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.skipped.symlink_outside') <> 1
  OR json_extract(articles_last_scan(), '$.skipped.symlink') <> 0 OR json_extract(articles_last_scan(), '$.skipped.not_regular') <> 1;
SELECT 'follow path =' WHERE (SELECT body FROM fl WHERE path = 'link.md') IS NOT 'Real' || char(10);
SELECT 'follow error: ' || path || ': ' || error FROM followed WHERE error LIKE '%symbolic%';

-- A sparse file of 64 GiB is refused from its size alone: no byte of it is read.
SELECT 'sparse: ' || coalesce(error, 'no error') FROM articles('@SCRATCH@/sparse')
WHERE error IS NOT 'the file is 68719476736 bytes, over the limit of 16777216 bytes: not read' OR title IS NOT NULL;
SELECT 'sparse read: ' || articles_last_scan() WHERE json_extract(articles_last_scan(), '$.files_read') <> 0;
SELECT 'sparse read by path' WHERE (SELECT error FROM articles('@SCRATCH@/sparse') WHERE path = 'huge.md') NOT LIKE 'the file is 68719476736 bytes%';
