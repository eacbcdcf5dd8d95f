// article_sections: one row per section of a Markdown file (a heading and its own text, up to
// the next heading of any level); a file without headings, or that is not Markdown, has one
// section at level 0 holding its body, so that a join by path never loses a file.
//
//   SELECT path, heading FROM article_sections('notes/') WHERE heading = 'Decisions';
//   SELECT path, text FROM article_sections('docs/') WHERE anchor = 'installation';
//   SELECT s.heading, p.heading AS under
//   FROM article_sections('docs/') s LEFT JOIN article_sections('docs/') p
//     ON p.path = s.path AND p.position = s.parent;
//
// Arguments, options and push-down as for `articles`. `heading` is the text as written with its
// `#` marks or setext underline removed; `anchor` is GitHub's slug of it, unique in the file
// (-1, -2 for repeats); `parent` the position of the enclosing section (NULL at the top);
// `line` and `end_line` the section's first and last lines in the file.
#include "core/article.hpp"
#include "core/markdown.hpp"
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column {
  kPath,
  kPosition,
  kLevel,
  kHeading,
  kAnchor,
  kParent,
  kLine,
  kEndLine,
  kText,
  kColumns,
  kRoot = kColumns,
  kPattern
};

// The rows of an article's sections, found one at a time: a file may hold millions of headings.
class SectionRows : public RowStream {
 public:
  explicit SectionRows(const Article& article) {
    if (article.markdown) {
      reader_.emplace(article.body, article.body_line);
    } else {
      whole_ = article_sections(article);
    }
  }
  bool next(ChildRow& row) override {
    Section s;
    if (reader_) {
      if (!reader_->next(&s)) return false;
    } else {
      if (at_ == whole_.size()) return false;
      s = std::move(whole_[at_]);
    }
    fill(s, at_++, row);
    return true;
  }

 private:
  static void fill(Section& s, std::size_t i, ChildRow& row) {
    row.cells.resize(kColumns);
    row.cells[kPosition] = static_cast<std::int64_t>(i);
    row.cells[kLevel] = static_cast<std::int64_t>(s.level);
    if (s.heading) row.cells[kHeading] = std::move(*s.heading);
    if (s.anchor) row.cells[kAnchor] = std::move(*s.anchor);
    if (s.parent) row.cells[kParent] = static_cast<std::int64_t>(*s.parent);
    row.cells[kLine] = static_cast<std::int64_t>(s.line);
    row.cells[kEndLine] = static_cast<std::int64_t>(s.end_line);
    row.cells[kText] = std::string(s.text);
  }
  std::optional<SectionReader> reader_;  // a Markdown article's
  std::vector<Section> whole_;           // another's: its one section
  std::size_t at_ = 0;
};

std::unique_ptr<RowStream> section_rows(const Article& article) {
  return std::make_unique<SectionRows>(article);
}

const ChildSpec kSpec{
    "article_sections",
    "CREATE TABLE x(path TEXT, position INTEGER, level INTEGER, heading TEXT, anchor TEXT,"
    " parent INTEGER, line INTEGER, end_line INTEGER, text TEXT, root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    ResolvedColumns{},
    section_rows,
};

}  // namespace

int register_sections_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
