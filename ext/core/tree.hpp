// Walking a front-matter tree: its scalar leaves with the paths SQLite's json_tree gives them,
// and its links. Pure functions over Values, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"

namespace articles {

// A scalar leaf of a front-matter tree.
struct Leaf {
  std::string fullkey;  // `$.provider.name`, `$.topics[1]`, `$."cSpell:ignore"`
  bool key_is_index = false;
  std::string key;               // the last step when it is a member name
  std::int64_t index = 0;        // the last step when it is an array index
  const Value* value = nullptr;  // points into the tree walked
};

// Appends `.key` to a JSON path the way SQLite's json_tree writes object labels: bare when the
// key is an ASCII letter followed by ASCII letters and digits, otherwise as a quoted JSON string.
void append_path_key(std::string& path, const std::string& key);

// The scalar leaves of a tree, at any depth, in document order, one at a time: the memory of one
// path, however many leaves there are and however long the keys above them (a front matter of
// 60 nested 1,000-byte keys above 90,000 alias leaves has 5 GB of paths in all).
//
//   for (LeafWalker w(root); w.next();) use(w.leaf().fullkey, *w.leaf().value);
class LeafWalker {
 public:
  // REQUIRES: `root` outlives the walker.
  explicit LeafWalker(const Value& root) : root_(&root) {}
  // Moves to the next leaf; false after the last.
  bool next();
  // REQUIRES: next() returned true. Valid until the next call.
  const Leaf& leaf() const { return leaf_; }

 private:
  struct Frame {
    const Value* value;
    std::size_t next;  // the child to visit next
    std::size_t mark;  // the length of the collection's own path
  };
  const Value* root_;
  bool started_ = false;
  std::vector<Frame> stack_;
  Leaf leaf_;
};

struct Link {
  std::string url;   // as written
  std::string host;  // lower-cased (ASCII letters), without user information or port
  std::uint32_t line = 0;
};

// Whether `s` starts with `http://` or `https://` (the scheme in any case).
bool is_http_url(std::string_view s);

// The lower-cased host of an http(s) URL, or "" when it has none.
std::string url_host(std::string_view url);

// The key under which URLs are compared for target_path: trimmed; the fragment and the query
// removed; for an http(s) URL, no scheme (http and https are one page), the host in lower case
// without user information, a final dot or the port :80 or :443; `index.html` (or `.htm`) at
// the end of the path and trailing `/` removed. `HTTP://News.Example.com:443/a/index.html#top`
// -> `news.example.com/a`.
std::string url_key(std::string_view url);

// The key of the same http(s) URL on its host with `www.` added or removed (`www.a.example/x`
// <-> `a.example/x`): tried when the key itself matches nothing, so that two URLs that differ
// only there match. Empty for a URL without a host.
std::string url_key_other_www(std::string_view url);

// Every http(s) URL in a text whose first line is line `first_line` of the file: bare, in
// Markdown links or angle brackets, or glued to a preceding word; trailing punctuation that is
// not part of the URL is left out.
std::vector<Link> text_links(std::string_view text, std::uint32_t first_line);

}  // namespace articles
