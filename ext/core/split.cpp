#include "core/split.hpp"

namespace articles {

std::size_t line_at(std::string_view text, std::size_t pos, std::size_t* next) {
  std::size_t nl = text.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? text.size() : nl;
  *next = nl == std::string_view::npos ? text.size() : nl + 1;
  if (end > pos && text[end - 1] == '\r') --end;
  return end - pos;
}

namespace {

// True when `line` is `marker` followed only by spaces and tabs.
bool is_marker_line(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  for (std::size_t i = marker.size(); i < line.size(); ++i)
    if (line[i] != ' ' && line[i] != '\t') return false;
  return true;
}

}  // namespace

Split split_front_matter(std::string_view text) {
  Split s;
  s.body = text;
  std::size_t next = 0;
  std::size_t len = line_at(text, 0, &next);
  const bool toml = is_marker_line(text.substr(0, len), "+++");
  if (!toml && !is_marker_line(text.substr(0, len), "---")) return s;
  s.toml = toml;

  std::size_t block_start = next;
  std::uint32_t line = 2;
  for (std::size_t pos = next; pos < text.size(); pos = next, ++line) {
    len = line_at(text, pos, &next);
    std::string_view l = text.substr(pos, len);
    if (toml ? is_marker_line(l, "+++") : is_marker_line(l, "---") || is_marker_line(l, "...")) {
      s.kind = Split::Kind::FrontMatter;
      s.block = text.substr(block_start, pos - block_start);
      s.block_line = 2;
      s.body = text.substr(next);
      s.body_line = line + 1;
      return s;
    }
  }
  s.kind = Split::Kind::Unterminated;
  s.body = text.substr(block_start);
  s.body_line = 2;
  return s;
}

}  // namespace articles
