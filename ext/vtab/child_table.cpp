#include "vtab/child_table.hpp"

#include <new>

namespace articles {

namespace {

struct ChildTable : FolderTable {
  const ChildSpec* spec = nullptr;
};

// The rows file_rows gives, handed out one at a time.
class VectorStream : public RowStream {
 public:
  explicit VectorStream(std::vector<ChildRow> rows) : rows_(std::move(rows)) {}
  bool next(ChildRow& row) override {
    if (next_ >= rows_.size()) return false;
    row = std::move(rows_[next_++]);
    return true;
  }

 private:
  std::vector<ChildRow> rows_;
  std::size_t next_ = 0;
};

struct Cursor : sqlite3_vtab_cursor {
  FolderScan scan;
  std::unique_ptr<RowStream> stream;      // the current file's rows; refers to its article
  ChildRow row;                           // the current row
  std::size_t pos = 0;                    // its position within the file
  std::optional<LinkIndex::Match> match;  // row.link resolved, once a column asked for it
  const ChildTable* table() const { return static_cast<const ChildTable*>(pVtab); }

  bool advance() {
    row.cells.clear();
    row.link.reset();
    match.reset();
    return stream && stream->next(row);
  }

  // Moves to the first row of the first file at or after the current one that gives rows.
  void fill() {
    for (; !scan.done(); next_file()) {
      scan.check_interrupt();
      pos = 0;
      const ChildSpec* spec = table()->spec;
      if (spec->file_rows) {
        std::vector<ChildRow> rows;
        spec->file_rows(scan, *table(), rows);
        stream = std::make_unique<VectorStream>(std::move(rows));
      } else if (const Article* a = scan.article()) {
        stream = spec->stream(*a);
      }
      if (advance()) {
        scan.count_row();
        return;
      }
    }
  }

  void next_file() {
    stream.reset();  // before the article it reads leaves
    scan.next_file();
  }

  // A column of ResolvedColumns for the current row.
  void resolved_cell(sqlite3_context* ctx, int col) {
    const ResolvedColumns& r = table()->spec->resolved;
    if (!row.link) {
      sqlite3_result_null(ctx);
      return;
    }
    if (!match) match = scan.resolve(*row.link);
    if (col == r.target_path) {
      result_text(ctx, match->path ? std::optional(*match->path) : std::nullopt);
    } else if (col == r.resolved) {
      result_int(ctx,
                 match->resolved ? std::optional<std::int64_t>(*match->resolved) : std::nullopt);
    } else if (col == r.candidates) {
      sqlite3_result_int64(ctx, match->candidates);
    } else {
      std::optional<bool> found;
      if (match->path && row.link->anchor) found = scan.has_anchor(*match->path, *row.link->anchor);
      result_int(ctx, found ? std::optional<std::int64_t>(*found) : std::nullopt);
    }
  }
};

bool resolved_column(const ResolvedColumns& r, int col) {
  return col >= 0 && (col == r.target_path || col == r.resolved || col == r.candidates ||
                      col == r.anchor_resolved);
}

int x_connect(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
              char** err, const ChildSpec* spec) noexcept {
  ChildTable* t = new (std::nothrow) ChildTable();
  if (!t) return SQLITE_NOMEM;
  t->name = spec->name;
  t->columns = spec->columns;
  if (!spec->reads_text) t->columns.text_free = ~std::uint64_t{0};
  for (int col : {spec->resolved.target_path, spec->resolved.resolved, spec->resolved.candidates,
                  spec->resolved.anchor_resolved})
    if (col >= 0) t->columns.resolves_links |= std::uint64_t{1} << col;
  t->spec = spec;
  t->takes_columns = spec->checks_columns;
  t->columns_declare = false;
  return connect_folder_table(db, aux, argc, argv, t, spec->schema, out, err);
}

int x_best_index(sqlite3_vtab* vtab, sqlite3_index_info* info) noexcept {
  FolderTable* t = static_cast<FolderTable*>(vtab);
  return guard(vtab, t->name, [&] { return plan_folder_scan(t, info, /*ordered_by_path=*/true); });
}

int x_open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) noexcept {
  *out = nullptr;
  return guard(vtab, static_cast<FolderTable*>(vtab)->name, [&] {
    *out = new Cursor();
    return SQLITE_OK;
  });
}

int x_close(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  guard(nullptr, "", [&] {
    c->scan.report(c->table());
    return SQLITE_OK;
  });
  delete c;
  return SQLITE_OK;
}

int x_filter(sqlite3_vtab_cursor* cur, int idx, const char*, int argc,
             sqlite3_value** argv) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, c->table()->name, [&] {
    c->stream.reset();  // before the article it reads leaves
    c->scan.start(c->table(), idx, argc, argv);
    c->fill();
    return SQLITE_OK;
  });
}

int x_next(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, c->table()->name, [&] {
    if (c->advance()) {
      ++c->pos;
      c->scan.count_row();
      return SQLITE_OK;
    }
    c->next_file();
    c->fill();
    return SQLITE_OK;
  });
}

int x_eof(sqlite3_vtab_cursor* cur) noexcept {
  return static_cast<Cursor*>(cur)->scan.done();
}

int x_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, c->table()->name, [&] {
    const ChildSpec* spec = c->table()->spec;
    const ChildRow& row = c->row;
    if (col == spec->columns.path) {
      result_text(ctx, c->scan.entry().path);
    } else if (col == spec->columns.root) {
      result_text(ctx, c->scan.root());
    } else if (col == spec->columns.pattern) {
      result_text(ctx, c->scan.pattern().empty() ? std::nullopt : std::optional(c->scan.pattern()));
    } else if (resolved_column(spec->resolved, col)) {
      c->resolved_cell(ctx, col);
    } else if (col >= 0 && static_cast<std::size_t>(col) < row.cells.size()) {
      const Cell& cell = row.cells[static_cast<std::size_t>(col)];
      if (auto i = std::get_if<std::int64_t>(&cell))
        sqlite3_result_int64(ctx, *i);
      else if (auto d = std::get_if<double>(&cell))
        sqlite3_result_double(ctx, *d);
      else if (auto s = std::get_if<std::string>(&cell))
        result_text(ctx, *s);
      else if (auto j = std::get_if<JsonText>(&cell))
        result_json(ctx, std::string_view(j->text));
      else
        sqlite3_result_null(ctx);
    } else {
      sqlite3_result_null(ctx);
    }
    return SQLITE_OK;
  });
}

// A stable rowid: the hash of the path and the row's position within its file.
int x_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* rowid) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, c->table()->name, [&] {
    *rowid = path_hash(c->scan.entry().path + '\x1f' + std::to_string(c->pos));
    return SQLITE_OK;
  });
}

// One module per spec: xCreate/xConnect must know the spec, and SQLite passes only pAux, which
// holds the connection state; so the spec travels inside that state's holder.
struct Aux {
  StatePtr state;
  const ChildSpec* spec;
};

int x_connect_aux(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
                  char** err) noexcept {
  Aux* a = static_cast<Aux*>(aux);
  return x_connect(db, &a->state, argc, argv, out, err, a->spec);
}

sqlite3_module make_module() {
  sqlite3_module m{};
  m.xCreate = x_connect_aux;  // the same function as xConnect: eponymous, no backing store
  m.xConnect = x_connect_aux;
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

int register_child_table(sqlite3* db, const ChildSpec* spec, const StatePtr& state) {
  Aux* aux = new Aux{state, spec};
  return sqlite3_create_module_v2(db, spec->name, &kModule, aux,
                                  [](void* p) { delete static_cast<Aux*>(p); });
}

}  // namespace articles
