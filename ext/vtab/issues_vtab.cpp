// article_issues: one row per problem of a file, its name's, its read's, its front matter's and
// (with `columns`) its values' for a declared schema: the `error` column, one problem a row.
//
//   SELECT path, line, code, message FROM article_issues('content/') WHERE severity = 'error';
//   CREATE VIRTUAL TABLE temp.checks USING article_issues(root='content',
//       columns='tags list, draft bool, title text required');
//
// Columns: path, line, column, key, code, severity (error or warning), message (without where:
// line, column and key say it). The codes are docs/article_issues.md's. Arguments, options and
// push-down as for `articles`; `columns` as for a declared `articles` table.
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column {
  kPath,
  kLine,
  kColumn,
  kKey,
  kCode,
  kSeverity,
  kMessage,
  kColumns,
  kRoot = kColumns,
  kPattern
};

void issue_rows(FolderScan& scan, const FolderTable& table, std::vector<ChildRow>& out) {
  for (Problem& p : scan.problems(table.declared)) {
    ChildRow row;
    row.cells.resize(kColumns);
    if (p.line) row.cells[kLine] = std::int64_t{p.line};
    if (p.column) row.cells[kColumn] = std::int64_t{p.column};
    if (!p.key.empty()) row.cells[kKey] = std::move(p.key);
    row.cells[kCode] = std::move(p.code);
    row.cells[kSeverity] = std::string(p.warning ? "warning" : "error");
    row.cells[kMessage] = std::move(p.message);
    out.push_back(std::move(row));
  }
}

const ChildSpec kSpec{
    "article_issues",
    "CREATE TABLE x(path TEXT, line INTEGER, column INTEGER, key TEXT, code TEXT, severity TEXT,"
    " message TEXT, root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    ResolvedColumns{},
    nullptr,
    issue_rows,
    /*checks_columns=*/true,
};

}  // namespace

int register_issues_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
