// articles: one row per article file below a folder.
//
//   SELECT path, title, quality FROM articles('news/');             -- every file, recursively
//   SELECT path, title FROM articles('news/', '*.md');              -- file names matching a glob
//   CREATE VIRTUAL TABLE temp.news USING articles(root='news/', pattern='*.txt', recursive=0);
//   SELECT count(*) FROM news WHERE error IS NOT NULL;
//
// Columns: see kSchema below and docs/articles.md. Hidden columns `root` and `pattern` take the
// table-valued arguments. Options of CREATE VIRTUAL TABLE: root, pattern, recursive (1 or 0),
// max_file_size (bytes; default 16 MiB), threads (workers that read and parse ahead of the
// cursor; default one per hardware thread), watch (keep the listing while inotify reports no
// change), and the limits of docs/articles.md. Rows come in byte order of `path`; rowid is a
// stable hash of the path. `path = ?` and `path IN (...)` read only those files, without listing
// the folder; `rowid = ?` lists the folder and reads only that file. A file is opened and parsed
// only when a column other than path, size and mtime is read, and its whole article is kept only
// when body, clean_body or front_matter is. Registered DIRECTONLY: it reads files, so views,
// triggers and schema expressions cannot use it.
#include <optional>
#include <string>

#include "vtab/folder.hpp"

namespace articles {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE x(path TEXT, title TEXT, byline TEXT, category TEXT, type TEXT, excerpt TEXT,"
    " published_at TEXT, quality INTEGER, heat INTEGER, published INTEGER,"
    " provider_name TEXT, provider_domain TEXT, original_url TEXT, web_url TEXT,"
    " topics TEXT, images TEXT, related_count INTEGER, secured TEXT, body TEXT,"
    " clean_body TEXT, word_count INTEGER, front_matter TEXT, format TEXT, size INTEGER, mtime "
    "INTEGER,"
    " error TEXT, title_source TEXT, front_matter_format TEXT, updated_at TEXT,"
    " title_confidence REAL,"
    " root HIDDEN, pattern HIDDEN)";

enum Column {
  kPath,
  kTitle,
  kByline,
  kCategory,
  kType,
  kExcerpt,
  kPublishedAt,
  kQuality,
  kHeat,
  kPublished,
  kProviderName,
  kProviderDomain,
  kOriginalUrl,
  kWebUrl,
  kTopics,
  kImages,
  kRelatedCount,
  kSecured,
  kBody,
  kCleanBody,
  kWordCount,
  kFrontMatter,
  kFormat,
  kSize,
  kMtime,
  kError,
  kTitleSource,
  kFrontMatterFormat,
  kUpdatedAt,
  kTitleConfidence,
  kRoot,
  kPattern
};

struct Cursor : sqlite3_vtab_cursor {
  FolderScan scan;
  FolderTable* table() const { return static_cast<FolderTable*>(pVtab); }
};

int x_connect(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
              char** err) noexcept {
  FolderTable* t = new (std::nothrow) FolderTable();
  if (!t) return SQLITE_NOMEM;
  t->name = "articles";
  constexpr std::uint64_t listing_only =
      1ull << kPath | 1ull << kSize | 1ull << kMtime | 1ull << kRoot | 1ull << kPattern;
  constexpr std::uint64_t heavy = 1ull << kBody | 1ull << kCleanBody | 1ull << kFrontMatter;
  // What the reading of plain text gives (ParseOptions::read_text).
  constexpr std::uint64_t read = 1ull << kTitle | 1ull << kTitleConfidence | 1ull << kByline |
                                 1ull << kPublishedAt | 1ull << kCleanBody;
  t->columns = FolderColumns{kPath, kRoot, kPattern, /*rowid_is_entry=*/true, listing_only, ~heavy};
  t->columns.text_free = ~read;
  t->takes_columns = true;
  t->fixed = {"path", "root", "pattern", "error"};
  int rc = connect_folder_table(db, aux, argc, argv, t, kSchema, out, err);
  if (rc != SQLITE_OK || t->declared.empty()) return rc;
  rc = create_issues_table(db, argc, argv, err);
  if (rc != SQLITE_OK) {
    disconnect_folder_table(*out);
    *out = nullptr;
  }
  return rc;
}

int x_destroy(sqlite3_vtab* vtab) noexcept {
  destroy_issues_table(*static_cast<FolderTable*>(vtab));
  return disconnect_folder_table(vtab);
}

// Declared column i's value for the current file, from its summary.
void declared_cell(sqlite3_context* ctx, FolderScan& s, std::size_t i) {
  const Summary* a = s.summary();
  const DeclaredView v = a ? a->declared(i) : DeclaredView{};
  switch (v.kind) {
    case DeclaredValue::Kind::Int:
      sqlite3_result_int64(ctx, v.integer);
      break;
    case DeclaredValue::Kind::Real:
      sqlite3_result_double(ctx, v.real);
      break;
    case DeclaredValue::Kind::Text:
      result_view(ctx, v.text);
      break;
    case DeclaredValue::Kind::Json:
      result_json(ctx, v.text);
      break;
    case DeclaredValue::Kind::Null:
      sqlite3_result_null(ctx);
      break;
  }
}

int x_best_index(sqlite3_vtab* vtab, sqlite3_index_info* info) noexcept {
  return guard(vtab, "articles", [&] {
    return plan_folder_scan(static_cast<FolderTable*>(vtab), info, /*ordered_by_path=*/true);
  });
}

int x_open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) noexcept {
  *out = nullptr;
  return guard(vtab, "articles", [&] {
    *out = new Cursor();
    return SQLITE_OK;
  });
}

int x_close(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  guard(nullptr, "articles", [&] {
    c->scan.report(c->table());
    return SQLITE_OK;
  });
  delete c;
  return SQLITE_OK;
}

int x_filter(sqlite3_vtab_cursor* cur, int idx, const char*, int argc,
             sqlite3_value** argv) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, "articles", [&] {
    c->scan.start(c->table(), idx, argc, argv);
    if (!c->scan.done()) c->scan.count_row();
    return SQLITE_OK;
  });
}

