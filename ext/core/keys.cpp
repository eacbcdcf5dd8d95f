#include "core/keys.hpp"

#include <algorithm>

#include "core/article.hpp"
#include "core/tree.hpp"

namespace articles {

const char* key_type_name(KeyType t) {
  static const char* const kNames[] = {"text", "int",  "real", "bool",
                                       "null", "list", "map",  "date"};
  return kNames[static_cast<std::size_t>(t)];
}

namespace {

KeyType type_of(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Text:
      return date_value(v) ? KeyType::Date : KeyType::Text;
    case Value::Kind::Int:
      return KeyType::Int;
    case Value::Kind::Real:
      return KeyType::Real;
    case Value::Kind::Bool:
      return KeyType::Bool;
    case Value::Kind::Null:
      return KeyType::Null;
    case Value::Kind::List:
      return KeyType::List;
    case Value::Kind::Map:
      return KeyType::Map;
  }
  return KeyType::Text;
}

// `s` cut to at most `n` bytes, at the end of a UTF-8 character.
std::string cut(std::string s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

}  // namespace

void KeyCensus::add(const Value& front_matter) {
  ++file_;
  if (front_matter.kind != Value::Kind::Map) return;
  std::string path;
  for (const auto& [key, value] : front_matter.members) {
    path.clear();
    append_path_key(path, key);
    path.erase(0, 1);  // `.a` -> `a`: a path from the root
    visit(value, path);
  }
}

void KeyCensus::visit(const Value& v, std::string& path) {
  // Bounded, whatever a hostile front matter holds: no path past kMaxKeyBytes (nor below it),
  // no new path past kMaxKeys.
  if (path.size() > kMaxKeyBytes || (stats_.size() >= kMaxKeys && !stats_.count(path))) {
    ++skipped_;
    return;
  }
  KeyStats& s = stats_[path];
  std::uint64_t& last = last_file_[path];
  if (last != file_) {
    last = file_;
    ++s.files;
  }
  ++s.types[static_cast<std::size_t>(type_of(v))];
  if (s.example.empty() && v.kind != Value::Kind::Null)
    s.example = cut(v.is_scalar() ? v.text : to_json(v), 100);
  const std::size_t mark = path.size();
  if (v.kind == Value::Kind::List) {
    path += "[]";
    for (const Value& item : v.items) visit(item, path);
  } else if (v.kind == Value::Kind::Map) {
    for (const auto& [key, value] : v.members) {
      append_path_key(path, key);
      visit(value, path);
      path.resize(mark);
    }
  }
  path.resize(mark);
}

std::vector<KeyStats> KeyCensus::rows() const {
  std::vector<KeyStats> out;
  out.reserve(stats_.size());
  for (const auto& [key, s] : stats_) {
    out.push_back(s);
    out.back().key = key;
  }
  std::sort(out.begin(), out.end(),
            [](const KeyStats& a, const KeyStats& b) { return a.key < b.key; });
  return out;
}

}  // namespace articles
