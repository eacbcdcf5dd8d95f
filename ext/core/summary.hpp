// The small columns of an article, packed: what most queries read, kept by the cache for every
// file it has seen even when the whole article is not kept. Pure and thread-safe.
//
//   Summary s = summarize(parse_article(bytes));
//   std::optional<std::string_view> title = s.text(Summary::kTitle);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/article.hpp"

namespace articles {

class Summary {
 public:
  // The text fields, in the order of the `articles` columns; kErrors is Article::error_text().
  // Then what the tables' link resolution needs.
  enum Field {
    kTitle,
    kByline,
    kCategory,
    kType,
    kExcerpt,
    kPublishedAt,
    kProviderName,
    kProviderDomain,
    kOriginalUrl,
    kWebUrl,
    kTopics,
    kImages,
    kSecured,
    kUpdatedAt,
    kErrors,
    kLinkNames,  // Article::link_names
    kDeclared,   // the values of the parse options' schema (pack_declared)
    kFieldCount
  };

  Summary() = default;
  // With a schema (a declared table's), its values are kept, and its problems join the errors.
  explicit Summary(const Article& article, const std::vector<DeclaredColumn>* schema = nullptr);

  // The value of column i of the schema the summary was made with.
  DeclaredView declared(std::size_t i) const {
    return view_declared(text(kDeclared).value_or(std::string_view()), i);
  }

  std::optional<std::string_view> text(Field f) const {
    if (!(present_ & (1u << f))) return std::nullopt;
    std::uint32_t begin = f == 0 ? 0 : end_[f - 1];
    return std::string_view(data_).substr(begin, end_[f] - begin);
  }

  Format format = Format::Plain;
  Syntax syntax = Syntax::None;
  TitleSource title_source = TitleSource::None;
  std::optional<double> title_confidence;
  std::optional<std::int64_t> quality, heat, published;
  std::int64_t related_count = 0, word_count = 0;
  bool yaml_fast = false;  // as Article::yaml_fast

  // The heap the summary holds beyond its own size.
  std::size_t heap_capacity() const { return data_.capacity(); }

  // The summary as bytes, for the persistent cache: a version byte, the numbers little-endian,
  // the field ends, the text. `deserialize` gives back an equal summary, or nullopt for bytes
  // that no `serialize` of this version made (wrong version, bad enum, field ends out of order
  // or past the end, bytes left over): a damaged cache row is a miss, never a wrong row.
  std::string serialize() const;
  static std::optional<Summary> deserialize(std::string_view bytes);
  bool operator==(const Summary& o) const;

 private:
  std::string data_;  // every present field, back to back
  std::array<std::uint32_t, kFieldCount> end_{};
  std::uint32_t present_ = 0;  // bit f: field f is not NULL
};

}  // namespace articles
