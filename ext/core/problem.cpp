#include "core/problem.hpp"

namespace articles {

namespace {

// The number at the start of `s` (digits only, at most 9), and the position past it.
bool number_at(const std::string& s, std::size_t* i, std::uint32_t* out) {
  std::size_t k = *i;
  std::uint32_t v = 0;
  while (k < s.size() && k - *i < 9 && s[k] >= '0' && s[k] <= '9')
    v = v * 10 + static_cast<std::uint32_t>(s[k++] - '0');
  if (k == *i) return false;
  *i = k;
  *out = v;
  return true;
}

}  // namespace

Problem Problem::located(std::string code, const std::string& text, bool warning) {
  Problem p;
  p.code = std::move(code);
  p.warning = warning;
  std::size_t i = 0;
  std::uint32_t line = 0, column = 0;
  if (number_at(text, &i, &line) && i < text.size() && text[i] == ':' && (++i, true) &&
      number_at(text, &i, &column) && text.compare(i, 2, ": ") == 0 && line > 0 && column > 0) {
    p.line = line;
    p.column = column;
    p.message = text.substr(i + 2);
  } else {
    p.message = text;
  }
  return p;
}

std::string Problem::text() const {
  if (line && column) return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  if (!key.empty())
    return key + (line ? " (line " + std::to_string(line) + ")" : std::string()) + ": " + message;
  return message;
}

}  // namespace articles
