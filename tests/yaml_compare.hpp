// Compares two readings of one YAML block: the fast path's and yaml-cpp's. Shared by the unit
// test, the differential run over folders and the fuzz target.
#pragma once

#include <cmath>
#include <cstring>
#include <string>

#include "core/value.hpp"
#include "core/yaml_reader.hpp"

namespace articles {

// Empty when `a` and `b` are the same value tree (kinds, numbers, source texts, lines, member
// order); otherwise where they first differ, as a path such as `$.related[2].title`.
inline std::string value_difference(const Value& a, const Value& b, const std::string& at = "$") {
  if (a.kind != b.kind) return at + ": kind " + json_type_name(a) + " vs " + json_type_name(b);
  if (a.text != b.text) return at + ": text '" + a.text + "' vs '" + b.text + "'";
  if (a.line != b.line)
    return at + ": line " + std::to_string(a.line) + " vs " + std::to_string(b.line);
  if (a.boolean != b.boolean || a.integer != b.integer) return at + ": number differs";
  if (std::memcmp(&a.real, &b.real, sizeof a.real) != 0 &&
      !(std::isnan(a.real) && std::isnan(b.real)))
    return at + ": real differs";
  if (a.items.size() != b.items.size() || a.members.size() != b.members.size())
    return at + ": sizes differ";
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    std::string d = value_difference(a.items[i], b.items[i], at + "[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].first != b.members[i].first)
      return at + ": key '" + a.members[i].first + "' vs '" + b.members[i].first + "'";
    std::string d =
        value_difference(a.members[i].second, b.members[i].second, at + "." + a.members[i].first);
    if (!d.empty()) return d;
  }
  return "";
}

// Empty when the two results are the same; otherwise what differs.
inline std::string result_difference(const YamlResult& a, const YamlResult& b) {
  if (a.ok != b.ok)
    return std::string("ok ") + (a.ok ? "true" : "false") + " vs " + (b.ok ? "true" : "false") +
           " (" + a.error.text() + b.error.text() + ")";
  if (!(a.error == b.error)) return "error '" + a.error.text() + "' vs '" + b.error.text() + "'";
  if (a.notes != b.notes) {
    std::string s = "notes differ:";
    for (const auto& n : a.notes) s += " [" + n.text() + "]";
    s += " vs";
    for (const auto& n : b.notes) s += " [" + n.text() + "]";
    return s;
  }
  return value_difference(a.root, b.root);
}

}  // namespace articles
