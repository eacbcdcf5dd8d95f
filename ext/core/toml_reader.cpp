#include "core/toml_reader.hpp"

#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace articles {

namespace {

struct Failure {
  std::string message;
};

class Converter {
 public:
  Converter(std::uint32_t first_line, const YamlOptions& limits)
      : first_line_(first_line), limits_(limits) {}

  Value convert(const toml::node& node, std::size_t depth) {
    Value v;
    v.line = line_of(node.source());
    if (++nodes_ > limits_.max_nodes)
      fail(node.source(), "front matter holds more than " + std::to_string(limits_.max_nodes) +
                              " values");
    switch (node.type()) {
      case toml::node_type::table: {
        if (depth > limits_.max_depth) too_deep(node.source());
        v.kind = Value::Kind::Map;
        // toml++ keeps keys sorted; the document's order is that of their positions.
        std::vector<std::pair<const toml::key*, const toml::node*>> members;
        for (auto&& [key, child] : *node.as_table()) members.emplace_back(&key, &child);
        std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
          const auto& x = a.first->source().begin;
          const auto& y = b.first->source().begin;
          return x.line != y.line ? x.line < y.line : x.column < y.column;
        });
        for (const auto& [key, child] : members) {
          ++nodes_;  // a key counts as a value, as in YAML
          std::string name = text(key->str());
          Value child_value = convert(*child, depth + 1);
          v.members.emplace_back(std::move(name), std::move(child_value));
        }
        break;
      }
      case toml::node_type::array:
        if (depth > limits_.max_depth) too_deep(node.source());
        v.kind = Value::Kind::List;
        for (const toml::node& item : *node.as_array()) v.items.push_back(convert(item, depth + 1));
        break;
      case toml::node_type::string:
        v.kind = Value::Kind::Text;
        v.text = text(node.as_string()->get());
        break;
      case toml::node_type::integer:
        v.kind = Value::Kind::Int;
        v.integer = node.as_integer()->get();
        v.text = std::to_string(v.integer);
        break;
      case toml::node_type::floating_point: {
        v.kind = Value::Kind::Real;
        v.real = node.as_floating_point()->get();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v.real);
        v.text = buf;
        break;
      }
      case toml::node_type::boolean:
        v.kind = Value::Kind::Bool;
        v.boolean = node.as_boolean()->get();
        v.text = v.boolean ? "true" : "false";
        break;
      case toml::node_type::date:
        v.kind = Value::Kind::Text;
        v.text = date_text(node.as_date()->get());
        break;
      case toml::node_type::time:
        v.kind = Value::Kind::Text;
        v.text = time_text(node.as_time()->get());
        break;
      case toml::node_type::date_time: {
        const toml::date_time& dt = node.as_date_time()->get();
        v.kind = Value::Kind::Text;
        v.text = date_text(dt.date) + "T" + time_text(dt.time);
        if (dt.offset) v.text += offset_text(dt.offset->minutes);
        break;
      }
      default:
        v.kind = Value::Kind::Null;
        break;
    }
    return v;
  }

  std::uint32_t line_of(const toml::source_region& where) const {
    return where.begin.line ? static_cast<std::uint32_t>(where.begin.line) + first_line_ - 1
                            : first_line_;
  }

  std::string at(const toml::source_region& where) const {
    return std::to_string(line_of(where)) + ":" + std::to_string(std::max(1u, where.begin.column)) +
           ": ";
  }

 private:
  [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const {
    throw Failure{at(where) + message};
  }
  [[noreturn]] void too_deep(const toml::source_region& where) const {
    fail(where, "front matter nests deeper than " + std::to_string(limits_.max_depth) + " levels");
  }

  // A string of the document as valid UTF-8 (TOML strings may hold escapes of any code point,
  // NUL included), counted against the byte budget.
  std::string text(std::string_view s) {
    std::string out;
    append_valid_utf8(s, out);
    bytes_ += out.size();
    if (bytes_ > limits_.max_expanded_bytes)
      throw Failure{"front matter holds more than " + std::to_string(limits_.max_expanded_bytes) +
                    " bytes of text (the max_yaml_bytes limit)"};
    return out;
  }

  static std::string date_text(const toml::date& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", unsigned{d.year}, unsigned{d.month},
                  unsigned{d.day});
    return buf;
  }
  static std::string time_text(const toml::time& t) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02u:%02u:%02u", unsigned{t.hour}, unsigned{t.minute},
                  unsigned{t.second});
    std::string out = buf;
    if (t.nanosecond) {
      std::snprintf(buf, sizeof buf, ".%09u", static_cast<unsigned>(t.nanosecond));
      std::string frac = buf;
      while (frac.back() == '0') frac.pop_back();
      out += frac;
    }
    return out;
  }
  static std::string offset_text(int minutes) {
    if (minutes == 0) return "Z";
    const int a = minutes < 0 ? -minutes : minutes;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60 % 100, a % 60);
    return buf;
  }

  std::uint32_t first_line_;
  const YamlOptions& limits_;
  std::size_t nodes_ = 0, bytes_ = 0;
};

}  // namespace

YamlResult read_toml_block(std::string_view block, std::uint32_t first_line,
                           const YamlOptions& options) {
  YamlResult r;
  if (block.size() > options.max_block_bytes) {
    r.error = block_too_large(block.size(), options.max_block_bytes);
    return r;
  }
  Converter c(first_line, options);
  try {
    toml::table table = toml::parse(block);
    r.root = c.convert(table, 1);
    r.root.line = first_line;
    r.ok = true;
  } catch (const toml::parse_error& e) {
    std::string description;
    append_valid_utf8(e.description(), description);
    r.error = c.at(e.source()) + "TOML syntax error: " + description;
  } catch (const Failure& f) {
    r.error = f.message;
  }
  return r;
}

}  // namespace articles