int x_next(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  c->scan.next_file();
  if (!c->scan.done()) c->scan.count_row();
  return SQLITE_OK;
}

int x_eof(sqlite3_vtab_cursor* cur) noexcept {
  return static_cast<Cursor*>(cur)->scan.done();
}

int x_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, "articles", [&] {
    FolderScan& s = c->scan;
    const Entry& e = s.entry();
    if (const DeclaredColumn* declared = c->table()->declared_column(col)) {
      declared_cell(ctx, s, static_cast<std::size_t>(declared - c->table()->declared.data()));
      return SQLITE_OK;
    }
    switch (col) {  // the columns that need no read of the file
      case kPath:
        result_text(ctx, e.path);
        return SQLITE_OK;
      case kSize:
        sqlite3_result_int64(ctx, e.size);
        return SQLITE_OK;
      case kMtime:
        sqlite3_result_int64(ctx, e.mtime);
        return SQLITE_OK;
      case kRoot:
        result_text(ctx, s.root());
        return SQLITE_OK;
      case kPattern:
        result_text(ctx, s.pattern().empty() ? std::nullopt : std::optional(s.pattern()));
        return SQLITE_OK;
      case kError:
        result_text(ctx, s.error_text());  // a declared table's summary has its problems too
        return SQLITE_OK;
      default:
        break;
    }
    if (col == kBody || col == kCleanBody || col == kFrontMatter) {
      const Article* a = s.article();
      if (!a || a->format == Format::Binary)  // unread, or not text: its error says why
        sqlite3_result_null(ctx);
      else if (col == kBody)
        result_text(ctx, a->body);
      else if (col == kCleanBody)
        result_text(ctx, clean_body(*a));
      else if (auto json = front_matter_json(*a))
        result_json(ctx, std::string_view(*json));
      else
        sqlite3_result_null(ctx);
      return SQLITE_OK;
    }
    const Summary* a = s.summary();
    if (!a) {
      sqlite3_result_null(ctx);
      return SQLITE_OK;
    }
    switch (col) {
      case kTitle:
        result_view(ctx, a->text(Summary::kTitle));
        break;
      case kByline:
        result_view(ctx, a->text(Summary::kByline));
        break;
      case kCategory:
        result_view(ctx, a->text(Summary::kCategory));
        break;
      case kType:
        result_view(ctx, a->text(Summary::kType));
        break;
      case kExcerpt:
        result_view(ctx, a->text(Summary::kExcerpt));
        break;
      case kPublishedAt:
        result_view(ctx, a->text(Summary::kPublishedAt));
        break;
      case kQuality:
        result_int(ctx, a->quality);
        break;
      case kHeat:
        result_int(ctx, a->heat);
        break;
      case kPublished:
        result_int(ctx, a->published);
        break;
      case kProviderName:
        result_view(ctx, a->text(Summary::kProviderName));
        break;
      case kProviderDomain:
        result_view(ctx, a->text(Summary::kProviderDomain));
        break;
      case kOriginalUrl:
        result_view(ctx, a->text(Summary::kOriginalUrl));
        break;
      case kWebUrl:
        result_view(ctx, a->text(Summary::kWebUrl));
        break;
      case kTopics:
        result_json(ctx, a->text(Summary::kTopics));
        break;
      case kImages:
        result_json(ctx, a->text(Summary::kImages));
        break;
      case kRelatedCount:
        sqlite3_result_int64(ctx, a->related_count);
        break;
      case kSecured:
        result_view(ctx, a->text(Summary::kSecured));
        break;
      case kWordCount:
        sqlite3_result_int64(ctx, a->word_count);
        break;
      case kFormat:
        sqlite3_result_text(ctx, format_name(a->format), -1, SQLITE_STATIC);
        break;
      case kTitleSource:
        result_static(ctx, title_source_name(a->title_source));
        break;
      case kFrontMatterFormat:
        result_static(ctx, syntax_name(a->syntax));
        break;
      case kUpdatedAt:
        result_view(ctx, a->text(Summary::kUpdatedAt));
        break;
      case kTitleConfidence:
        if (a->title_confidence)
          sqlite3_result_double(ctx, *a->title_confidence);
        else
          sqlite3_result_null(ctx);
        break;
      default:
        sqlite3_result_null(ctx);
        break;
    }
    return SQLITE_OK;
  });
}

int x_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* rowid) noexcept {
  *rowid = static_cast<Cursor*>(cur)->scan.entry().rowid;
  return SQLITE_OK;
}

sqlite3_module make_module() {
  sqlite3_module m{};
  m.xCreate = x_connect;  // the same function as xConnect: eponymous, no backing store
  m.xConnect = x_connect;
  m.xBestIndex = x_best_index;
  m.xDisconnect = disconnect_folder_table;
  m.xDestroy = x_destroy;
  m.xOpen = x_open;
  m.xClose = x_close;
  m.xFilter = x_filter;
  m.xNext = x_next;
  m.xEof = x_eof;
  m.xColumn = x_column;
  m.xRowid = x_rowid;
  return m;
}

const sqlite3_module kModule = make_module();

}  // namespace

int register_articles_table(sqlite3* db, const StatePtr& state) {
  return create_folder_module(db, "articles", &kModule, state);
}

}  // namespace articles
