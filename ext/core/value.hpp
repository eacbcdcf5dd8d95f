// The value tree of a parsed front matter: what the core hands to the cache and the binding.
// Values are plain data (no yaml-cpp node inside), safe to share read-only between threads.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace articles {

struct Value {
  enum class Kind { Null, Bool, Int, Real, Text, List, Map };

  Kind kind = Kind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0.0;
  // For Text: the string. For every other scalar: the source text as written (`1e3`, `~`,
  // `True`), so that a field read as text shows what the author typed.
  std::string text;
  std::vector<Value> items;                            // Kind::List
  std::vector<std::pair<std::string, Value>> members;  // Kind::Map, in document order
  std::uint32_t line = 0;                              // 1-based line in the file; 0 if unknown

  bool is_scalar() const { return kind != Kind::List && kind != Kind::Map; }
  // REQUIRES: kind == Map. The member named `key`, or nullptr.
  const Value* find(const std::string& key) const;
  // The scalar as text: the string itself, or the source text of a non-string scalar.
  // REQUIRES: is_scalar().
  const std::string& as_text() const { return text; }
};

// Adds members to a mapping being built, where a repeated key replaces the earlier value (YAML
// readers: the last value wins), finding a repeat in constant time however many members the
// mapping holds (a linear search per key made 60,000 keys take seconds).
class MemberIndex {
 public:
  // Adds `key: v` to `map` (moving `key` from the caller), or replaces the value of the member
  // named `key` and returns false (`key` left as it was). REQUIRES: the same `map` at every
  // call, and no member added to it by other means.
  bool put(Value& map, std::string& key, Value v);

 private:
  static constexpr std::size_t kLinear = 16;  // below this many members, a search is cheaper
  std::unordered_multimap<std::size_t, std::size_t> index_;  // a key's hash -> its member
};

// The name json_tree gives a value's type: null, true, false, integer, real, text, array, object.
const char* json_type_name(const Value& v);

// Appends `s` to `out` as a JSON string literal. REQUIRES: `s` is valid UTF-8.
void append_json_string(std::string& out, const std::string& s);

// Appends the value as JSON. Infinities and NaN, which JSON cannot hold, are written as the
// strings ".inf", "-.inf" and ".nan"; a real always carries a '.' or an exponent, so that it
// never reads back as an integer.
void append_json(std::string& out, const Value& v);
std::string to_json(const Value& v);

}  // namespace articles
