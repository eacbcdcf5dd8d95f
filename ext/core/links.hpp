// Links as notes and sites write them, and where they lead in a folder (docs/article_links.md).
// Pure and thread-safe; a LinkIndex is read-only once built.
//
//   for (const DocLink& l : article_links(article)) {
//     LinkTarget t = link_target(l);
//     LinkIndex::Match m = index.resolve(t, "notes/index.md");
//   }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/article.hpp"
#include "core/markdown.hpp"

namespace articles {

// How a link is written: a bare URL or an autolink (`url`), `[t](x)`, `![a](x)` or a
// reference-style link (`markdown`), `[[x]]` (`wiki`), `![[x]]` (`embed`), or a front-matter
// value (`front_matter`).
enum class LinkKind { Url, Markdown, Wiki, Embed, FrontMatter };
const char* link_kind_name(LinkKind kind);

struct DocLink {
  LinkKind kind = LinkKind::Url;
  // As written: a URL or path with its fragment, or a wiki-link's name with its `#heading` or
  // `^block` (without the `[[ ]]` and the `|` text).
  std::string target;
  std::optional<std::string> text;  // link text, an image's alt text, a wiki-link's `|` text
  std::uint32_t line = 0;           // 1-based, in the file
  std::string fullkey;              // front matter: the JSON path of the value
  bool embed = false;               // shown in place: `![a](x)`, `![[x]]`
  bool wiki = false;                // `target` is a wiki-link's (front matter: "[[x]]")
};

// The links of a Markdown text whose first line is line `first_line` of its file, in order:
// inline links and images, reference-style links (`[t][ref]`, `[t][]`, `[ref]`, with their
// definitions anywhere in the text), autolinks (`<scheme:...>`), bare http(s) URLs, wiki-links
// and embeds. Never inside code (fenced, indented, spans), HTML comments or HTML blocks; a
// footnote (`[^1]`) is no link; a link in a link's text (a badge image) is one of its own.
std::vector<DocLink> markdown_links(std::string_view text, std::uint32_t first_line);

// The same links a line at a time, for a text that may hold millions of them: what it keeps is
// the text's reference definitions (read in a first pass), not its lines or links. REQUIRES:
// the text outlives it.
class MarkdownLinkReader {
 public:
  MarkdownLinkReader(std::string_view text, std::uint32_t first_line);
  // Replaces *out with the links of the next line that holds any; false (and *out empty) when
  // no line is left.
  bool next(std::vector<DocLink>* out);

 private:
  InlineLineReader lines_;
  std::unordered_map<std::string, std::string> definitions_;  // the first of a label wins
  std::uint32_t first_line_;
};

// The links of a front matter: its strings, at any depth and in document order, that are http(s)
// URLs (blanks around them ignored, none inside) or one whole wiki-link (`"[[Note]]"`,
// `"[[Note|shown]]"`, as Obsidian's properties hold them).
std::vector<DocLink> front_matter_links(const Value& root);

// Every link of an article in file order: its front matter's, then its body's (markdown_links for a
// Markdown article, bare http(s) URLs for any other).
std::vector<DocLink> article_links(const Article& article);

// The same links a few at a time (a Markdown body's a line at a time: MarkdownLinkReader).
// REQUIRES: the article outlives it.
class ArticleLinkReader {
 public:
  explicit ArticleLinkReader(const Article& article);
  explicit ArticleLinkReader(const Article&& article) = delete;  // it would not outlive this
  // Replaces *out with the next links; false (and *out empty) when none is left.
  bool next(std::vector<DocLink>* out);

