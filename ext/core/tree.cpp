#include "core/tree.hpp"

#include "core/text.hpp"

namespace articles {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_scheme(std::string_view s, std::size_t* scheme_len) {
  auto match = [&](std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (lower(s[i]) != prefix[i]) return false;
    return true;
  };
  if (match("https://"))
    *scheme_len = 8;
  else if (match("http://"))
    *scheme_len = 7;
  else
    return false;
  return true;
}

void walk_leaves(const Value& v, std::string& path, std::vector<Leaf>& out, const Leaf& self) {
  if (v.is_scalar()) {
    Leaf leaf = self;
    leaf.fullkey = path;
    leaf.value = &v;
    out.push_back(std::move(leaf));
    return;
  }
  const std::size_t mark = path.size();
  if (v.kind == Value::Kind::List) {
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      path += "[" + std::to_string(i) + "]";
      Leaf child;
      child.key_is_index = true;
      child.index = static_cast<std::int64_t>(i);
      walk_leaves(v.items[i], path, out, child);
      path.resize(mark);
    }
  } else {
    for (const auto& m : v.members) {
      append_path_key(path, m.first);
      Leaf child;
      child.key = m.first;
      walk_leaves(m.second, path, out, child);
      path.resize(mark);
    }
  }
}

// Characters that end a URL in running text.
bool ends_url(unsigned char c) {
  return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '`' || c == '{' ||
         c == '}' || c == '|' || c == '\\' || c == '^';
}

// Drops trailing punctuation that belongs to the sentence, and closing brackets that have no
// opening partner inside the URL.
std::string_view trim_url_tail(std::string_view url, std::size_t min_len) {
  for (;;) {
    if (url.size() <= min_len) return url;
    char c = url.back();
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '*' || c == '_') {
      url.remove_suffix(1);
      continue;
    }
    if (c == ')' || c == ']') {
      char open = c == ')' ? '(' : '[';
      std::size_t opens = 0, closes = 0;
      for (char k : url) {
        if (k == open) ++opens;
        if (k == c) ++closes;
      }
      if (closes > opens) {
        url.remove_suffix(1);
        continue;
      }
    }
    return url;
  }
}

}  // namespace

void append_path_key(std::string& path, const std::string& key) {
  bool bare = !key.empty() && is_alpha(key[0]);
  for (std::size_t i = 1; bare && i < key.size(); ++i) bare = is_alnum(key[i]);
  path.push_back('.');
  if (bare)
    path += key;
  else
    append_json_string(path, key);
}

std::vector<Leaf> scalar_leaves(const Value& root) {
  std::vector<Leaf> out;
  std::string path = "$";
  walk_leaves(root, path, out, Leaf{});
  return out;
}

std::string url_host(std::string_view url) {
  std::size_t scheme = 0;
  if (!starts_with_scheme(url, &scheme)) return "";
  std::string_view rest = url.substr(scheme);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority[0] == '[') {  // an IPv6 literal keeps its brackets
    std::size_t close = authority.find(']');
    authority = authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
  } else {
    std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  }
  while (!authority.empty() && authority.back() == '.') authority.remove_suffix(1);
  std::string host;
  for (char c : authority) host.push_back(lower(c));
  return host;
}

std::string url_key(std::string_view url) {
  std::string_view t = trim(url);
  while (!t.empty() && t.back() == '/') t.remove_suffix(1);
  return std::string(t);
}

std::vector<Link> front_matter_links(const Value& root) {
  std::vector<Link> out;
  for (const Leaf& leaf : scalar_leaves(root)) {
    if (leaf.value->kind != Value::Kind::Text) continue;
    std::string_view s = trim(leaf.value->text);
    std::size_t scheme = 0;
    if (!starts_with_scheme(s, &scheme)) continue;
    bool spaced = false;
    for (char c : s) spaced = spaced || is_space(c);
    std::string host = url_host(s);
    if (spaced || host.empty()) continue;
    out.push_back(Link{std::string(s), std::move(host), leaf.value->line, leaf.fullkey});
  }
  return out;
}

std::vector<Link> text_links(std::string_view text, std::uint32_t first_line) {
  std::vector<Link> out;
  std::uint32_t line = first_line;
  std::size_t line_counted_to = 0;
  std::size_t pos = 0;
  for (;;) {
    std::size_t sep = text.find("://", pos);
    if (sep == std::string_view::npos) break;
    pos = sep + 3;
    // The scheme is the letters just before "://", whatever precedes them (a word it is glued
    // to in a scraped byline, a bracket, a quote).
    std::size_t start = 0, scheme = 0;
    if (sep >= 5 && starts_with_scheme(text.substr(sep - 5), &scheme))
      start = sep - 5;
    else if (sep >= 4 && starts_with_scheme(text.substr(sep - 4), &scheme))
      start = sep - 4;
    else
      continue;
    std::size_t end = start + scheme;
    while (end < text.size() && !ends_url(static_cast<unsigned char>(text[end]))) ++end;
    std::string_view url = trim_url_tail(text.substr(start, end - start), scheme);
    pos = start + url.size();
    std::string host = url_host(url);
    if (host.empty()) continue;
    for (; line_counted_to < start; ++line_counted_to)
      if (text[line_counted_to] == '\n') ++line;
    out.push_back(Link{std::string(url), std::move(host), line, ""});
  }
  return out;
}

}  // namespace articles
