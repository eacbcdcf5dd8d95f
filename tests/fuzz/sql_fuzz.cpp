// Fuzz target: article_parse() through SQL, the module linked in and registered as an automatic
// extension (a test harness may link SQLite; the module itself never does).
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int sqlite3_articles_init(sqlite3*, char**, const sqlite3_api_routines*);

namespace {

sqlite3* open_db() {
  sqlite3_auto_extension(reinterpret_cast<void (*)()>(sqlite3_articles_init));
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) std::abort();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sqlite3* db = open_db();
  static sqlite3_stmt* stmt = [] {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(
            db,
            "SELECT json_valid(j), json_extract(j, '$.title') FROM "
            "(SELECT article_parse(?1) AS j UNION ALL SELECT article_parse(CAST(?1 AS TEXT)))",
            -1, &s, nullptr) != SQLITE_OK)
      std::abort();
    return s;
  }();
  sqlite3_bind_blob(stmt, 1, data, static_cast<int>(size), SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    if (sqlite3_column_int(stmt, 0) != 1) std::abort();  // article_parse always gives JSON
  if (rc != SQLITE_DONE) std::abort();                   // and never an SQL error
  sqlite3_reset(stmt);
  return 0;
}
