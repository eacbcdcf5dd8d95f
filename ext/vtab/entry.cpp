// The entry point: `.load ./build/articles` in the sqlite3 shell calls sqlite3_articles_init,
// which registers every table and function on the connection.
//
//   .load ./build/articles
//   SELECT path, title FROM articles('examples/articles');
//   SELECT path, title, target_path FROM article_related('examples/articles');
//   SELECT fullkey, value FROM article_fields('examples/articles') WHERE path = 'odd/bom-notes.md';
//   SELECT url, host FROM article_links('examples/articles');
//   SELECT path, level, heading FROM article_sections('examples/notes');
#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>

#include "vtab/folder.hpp"

SQLITE_EXTENSION_INIT1

namespace articles {
int register_articles_table(sqlite3* db, const StatePtr& state);
int register_related_table(sqlite3* db, const StatePtr& state);
int register_fields_table(sqlite3* db, const StatePtr& state);
int register_links_table(sqlite3* db, const StatePtr& state);
int register_paragraphs_table(sqlite3* db, const StatePtr& state);
int register_sections_table(sqlite3* db, const StatePtr& state);
int register_keys_table(sqlite3* db, const StatePtr& state);
int register_issues_table(sqlite3* db, const StatePtr& state);
int register_functions(sqlite3* db, const StatePtr& state);
int register_cache_functions(sqlite3* db);
}  // namespace articles

extern "C" __attribute__((visibility("default"))) int sqlite3_articles_init(
    sqlite3* db, char** pzErrMsg, const sqlite3_api_routines* pApi) {
  // The API pointer is one global for the process: set once, so that connections loading the
  // module on several threads do not race on it (ThreadSanitizer reported the plain store).
  // Another SQLite library in the same process (two bindings, each with its own SQLite) has
  // routines of its own, which that global cannot hold too: loading into it is refused, since
  // the first library's routines on its connections corrupt both.
  static std::atomic<const sqlite3_api_routines*> first_api{nullptr};
  const sqlite3_api_routines* expected = nullptr;
  if (!first_api.compare_exchange_strong(expected, pApi) && expected != pApi) {
    *pzErrMsg = pApi->mprintf(
        "articles: the module is already loaded by another SQLite library in this process, and "
        "one copy of it serves one library: load a copy of the file under another name, with "
        "the entry point sqlite3_articles_init");
    return SQLITE_ERROR;
  }
  static std::once_flag api_once;
  try {
    std::call_once(api_once, [pApi] { SQLITE_EXTENSION_INIT2(pApi); });
  } catch (const std::exception&) {
    return SQLITE_ERROR;
  }
  if (sqlite3_libversion_number() < 3031000) {
    *pzErrMsg =
        sqlite3_mprintf("articles: needs SQLite 3.31.0 or later, this is %s", sqlite3_libversion());
    return SQLITE_ERROR;
  }
  try {
    auto state = std::make_shared<articles::ConnectionState>();
    if (const char* roots = std::getenv("SQLITE_ARTICLES_ROOTS"))
      state->allowed_roots = articles::parse_allowed_roots(roots);
    if (const char* file = std::getenv("SQLITE_ARTICLES_CACHE"); file && *file)
      state->cache_file = file;
    int rc = articles::register_functions(db, state);
    if (rc == SQLITE_OK) rc = articles::register_cache_functions(db);
    if (rc == SQLITE_OK) rc = articles::register_articles_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_related_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_fields_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_links_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_paragraphs_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_sections_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_keys_table(db, state);
    if (rc == SQLITE_OK) rc = articles::register_issues_table(db, state);
    return rc;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}
