// The entry point: `.load ./build/articles` in the sqlite3 shell calls sqlite3_articles_init.
//
//   .load ./build/articles
//   SELECT articles_version();          -- '0.1.0'
//   SELECT path, title FROM articles('examples/articles');
#include "vtab/common.hpp"

SQLITE_EXTENSION_INIT1

namespace {

void articles_version(sqlite3_context* ctx, int, sqlite3_value**) noexcept {
  sqlite3_result_text(ctx, ARTICLES_VERSION, -1, SQLITE_STATIC);
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int sqlite3_articles_init(
    sqlite3* db, char** pzErrMsg, const sqlite3_api_routines* pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < 3031000) {
    *pzErrMsg =
        sqlite3_mprintf("articles: needs SQLite 3.31.0 or later, this is %s", sqlite3_libversion());
    return SQLITE_ERROR;
  }
  int rc = sqlite3_create_function(db, "articles_version", 0,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   articles_version, nullptr, nullptr);
  if (rc == SQLITE_OK) rc = articles::register_articles_table(db);
  return rc;
}