 private:
  std::vector<DocLink> first_;  // the front matter's
  bool first_given_ = false;
  std::optional<MarkdownLinkReader> body_;  // a Markdown body's
  std::string_view plain_;                  // what is left to read of another body
  std::uint32_t plain_line_ = 0;            // the line plain_ starts on
};

// What a link names, ready to resolve.
enum class TargetForm {
  WebUrl,       // an http(s) URL
  OtherScheme,  // mailto:, ftp:, `//host/x`, a template (`{{< ref x >}}`): never resolved
  Path,         // a relative path, or a site path (`/docs/x/`)
  Wiki,         // a note's name (or a path ending in one)
};
struct LinkTarget {
  TargetForm form = TargetForm::Path;
  // WebUrl: the URL without its fragment. Path: percent-decoded (when that gives UTF-8), without
  // fragment or query. Wiki: the name, blanks around it removed. Empty: the linking file itself.
  std::string name;
  // The fragment (percent-decoded) or the wiki-link's heading (`Timeline`, `Plan#Timeline`) or
  // block (`^june`, with its caret). None when the link has none.
  std::optional<std::string> anchor;
};
LinkTarget link_target(std::string_view target, bool wiki);
inline LinkTarget link_target(const DocLink& link) {
  return link_target(link.target, link.wiki);
}

// The names a front matter gives its article for links to find it: `url`, `permalink`, `alias`
// and `aliases` (a string or a list of strings), packed for Summary (none when there are none).
std::optional<std::string> link_names(const Value& front_matter);

// Case folded as links compare names: Unicode simple lower case (core/text.hpp), blanks around
// removed. REQUIRES: valid UTF-8.
std::string fold_name(std::string_view s);

// Every file of a root, as links find them. Files are added in byte order of their paths.
class LinkIndex {
 public:
  // `article`: a text file the tables read (not an image or other attachment). `urls`: its
  // webUrl and originalUrl; `packed`: its link_names().
  void add(const std::string& path, bool article, std::initializer_list<std::string_view> urls,
           std::optional<std::string_view> packed);

  struct Match {
    const std::string* path = nullptr;  // the file, or none
    std::int64_t candidates = 0;        // how many files the winning rule found
    // 1: found; 0: meant for the folder (a path, a wiki-link) and not found; none: a URL that
    // names no file here (a page elsewhere).
    std::optional<bool> resolved;
  };
  // Where a link of the file `from` leads (docs/article_links.md#resolution).
  Match resolve(const LinkTarget& target, const std::string& from) const;

  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string path;
    std::size_t folder;  // the length of its folder's part of `path` (with its '/')
  };
  using Ids = std::vector<std::uint32_t>;
  Match pick(const Ids& ids, std::string_view from_folder) const;
  Match resolve_url(const std::string& url) const;
  Match resolve_path(const LinkTarget& t, const std::string& from) const;
  Match resolve_wiki(const LinkTarget& t, const std::string& from) const;
  const std::string* find_path(const std::string& path) const;
  // The file `name` (relative) names from `folder`, as a path or a site's page.
  const std::string* find_page(std::string_view folder, std::string_view name) const;

  std::vector<File> files_;
  std::unordered_map<std::string, Ids> by_url_;    // url_key of every URL and site path
  std::unordered_map<std::string, Ids> by_name_;   // folded file name, any file
  std::unordered_map<std::string, Ids> by_stem_;   // folded name without extension, articles
  std::unordered_map<std::string, Ids> by_alias_;  // folded alias, articles
};

// The anchors of an article a link may name: its sections' anchors (core/markdown.hpp), its
// headings as written, its HTML anchors (`<a id="x">`, `<a name="x">`) and its blocks (`^id`
// at the end of a line).
class Anchors {
 public:
  explicit Anchors(const Article& article);
  // Whether `anchor` (a LinkTarget's) is one of them: a block `^id`; or a heading by its
  // anchor, by the anchor its text would have, or by its text without regard to case (a
  // wiki-link's `A#B` by its last part). None when the article is not Markdown.
  std::optional<bool> has(std::string_view anchor) const;

 private:
  bool markdown_;
  std::unordered_set<std::string> anchors_, headings_, blocks_;
};

}  // namespace articles
