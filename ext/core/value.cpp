#include "core/value.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace articles {

const Value* Value::find(const std::string& key) const {
  for (const auto& m : members)
    if (m.first == key) return &m.second;
  return nullptr;
}

bool MemberIndex::put(Value& map, std::string& key, Value v) {
  auto& members = map.members;
  const std::hash<std::string> hash;
  if (members.size() < kLinear) {
    for (auto& m : members)
      if (m.first == key) {
        m.second = std::move(v);
        return false;
      }
  } else {
    if (index_.empty())
      for (std::size_t i = 0; i < members.size(); ++i) index_.emplace(hash(members[i].first), i);
    const std::size_t h = hash(key);
    for (auto [it, end] = index_.equal_range(h); it != end; ++it)
      if (members[it->second].first == key) {
        members[it->second].second = std::move(v);
        return false;
      }
    index_.emplace(h, members.size());
  }
  members.emplace_back(std::move(key), std::move(v));
  return true;
}

const char* json_type_name(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
      return v.boolean ? "true" : "false";
    case Value::Kind::Int:
      return "integer";
    case Value::Kind::Real:
      return "real";
    case Value::Kind::Text:
      return "text";
    case Value::Kind::List:
      return "array";
    case Value::Kind::Map:
      return "object";
  }
  return "null";
}

void append_json_string(std::string& out, const std::string& s) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

static void append_real(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "\".nan\"";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "\".inf\"" : "\"-.inf\"";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that reads back exactly
  std::string_view txt(buf, static_cast<std::size_t>(res.ptr - buf));
  out.append(txt);
  if (txt.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_json(std::string& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null:
      out += "null";
      break;
    case Value::Kind::Bool:
      out += v.boolean ? "true" : "false";
      break;
    case Value::Kind::Int:
      out += std::to_string(v.integer);
      break;
    case Value::Kind::Real:
      append_real(out, v.real);
      break;
    case Value::Kind::Text:
      append_json_string(out, v.text);
      break;
    case Value::Kind::List: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v.items) {
        if (!first) out.push_back(',');
        first = false;
        append_json(out, item);
      }
      out.push_back(']');
      break;
    }
    case Value::Kind::Map: {
      out.push_back('{');
      bool first = true;
      for (const auto& m : v.members) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, m.first);
        out.push_back(':');
        append_json(out, m.second);
      }
      out.push_back('}');
      break;
    }
  }
}

std::string to_json(const Value& v) {
  std::string out;
  append_json(out, v);
  return out;
}

}  // namespace articles
