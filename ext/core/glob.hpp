// File-name patterns (docs/articles.md, "Patterns"): globs with `*`, `?`, `[...]`, `**` across
// folders and `{a,b}` alternatives, optionally without regard to case, and lists of them.
// Pure and thread-safe.
//
//   Patterns p = Patterns::parse("**/*.{md,txt}", /*nocase=*/true);
//   p.matches("post.MD", "2024/post.MD");  // true
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace articles {

class Patterns {
 public:
  // `text` is one glob, or a JSON array of globs (`["*.md", "notes/**"]`). A glob without `/` is
  // matched against the file name, one with `/` against the path below the root. Throws
  // std::invalid_argument naming the problem for an array that is not a list of strings, or a
  // glob with an unclosed `[` or `{`.
  static Patterns parse(const std::string& text, bool nocase);

  bool empty() const { return globs_.empty(); }
  // Whether any glob matches the file named `name` at path `path`.
  bool matches(std::string_view name, std::string_view path) const;

 private:
  std::vector<std::string> globs_;  // with every {a,b} expanded
  bool nocase_ = false;
};

// Whether `glob` matches all of `text`: `*` any run of characters but `/`, `**` (a whole path
// part) any run of folders, `?` one character but `/`, `[abc]`, `[a-z]`, `[!a]` or `[^a]` one
// character of a set; `\` escapes the next character.
bool glob_match(std::string_view glob, std::string_view text, bool nocase);

}  // namespace articles
