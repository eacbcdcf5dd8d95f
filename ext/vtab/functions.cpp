// The scalar functions.
//
//   SELECT articles_version();                                -- '0.2.0+g1a2b3c4'
//   SELECT article_parse('---' || char(10) || 'title: Hi' || char(10) || '---' || char(10));
//   SELECT json_extract(article_parse(data), '$.title') FROM zipfile('news.zip');
//   SELECT articles_last_scan();   -- JSON report of the last finished scan on this connection
//
// article_parse(text) parses one article held in a value (TEXT or BLOB) with exactly the rules of
// `articles` and returns a JSON object with the fields of a row (title, published_at, ...,
// front_matter as an object, body, error); NULL gives NULL. It reads no file.
#include "core/article.hpp"
#include "vtab/folder.hpp"

namespace articles {

namespace {

void version(sqlite3_context* ctx, int, sqlite3_value**) noexcept {
  sqlite3_result_text(ctx, ARTICLES_VERSION, -1, SQLITE_STATIC);
}

void parse(sqlite3_context* ctx, int, sqlite3_value** argv) noexcept {
  guard_function(ctx, "article_parse", [&] {
    sqlite3_value* v = argv[0];
    if (sqlite3_value_type(v) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
    const void* p =
        sqlite3_value_type(v) == SQLITE_BLOB ? sqlite3_value_blob(v) : sqlite3_value_text(v);
    std::string_view bytes(static_cast<const char*>(p),
                           p ? static_cast<std::size_t>(sqlite3_value_bytes(v)) : 0);
    std::string json = article_json(parse_article(bytes, default_parse_options()));
    result_json(ctx, std::string_view(json));
  });
}

void last_scan(sqlite3_context* ctx, int, sqlite3_value**) noexcept {
  auto* state = static_cast<StatePtr*>(sqlite3_user_data(ctx));
  const std::string& report = (*state)->last_scan;
  if (report.empty())
    sqlite3_result_null(ctx);
  else
    result_json(ctx, std::string_view(report));
}

}  // namespace

int register_functions(sqlite3* db, const StatePtr& state) {
  const int pure = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc =
      sqlite3_create_function(db, "articles_version", 0, pure, nullptr, version, nullptr, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "article_parse", 1, pure | SQLITE_RESULT_SUBTYPE, nullptr,
                                 parse, nullptr, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(
        db, "articles_last_scan", 0, SQLITE_UTF8 | SQLITE_RESULT_SUBTYPE, new StatePtr(state),
        last_scan, nullptr, nullptr, [](void* p) { delete static_cast<StatePtr*>(p); });
  return rc;
}

}  // namespace articles
