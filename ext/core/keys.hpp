// The census of a folder's front-matter keys: for each key path, how many files have it, the
// types its values have, and an example (docs/article_keys.md). Pure; one census per thread.
//
//   KeyCensus census;
//   for (const Article& a : articles) if (a.front_matter) census.add(*a.front_matter);
//   for (const KeyStats& k : census.rows()) use(k.key, k.files);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/value.hpp"

namespace articles {

// The types a census counts: a front-matter value's kind, with text that reads as a date
// (date_value) counted as `date`.
enum class KeyType { Text, Int, Real, Bool, Null, List, Map, Date, kCount };
const char* key_type_name(KeyType t);  // "text", "int", ..., "date"

struct KeyStats {
  // The path as declared columns write it: `params.image`, `"cSpell:ignore"`, with `[]` for the
  // items of a list (`tags[]`, `related[].webUrl`).
  std::string key;
  std::int64_t files = 0;  // files with at least one value at this path
  std::array<std::int64_t, static_cast<std::size_t>(KeyType::kCount)> types{};  // values by type
  std::string example;  // the first value that is not null, as text (collections as JSON), cut
                        // to 100 bytes at a character's end
};

class KeyCensus {
 public:
  // Counts every value of one file's front matter (the root mapping itself is not counted).
  void add(const Value& front_matter);
  // The key paths seen, in byte order.
  std::vector<KeyStats> rows() const;
  // Values not counted: below a path longer than kMaxKeyBytes, or at a new path once kMaxKeys
  // paths are counted.
  std::int64_t skipped() const { return skipped_; }

  static constexpr std::size_t kMaxKeyBytes = 1000;
  static constexpr std::size_t kMaxKeys = 100000;

 private:
  void visit(const Value& v, std::string& path);
  std::unordered_map<std::string, KeyStats> stats_;
  std::uint64_t file_ = 0;  // the file being added, counted from 1
  std::unordered_map<std::string, std::uint64_t> last_file_;  // path -> the last file it was in
  std::int64_t skipped_ = 0;
};

}  // namespace articles
