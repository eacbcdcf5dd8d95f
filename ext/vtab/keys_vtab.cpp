// article_keys: the census of a folder's front-matter keys, one row per key path: what a user
// reads before declaring columns (docs/article_keys.md).
//
//   SELECT key, files, types, example FROM article_keys('content/') ORDER BY files DESC;
//   SELECT key FROM article_keys('content/') WHERE lists > 0 AND texts > 0;  -- mixed shapes
//
// Columns: key (`params.image`, `tags[]` for a list's items), files, texts, ints, reals, bools,
// nulls, lists, maps, dates (values of each type; date-like text counts as a date), types (the
// same as a JSON object), example. Arguments and options as for `articles`; every file of the
// scan is parsed before the first row.
#include <new>

#include "core/keys.hpp"
#include "vtab/folder.hpp"

namespace articles {

namespace {

enum Column {
  kKey,
  kFiles,
  kTypes,
  kFirstCount,  // texts .. dates, in KeyType order
  kExample = kFirstCount + static_cast<int>(KeyType::kCount),
  kRoot,
  kPattern
};

constexpr const char* kSchema =
    "CREATE TABLE x(key TEXT, files INTEGER, types TEXT, texts INTEGER, ints INTEGER,"
    " reals INTEGER, bools INTEGER, nulls INTEGER, lists INTEGER, maps INTEGER, dates INTEGER,"
    " example TEXT, root HIDDEN, pattern HIDDEN)";

struct Cursor : sqlite3_vtab_cursor {
  FolderScan scan;
  std::vector<KeyStats> rows;
  std::size_t pos = 0;
  FolderTable* table() const { return static_cast<FolderTable*>(pVtab); }
};

int x_connect(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
              char** err) noexcept {
  FolderTable* t = new (std::nothrow) FolderTable();
  if (!t) return SQLITE_NOMEM;
  t->name = "article_keys";
  constexpr std::uint64_t arguments = 1ull << kRoot | 1ull << kPattern;
  // No path column (-2 matches no constraint): every column needs whole articles.
  t->columns = FolderColumns{-2, kRoot, kPattern, /*rowid_is_entry=*/false, arguments, arguments};
  t->columns.text_free = ~std::uint64_t{0};  // front matter keys: no headline of plain text read
  return connect_folder_table(db, aux, argc, argv, t, kSchema, out, err);
}

int x_best_index(sqlite3_vtab* vtab, sqlite3_index_info* info) noexcept {
  return guard(vtab, "article_keys", [&] {
    return plan_folder_scan(static_cast<FolderTable*>(vtab), info, /*ordered_by_path=*/false);
  });
}

int x_open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) noexcept {
  *out = nullptr;
  return guard(vtab, "article_keys", [&] {
    *out = new Cursor();
    return SQLITE_OK;
  });
}

int x_close(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  guard(nullptr, "article_keys", [&] {
    c->scan.report(c->table());
    return SQLITE_OK;
  });
  delete c;
  return SQLITE_OK;
}

int x_filter(sqlite3_vtab_cursor* cur, int idx, const char*, int argc,
             sqlite3_value** argv) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, "article_keys", [&] {
    c->rows.clear();
    c->pos = 0;
    c->scan.start(c->table(), idx, argc, argv);
    KeyCensus census;
    for (; !c->scan.done(); c->scan.next_file()) {
      c->scan.check_interrupt();
      const Article* a = c->scan.article();
      if (a && a->front_matter) census.add(*a->front_matter);
    }
    c->rows = census.rows();
    for (std::size_t i = 0; i < c->rows.size(); ++i) c->scan.count_row();
    return SQLITE_OK;
  });
}

int x_next(sqlite3_vtab_cursor* cur) noexcept {
  ++static_cast<Cursor*>(cur)->pos;
  return SQLITE_OK;
}

int x_eof(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return c->pos >= c->rows.size();
}

int x_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, "article_keys", [&] {
    const KeyStats& k = c->rows[c->pos];
    if (col == kKey) {
      result_text(ctx, k.key);
    } else if (col == kFiles) {
      sqlite3_result_int64(ctx, k.files);
    } else if (col == kTypes) {
      std::string json = "{";
      for (std::size_t t = 0; t < k.types.size(); ++t) {
        if (!k.types[t]) continue;
        if (json.size() > 1) json += ',';
        json += std::string("\"") + key_type_name(static_cast<KeyType>(t)) +
                "\":" + std::to_string(k.types[t]);
      }
      result_json(ctx, std::string_view(json += '}'));
    } else if (col >= kFirstCount && col < kExample) {
      sqlite3_result_int64(ctx, k.types[static_cast<std::size_t>(col - kFirstCount)]);
    } else if (col == kExample) {
      result_text(ctx, k.example.empty() ? std::nullopt : std::optional(k.example));
    } else if (col == kRoot) {
      result_text(ctx, c->scan.root());
    } else if (col == kPattern) {
      result_text(ctx, c->scan.pattern().empty() ? std::nullopt : std::optional(c->scan.pattern()));
    } else {
      sqlite3_result_null(ctx);
    }
    return SQLITE_OK;
  });
}

int x_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* rowid) noexcept {
  *rowid = static_cast<sqlite3_int64>(static_cast<Cursor*>(cur)->pos);
  return SQLITE_OK;
}

sqlite3_module make_module() {
  sqlite3_module m{};
  m.xCreate = x_connect;  // the same function as xConnect: eponymous, no backing store
  m.xConnect = x_connect;
  m.xBestIndex = x_best_index;
  m.xDisconnect = disconnect_folder_table;
  m.xDestroy = disconnect_folder_table;
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

int register_keys_table(sqlite3* db, const StatePtr& state) {
  return create_folder_module(db, "article_keys", &kModule, state);
}

}  // namespace articles
