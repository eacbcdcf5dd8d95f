#include "core/tree.hpp"

#include <algorithm>

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

// Characters that end a URL in running text.
bool ends_url(unsigned char c) {
  return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '`' || c == '{' ||
         c == '}' || c == '|' || c == '\\' || c == '^';
}

// Drops trailing punctuation that belongs to the sentence, and closing brackets that have no
// opening partner inside the URL.
std::string_view trim_url_tail(std::string_view url, std::size_t min_len) {
  // The URL's `(`, `)`, `[` and `]`, counted once when a closing one ends it and kept as its
  // tail goes (counted again at each, a URL ending in a million `)` took minutes).
  std::size_t opens[2] = {0, 0}, closes[2] = {0, 0};  // round, square
  bool counted = false;
  for (;;) {
    if (url.size() <= min_len) return url;
    const char c = url.back();
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '*' || c == '_') {
      url.remove_suffix(1);
      continue;
    }
    if (c == ')' || c == ']') {
      if (!counted) {
        for (char k : url) {
          opens[0] += k == '(';
          closes[0] += k == ')';
          opens[1] += k == '[';
          closes[1] += k == ']';
        }
        counted = true;
      }
      const int kind = c == ')' ? 0 : 1;
      if (closes[kind] > opens[kind]) {
        --closes[kind];
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

bool LeafWalker::next() {
  if (!started_) {
    started_ = true;
    leaf_.fullkey = "$";
    if (root_->is_scalar()) {
      leaf_.value = root_;
      return true;
    }
    stack_.push_back(Frame{root_, 0, leaf_.fullkey.size()});
  }
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    const Value& v = *f.value;
    const bool list = v.kind == Value::Kind::List;
    if (f.next >= (list ? v.items.size() : v.members.size())) {
      stack_.pop_back();
      continue;
    }
    const std::size_t i = f.next++;
    leaf_.fullkey.resize(f.mark);
    const Value* child;
    if (list) {
      leaf_.fullkey += "[" + std::to_string(i) + "]";
      leaf_.key_is_index = true;
      leaf_.index = static_cast<std::int64_t>(i);
      leaf_.key.clear();
      child = &v.items[i];
    } else {
      append_path_key(leaf_.fullkey, v.members[i].first);
      leaf_.key_is_index = false;
      leaf_.index = 0;
      leaf_.key = v.members[i].first;
      child = &v.members[i].second;
    }
    if (child->is_scalar()) {
      leaf_.value = child;
      return true;
    }
    stack_.push_back(Frame{child, 0, leaf_.fullkey.size()});
  }
  return false;
}

namespace {

// The parts of an http(s) URL after its scheme: the host (without user information; an IPv6
// literal keeps its brackets; final dots removed, case kept), the port (empty without one),
// and what follows them (path, query, fragment). False when the URL is not http(s).
bool split_url(std::string_view url, std::string_view* host, std::string_view* port,
               std::string_view* rest) {
  std::size_t scheme = 0;
  if (!starts_with_scheme(url, &scheme)) return false;
  std::string_view after = url.substr(scheme);
  const std::size_t end = std::min(after.find_first_of("/?#"), after.size());
  std::string_view authority = after.substr(0, end);
  *rest = after.substr(end);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::size_t colon = std::string_view::npos;
  if (!authority.empty() && authority[0] == '[') {
    std::size_t close = authority.find(']');
    if (close != std::string_view::npos && close + 1 < authority.size() &&
        authority[close + 1] == ':')
      colon = close + 1;
    else if (close != std::string_view::npos)
      authority = authority.substr(0, close + 1);
  } else {
    colon = authority.find(':');
  }
  *port = colon == std::string_view::npos ? std::string_view() : authority.substr(colon + 1);
  if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  while (!authority.empty() && authority.back() == '.') authority.remove_suffix(1);
  *host = authority;
  return true;
}

}  // namespace

bool is_http_url(std::string_view s) {
  std::size_t scheme = 0;
  return starts_with_scheme(s, &scheme);
}

std::string url_host(std::string_view url) {
  std::string_view host, port, rest;
  if (!split_url(url, &host, &port, &rest)) return "";
  std::string lowered;
  for (char c : host) lowered.push_back(lower(c));
  return lowered;
}

std::string url_key(std::string_view url) {
  std::string_view t = trim(url);
  t = t.substr(0, std::min(t.find('#'), t.find('?')));  // fragment and query: not the page
  std::string key;
  std::string_view host, port, rest;
  if (split_url(t, &host, &port, &rest)) {
    // http and https name one page: the key has no scheme. The host in lower case, without
    // user information, final dots or its scheme's default port.
    for (char c : host) key.push_back(lower(c));
    if (!port.empty() && port != "80" && port != "443") (key += ':') += port;
    t = rest;
  }
  // An index page is its folder; trailing slashes are not part of the page.
  for (;;) {
    while (!t.empty() && t.back() == '/') t.remove_suffix(1);
    bool index = false;
    for (std::string_view name : {"/index.html", "/index.htm"})
      if (t.size() >= name.size() && t.substr(t.size() - name.size()) == name) {
        t.remove_suffix(name.size() - 1);
        index = true;
      }
    if (!index) break;
  }
  key.append(t);
  return key;
}

std::string url_key_other_www(std::string_view url) {
  if (url_host(url).empty()) return {};
  const std::string key = url_key(url);
  if (key.compare(0, 4, "www.") == 0) return key.substr(4);
  return "www." + key;
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
    out.push_back(Link{std::string(url), std::move(host), line});
  }
  return out;
}

}  // namespace articles
