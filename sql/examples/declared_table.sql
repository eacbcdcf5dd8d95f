-- A declared table keeps its options; here only the scraped plain-text files.
.mode table
CREATE VIRTUAL TABLE temp.scraped USING articles(root='examples/articles/scraped', pattern='*.txt');
SELECT path, title, word_count, format FROM scraped;
