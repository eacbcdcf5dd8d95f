// One article file, parsed: the typed fields of an `articles` row. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/markdown.hpp"
#include "core/problem.hpp"
#include "core/schema.hpp"
#include "core/scraped.hpp"
#include "core/value.hpp"
#include "core/yaml_reader.hpp"

namespace articles {

// What a file is: text with front matter, text without (plain), or not text at all.
enum class Format { Plain, FrontMatter, Binary };

// The syntax of a front matter (docs/format.md): `---` YAML, `+++` TOML, or a leading JSON object.
enum class Syntax { None, Yaml, Toml, Json };

// Where `title` came from (the title chain of docs/format.md).
enum class TitleSource { None, FrontMatter, Heading, FileName, FirstLine, Inferred };

const char* format_name(Format f);             // "plain", "front_matter", "binary"
const char* syntax_name(Syntax s);             // nullptr for None; "yaml", "toml", "json"
const char* title_source_name(TitleSource t);  // nullptr for None; "front_matter", ...

struct ParseOptions {
  YamlOptions yaml;
  // A declared table's schema (core/schema.hpp): its values and problems go into the summary.
  std::shared_ptr<const std::vector<DeclaredColumn>> schema;
  std::uint64_t schema_hash = 0;  // of the schema's text; 0 without one
  // The reading of a file without front matter (read_scraped_text): its inferred title and
  // confidence, byline, dateline and the kinds of its lines (`blocks`, and so clean_body). Off,
  // those are left empty: for a query that reads none of them.
  bool read_text = true;

  // Tells apart the options that change what a parse gives (the YAML limits, the reading of
  // plain text; not the choice of YAML path, which gives the same article): the cache keeps an
  // article per variant.
  std::uint64_t cache_variant() const {
    return (static_cast<std::uint64_t>(yaml.max_block_bytes) * 1000003u) ^
           (static_cast<std::uint64_t>(yaml.max_nodes) * 8191u) ^
           (static_cast<std::uint64_t>(yaml.max_expanded_bytes) * 524287u) ^
           static_cast<std::uint64_t>(yaml.max_depth) ^ (schema_hash * 0x9E3779B97F4A7C15u) ^
           (read_text ? 0 : kWithoutText);
  }
  // What read_text off changes in cache_variant(): the variant with it on is variant ^ this.
  static constexpr std::uint64_t kWithoutText = 0xD6E8FEB86659FD93u;
};

struct Article {
  Format format = Format::Plain;
  Syntax syntax = Syntax::None;
  TitleSource title_source = TitleSource::None;
  // An inferred title's calibrated probability of being the page's real headline (0 to 1, to
  // three decimals).
  std::optional<double> title_confidence;
  std::optional<std::string> title, byline, category, type, excerpt, published_at, updated_at;
  std::optional<std::int64_t> quality, heat, published;
  std::optional<std::string> provider_name, provider_domain, original_url, web_url;
  std::optional<std::string> topics, images;  // JSON arrays
  std::int64_t related_count = 0;
  std::optional<std::string> secured;
  // The names links may find it by: `url`, `permalink` and `aliases` (core/links.hpp).
  std::optional<std::string> link_names;
  std::string body;
  std::uint32_t body_line = 1;  // the file line on which `body` starts
  // Plain files: every non-blank line with what it is (lines numbered in the file, offsets into
  // preamble + body, where preamble is the text before `body`: the first line and blanks).
  std::vector<TextBlock> blocks;
  std::string preamble;
  std::int64_t word_count = 0;
  std::optional<Value> front_matter;  // the root mapping, when the block parsed as one
  std::vector<Problem> problems;      // what went wrong, in file order
  bool yaml_fast = false;             // the front matter was read by the YAML fast path
  // The body is Markdown: the file's name says so (is_markdown_name), or it has a front matter.
  bool markdown = false;

  // NULL (nullopt) when nothing went wrong; otherwise the messages joined by "; ".
  std::optional<std::string> error_text() const;
};

// A front-matter value read as a date, as `published_at` reads one: any form normalize_date
// reads, or (text of 64 bytes at most) one with a month's name (`March 5, 2024`, `5 mars 2024`);
// none otherwise.
std::optional<std::string> date_value(const Value& v);

// A front-matter value as a problem's message shows it: `'text'`, `a list`, `a mapping`,
// `null`, or a number or boolean as written.
std::string describe_value(const Value& v);

// The `front_matter` column: the root mapping as JSON, when the block parsed as one. Rendered
// on demand, so that the cache does not hold it twice.
std::optional<std::string> front_matter_json(const Article& article);

// The text of one of the article's blocks.
std::string_view block_text(const Article& article, const TextBlock& block);

// The `clean_body` column: for a plain file, its paragraph, list_item and heading blocks
// separated by blank lines; for a front-matter file, the body.
std::string clean_body(const Article& article);

// One row of `article_paragraphs`.
struct ParagraphRow {
  std::uint32_t line;
  BlockKind kind;
  std::string_view text;  // into the article
};

// Plain files: every block. Front-matter files: the body's paragraphs (text between blank
// lines), a Markdown heading as `heading`.
std::vector<ParagraphRow> paragraph_rows(const Article& article);

// The rows of `article_sections`: a Markdown body's sections (markdown_sections); any other
// article (plain text, a file that is not text) has one, at level 0, holding its body.
std::vector<Section> article_sections(const Article& article);

// One entry of an article's `related` list.
struct RelatedEntry {
  std::optional<std::string> title, excerpt, type, published_at, web_url;
  std::optional<std::string> provider_name, provider_domain, image_url, images;
  std::optional<std::int64_t> quality;
  std::string entry;  // the whole entry as JSON
};

// The entries of the `related` list, in order; none when it is absent or not a list. Fields are
// read as for `articles` (dates normalised, quoted integers converted); a field of the wrong
// kind is NULL, its raw value still in `entry`.
std::vector<RelatedEntry> related_entries(const Article& article);

// The article as one JSON object: every field of an `articles` row but path, size and mtime,
// with `topics`, `images` and `front_matter` as JSON values rather than text.
std::string article_json(const Article& article);

// Parses the bytes of one file (any encoding the rules accept). `file_name` is the file's name
// (the last part of its path), which tells Markdown apart and ends the title chain; empty for
// text without a file (article_parse). Never throws for bad input; throws std::bad_alloc when
// memory runs out.
Article parse_article(std::string_view bytes, const ParseOptions& options = {},
                      std::string_view file_name = {});

// Whether the bytes are not text: a NUL byte in the first 8 KB without a UTF-16 byte order
// mark, or the signature of a known binary format (PNG, JPEG, GIF, PDF, ZIP, gzip, xz, 7z, RAR,
// ELF, WOFF, FLAC, Ogg, WebP, SQLite).
bool is_binary(std::string_view bytes);

// The first non-blank line, trimmed, with the leading `#` marks of a Markdown heading removed
// (the title of a front-matter file without one). `*rest` gets the text after that line.
std::optional<std::string> first_line_headline(std::string_view text, std::string_view* rest);

}  // namespace articles
