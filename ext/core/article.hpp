// One article file, parsed: the typed fields of an `articles` row. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"
#include "core/yaml_reader.hpp"

namespace articles {

enum class Format { Plain, FrontMatter };

struct ParseOptions {
  YamlOptions yaml;
};

struct Article {
  Format format = Format::Plain;
  std::optional<std::string> title, category, type, excerpt, published_at;
  std::optional<std::int64_t> quality, heat, published;
  std::optional<std::string> provider_name, provider_domain, original_url, web_url;
  std::optional<std::string> topics, images;  // JSON arrays
  std::int64_t related_count = 0;
  std::optional<std::string> secured;
  std::string body;
  std::uint32_t body_line = 1;  // the file line on which `body` starts
  std::int64_t word_count = 0;
  std::optional<Value> front_matter;  // the root mapping, when the block parsed as one
  std::optional<std::string> front_matter_json;
  std::vector<std::string> errors;  // what went wrong, in file order
  bool yaml_fast = false;           // the front matter was read by the YAML fast path

  // NULL (nullopt) when nothing went wrong; otherwise the messages joined by "; ".
  std::optional<std::string> error_text() const;
};

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

// Parses the bytes of one file (any encoding the rules accept). Never throws for bad input;
// throws std::bad_alloc when memory runs out.
Article parse_article(std::string_view bytes, const ParseOptions& options = {});

// The headline rule for text without front matter: the first non-blank line, trimmed, with the
// leading `#` marks of a Markdown heading removed. `*rest` gets the text after that line.
std::optional<std::string> first_line_headline(std::string_view text, std::string_view* rest);

}  // namespace articles
