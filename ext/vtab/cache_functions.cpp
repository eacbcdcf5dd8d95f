// The functions of the process-wide parsed-article cache, shared by every connection.
//
//   SELECT articles_cache_stats();          -- {"entries":13,"bytes":...,"hits":13,...}
//   SELECT articles_cache_limit(64 << 20);  -- sets the byte budget, returns the previous one
//   SELECT articles_cache_clear();          -- empties it, returns the number of entries dropped
//
// A file is parsed once while it stays unchanged (same device, inode, size, and modification
// and status-change times to the nanosecond); a changed or replaced file is parsed again. Each
// entry keeps the file's short columns, and its whole article once a query needed it. Over the
// budget (default 256 MiB), whole articles leave first, least recently used first.
#include "cache/cache.hpp"
#include "cache/listings.hpp"
#include "vtab/folder.hpp"

namespace articles {

namespace {

void stats(sqlite3_context* ctx, int, sqlite3_value**) noexcept {
  guard_function(ctx, "articles_cache_stats", [&] {
    CacheStats s = process_cache().stats();
    ListingStats l = process_listings().stats();
    PersistentStats p = persistent_stats();
    std::string json =
        "{\"entries\":" + std::to_string(s.entries) +
        ",\"articles\":" + std::to_string(s.articles) + ",\"bytes\":" + std::to_string(s.bytes) +
        ",\"limit\":" + std::to_string(s.limit) + ",\"hits\":" + std::to_string(s.hits) +
        ",\"misses\":" + std::to_string(s.misses) + ",\"parses\":" + std::to_string(s.parses) +
        ",\"evictions\":" + std::to_string(s.evictions) +
        ",\"rechecks\":" + std::to_string(s.rechecks) +
        ",\"restored\":" + std::to_string(s.restored) +
        ",\"yaml_fast_path\":" + std::to_string(s.yaml_fast_path) +
        ",\"yaml_cpp\":" + std::to_string(s.yaml_cpp) +
        ",\"listings\":{\"kept\":" + std::to_string(l.kept) +
        ",\"files\":" + std::to_string(l.files) + ",\"bytes\":" + std::to_string(l.bytes) +
        ",\"watches\":" + std::to_string(l.watches) + ",\"hits\":" + std::to_string(l.hits) +
        ",\"misses\":" + std::to_string(l.misses) + ",\"changes\":" + std::to_string(l.changes) +
        "},\"persistent\":{\"restored\":" + std::to_string(p.restored) +
        ",\"written\":" + std::to_string(p.written) +
        ",\"rejected\":" + std::to_string(p.rejected) + ",\"busy\":" + std::to_string(p.busy) +
        ",\"failures\":" + std::to_string(p.failures) + ",\"problem\":";
    if (p.problem.empty())
      json += "null";
    else
      append_json_string(json, p.problem);
    json += "}}";
    result_json(ctx, std::string_view(json));
  });
}

void limit(sqlite3_context* ctx, int, sqlite3_value** argv) noexcept {
  guard_function(ctx, "articles_cache_limit", [&] {
    if (sqlite3_value_numeric_type(argv[0]) != SQLITE_INTEGER || sqlite3_value_int64(argv[0]) < 0)
      throw SqlError("bytes must be a whole number of bytes, 0 or more");
    auto bytes = static_cast<std::size_t>(sqlite3_value_int64(argv[0]));
    sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(process_cache().set_limit(bytes)));
  });
}

void clear(sqlite3_context* ctx, int, sqlite3_value**) noexcept {
  guard_function(ctx, "articles_cache_clear", [&] {
    std::size_t entries = process_cache().stats().entries;
    process_cache().clear();
    process_listings().clear();
    sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(entries));
  });
}

}  // namespace

int register_cache_functions(sqlite3* db) {
  // The cache is shared by the whole process: SQL stored in a database may not change it.
  const int direct = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc =
      sqlite3_create_function(db, "articles_cache_stats", 0, SQLITE_UTF8 | SQLITE_RESULT_SUBTYPE,
                              nullptr, stats, nullptr, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "articles_cache_limit", 1, direct, nullptr, limit, nullptr,
                                 nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "articles_cache_clear", 0, direct, nullptr, clear, nullptr,
                                 nullptr);
  return rc;
}

}  // namespace articles
