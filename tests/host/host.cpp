// A host program that loads the built module into SQLite connections on many threads, as
// Datasette or a web back-end would (this test program links libsqlite3; the module never
// does). Modes:
//   host soak MODULE DIR SECONDS
//     8 threads, each with its own connection, scan DIR again and again (all tables, with and
//     without read-ahead workers, and by path) while another thread edits, renames, deletes and
//     restores files. Every row must be a state its file was in, or the row error of a file
//     deleted meanwhile; every TEXT value valid UTF-8 without NUL. At the end, with the writer
//     stopped, a scan must show exactly what is on disk.
//   host interrupt MODULE DIR
//     100,000 files; sqlite3_interrupt from another thread while a scan runs must stop it with
//     SQLITE_INTERRUPT long before its end, and the connection stays usable.
//   host two_libraries MODULE DIR
//     A second, separate SQLite library in the process: loading the module into it fails with
//     a clear error, never crashes; the first library's connections go on working.
//   host check MODULE DIR
//     Every column of every table over DIR (a folder of hostile files): no TEXT value is invalid
//     UTF-8 or holds a NUL, and nothing is lost: rows plus counted skips equal the entries that
//     an independent walk of DIR finds.
// Exit status 0 when every check holds; each failure is printed.
#include <dirent.h>
#include <dlfcn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<int> g_failures{0};
std::mutex g_print;

void fail(const std::string& what) {
  std::lock_guard<std::mutex> lock(g_print);
  if (++g_failures <= 20) std::fprintf(stderr, "FAIL: %s\n", what.c_str());
}

bool valid_utf8(const unsigned char* s, int n) {
  for (int i = 0; i < n;) {
    unsigned c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > n || c == 0) return false;
    unsigned cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static const unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

sqlite3* open_with_module(const std::string& module) {
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fail("cannot open a connection");
    std::exit(1);
  }
  sqlite3_enable_load_extension(db, 1);
  char* err = nullptr;
  if (sqlite3_load_extension(db, module.c_str(), nullptr, &err) != SQLITE_OK) {
    fail(std::string("cannot load the module: ") + (err ? err : "?"));
    std::exit(1);
  }
  sqlite3_enable_load_extension(db, 0);
  return db;
}

// Runs `sql` and calls on_row for each row, after checking every TEXT value. Returns the code
// the statement ended with.
template <typename F>
int each_row(sqlite3* db, const std::string& sql, F on_row) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    fail(sql + ": " + sqlite3_errmsg(db));
    return SQLITE_ERROR;
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); ++i)
      if (sqlite3_column_type(st, i) == SQLITE_TEXT &&
          !valid_utf8(sqlite3_column_text(st, i), sqlite3_column_bytes(st, i)))
        fail(sql + ": a TEXT value that is not UTF-8 or holds NUL, column " + std::to_string(i));
    on_row(st);
  }
  sqlite3_finalize(st);
  return rc;
}

std::string text(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

void write_atomically(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp, std::ios::binary) << content;
  std::rename(tmp.c_str(), path.c_str());
}

// The file content of version v: every column that the readers check says v.
std::string content(long v) {
  return "---\ntitle: v" + std::to_string(v) + "\nquality: " + std::to_string(v) + "\ntopics: [t" +
         std::to_string(v) + "]\n---\nbody v" + std::to_string(v) + "\n";
}

int soak(const std::string& module, const std::string& dir, int seconds) {
  const int kFiles = 200;
  ::mkdir(dir.c_str(), 0755);
  for (int f = 0; f < 4; ++f) ::mkdir((dir + "/f" + std::to_string(f)).c_str(), 0755);
  auto name = [&](int i) {
    return dir + "/f" + std::to_string(i % 4) + "/a" + std::to_string(i) + ".md";
  };
  for (int i = 0; i < kFiles; ++i) write_atomically(name(i), content(0));
  std::atomic<long> version{0};  // the newest version written: every state on disk is <= it
  std::atomic<bool> stop{false};
  std::atomic<long> rows{0}, scans{0};

  std::thread writer([&] {
    std::mt19937 rng(7);
    while (!stop) {
      const int i = static_cast<int>(rng() % kFiles);
      const long v = ++version;
      switch (rng() % 4) {
        case 0:
        case 1:
          write_atomically(name(i), content(v));  // an edit, by rename over the old file
          break;
        case 2:
          std::remove(name(i).c_str());  // deleted, restored by a later edit
          break;
        default:  // renamed away and back
          std::rename(name(i).c_str(), (name(i) + ".moved").c_str());
          std::rename((name(i) + ".moved").c_str(), name(i).c_str());
      }
    }
  });

  auto check_row = [&](sqlite3_stmt* st) {
    ++rows;
    const std::string path = text(st, 0), title = text(st, 1), body = text(st, 3);
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
      const std::string error = text(st, 4);
      if (error != "the file vanished before it could be read")
        fail(path + ": unexpected error: " + error);
      return;
    }
    const long q = sqlite3_column_int64(st, 2);
    const std::string v = "v" + std::to_string(q);
    if (title != v || body != "body " + v + "\n" || q > version.load())
      fail(path + ": a state the file was never in: " + title + " / " + body);
  };

  std::vector<std::thread> readers;
  for (int r = 0; r < 8; ++r) {
    readers.emplace_back([&, r] {
      sqlite3* db = open_with_module(module);
      const std::string root = "'" + dir + "'";
      each_row(db, "CREATE VIRTUAL TABLE temp.one USING articles(root=" + root + ", threads=1)",
               [](sqlite3_stmt*) {});
      each_row(db, "CREATE VIRTUAL TABLE temp.four USING articles(root=" + root + ", threads=4)",
               [](sqlite3_stmt*) {});
      std::mt19937 rng(static_cast<unsigned>(r));
      for (int turn = 0; !stop; ++turn) {
        const char* table = turn % 2 ? "one" : "four";
        int rc = each_row(db,
                          std::string("SELECT path, title, quality, body, error FROM ") + table +
                              " WHERE path NOT LIKE '%.tmp' AND path NOT LIKE '%.moved'",
                          check_row);
        if (rc != SQLITE_DONE) fail(std::string("scan: ") + sqlite3_errmsg(db));
        const std::string one =
            "f" + std::to_string(rng() % 4) + "/a" + std::to_string(rng() % kFiles) + ".md";
        each_row(db, "SELECT path, title, quality, body, error FROM one WHERE path = '" + one + "'",
                 check_row);
        each_row(db,
                 "SELECT a.path, f.value FROM articles(" + root + ") a JOIN article_fields(" +
                     root + ") f USING (path) WHERE f.key = 'topics' AND a.error IS NULL",
                 [&](sqlite3_stmt*) {});
        if (turn % 16 == 0) each_row(db, "SELECT articles_cache_clear()", [](sqlite3_stmt*) {});
        ++scans;
      }
      sqlite3_close(db);
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  writer.join();
  for (auto& t : readers) t.join();

  // The writer has stopped: a scan shows exactly what is on disk.
  sqlite3* db = open_with_module(module);
  long on_disk = 0, listed = 0;
  for (int i = 0; i < kFiles; ++i) on_disk += ::access(name(i).c_str(), F_OK) == 0;
  each_row(db, "SELECT path, title, quality, body, error FROM articles('" + dir + "')",
           [&](sqlite3_stmt* st) {
             ++listed;
             if (sqlite3_column_type(st, 4) != SQLITE_NULL) fail("final: " + text(st, 4));
             std::ifstream in(dir + "/" + text(st, 0), std::ios::binary);
             std::string disk((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
             if (disk != content(sqlite3_column_int64(st, 2)))
               fail("final: " + text(st, 0) + " differs from the file");
           });
  if (listed != on_disk)
    fail("final: " + std::to_string(listed) + " rows for " + std::to_string(on_disk) + " files");
  sqlite3_close(db);
  std::printf("soak: %ld scans, %ld rows checked, %ld writes in %d s\n", scans.load(), rows.load(),
              version.load(), seconds);
  return g_failures ? 1 : 0;
}

int interrupt(const std::string& module, const std::string& dir) {
  const int kFiles = 100000;
  ::mkdir(dir.c_str(), 0755);
  for (int f = 0; f < 100; ++f) ::mkdir((dir + "/f" + std::to_string(f)).c_str(), 0755);
  for (int i = 0; i < kFiles; ++i) {
    std::ofstream out(dir + "/f" + std::to_string(i % 100) + "/a" + std::to_string(i) + ".md");
    out << "---\ntitle: T" << i << "\nquality: 1\n---\nBody\n";
  }
  sqlite3* db = open_with_module(module);
  std::atomic<long> seen{0};
  std::atomic<bool> interrupted{false}, done{false};
  std::thread stopper([&] {
    while (seen < 1000 && !done) std::this_thread::yield();
    sqlite3_interrupt(db);  // as Ctrl-C in the shell does, from another thread
    interrupted = true;
  });
  long after = 0;
  int rc = each_row(db, "SELECT title FROM articles('" + dir + "')", [&](sqlite3_stmt*) {
    ++seen;
    if (interrupted) ++after;
  });
  done = true;
  stopper.join();
  if (rc != SQLITE_INTERRUPT)
    fail("the interrupted scan ended with " + std::to_string(rc) + ", not SQLITE_INTERRUPT");
  // Prompt: the statement stops at its next step, whatever the workers had read ahead.
  if (after > 1) fail("rows after the interrupt: " + std::to_string(after));
  if (seen >= kFiles) fail("the scan ran to its end");
  long count = 0;
  each_row(db, "SELECT count(*) FROM articles('" + dir + "')",
           [&](sqlite3_stmt* st) { count = sqlite3_column_int64(st, 0); });
  if (count != kFiles) fail("after the interrupt, count(*) = " + std::to_string(count));
  std::printf("interrupt: stopped after %ld of %d rows\n", seen.load(), kFiles);
  // Regression: tables that pass over files without rows (no `related` list, no link) ran on to
  // the end of the folder after sqlite3_interrupt, inside one callback.
  sqlite3* watcher = open_with_module(module);  // sees the process-wide cache's parses
  auto parses = [&] {
    long n = 0;
    each_row(watcher, "SELECT json_extract(articles_cache_stats(), '$.parses')",
             [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); });
    return n;
  };
  for (const char* table : {"article_related", "article_links", "article_fields"}) {
    const std::string sql = std::string("SELECT count(*) FROM ") + table + "('" + dir + "')" +
                            (std::string(table) == "article_fields" ? " WHERE type = 'none'" : "");
    long at_interrupt = 0;
    std::atomic<bool> finished{false};
    const long start = parses();
    std::thread stop([&] {
      while (!finished && parses() < start + 2000) std::this_thread::yield();
      at_interrupt = parses();
      sqlite3_interrupt(db);
    });
    long result = -1;
    int code = each_row(db, sql, [&](sqlite3_stmt* st) { result = sqlite3_column_int64(st, 0); });
    finished = true;
    stop.join();
    const long parsed_after = parses() - at_interrupt;
    if (code != SQLITE_INTERRUPT)
      fail(std::string(table) + ": ended with " + std::to_string(code) + " (count " +
           std::to_string(result) + "), not SQLITE_INTERRUPT");
    if (parsed_after > 5000)
      fail(std::string(table) + ": " + std::to_string(parsed_after) +
           " files parsed after the interrupt");
    std::printf("interrupt: %s parsed %ld files after the interrupt\n", table, parsed_after);
    sqlite3_exec(db, "SELECT articles_cache_clear()", nullptr, nullptr, nullptr);
  }
  sqlite3_close(watcher);
  sqlite3_close(db);
  return g_failures ? 1 : 0;
}

// The entries below `dir` that must each be a row or a counted skip: everything but folders
// that are walked (a hidden folder is one skipped entry; so is a folder that cannot be read).
long count_entries(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 1;
  long n = 0;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = dir + "/" + name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    n += name[0] != '.' && S_ISDIR(st.st_mode) ? count_entries(path) : 1;
  }
  ::closedir(d);
  return n;
}

int check(const std::string& module, const std::string& dir) {
  sqlite3* db = open_with_module(module);
  long rows = 0;
  for (const char* table :
       {"articles", "article_related", "article_fields", "article_links", "article_paragraphs"}) {
    long n = 0;
    int rc = each_row(db, std::string("SELECT * FROM ") + table + "('" + dir + "')",
                      [&](sqlite3_stmt*) { ++n; });
    if (rc != SQLITE_DONE) fail(std::string(table) + ": " + sqlite3_errmsg(db));
    if (std::string(table) == "articles") rows = n;
  }
  each_row(db, "SELECT count(*) FROM articles('" + dir + "')", [](sqlite3_stmt*) {});
  long skipped = -1;
  each_row(db, "SELECT sum(value) FROM json_each(articles_last_scan(), '$.skipped')",
           [&](sqlite3_stmt* st) { skipped = sqlite3_column_int64(st, 0); });
  const long entries = count_entries(dir);
  if (rows + skipped != entries)
    fail(std::to_string(rows) + " rows + " + std::to_string(skipped) + " skips for " +
         std::to_string(entries) + " entries");
  sqlite3_close(db);
  std::printf("check: %ld rows + %ld counted skips = %ld entries\n", rows, skipped, entries);
  return g_failures ? 1 : 0;
}

}  // namespace

// A second SQLite library in the process (a copy of libsqlite3 under another name, loaded
// apart, as two bindings in one Python or Node process bring): the module loads into the first,
// and loading it into the second must fail with a clear error, never a crash.
int two_libraries(const std::string& module, const std::string& dir) {
  Dl_info info{};
  if (!::dladdr(reinterpret_cast<void*>(&sqlite3_open), &info) || !info.dli_fname) {
    fail("cannot find the SQLite library");
    return 1;
  }
  ::mkdir(dir.c_str(), 0755);
  const std::string copy = dir + "/libsqlite3-second.so";
  {
    std::ifstream in(info.dli_fname, std::ios::binary);
    std::ofstream out(copy, std::ios::binary);
    out << in.rdbuf();
  }
  void* second = ::dlopen(copy.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!second) {
    fail(std::string("cannot load a second SQLite library: ") + ::dlerror());
    return 1;
  }
  using Open = int (*)(const char*, sqlite3**);
  using Enable = int (*)(sqlite3*, int);
  using Load = int (*)(sqlite3*, const char*, const char*, char**);
  using Close = int (*)(sqlite3*);
  using Free = void (*)(void*);
  auto open2 = reinterpret_cast<Open>(::dlsym(second, "sqlite3_open"));
  auto enable2 = reinterpret_cast<Enable>(::dlsym(second, "sqlite3_enable_load_extension"));
  auto load2 = reinterpret_cast<Load>(::dlsym(second, "sqlite3_load_extension"));
  auto close2 = reinterpret_cast<Close>(::dlsym(second, "sqlite3_close"));
  auto free2 = reinterpret_cast<Free>(::dlsym(second, "sqlite3_free"));
  if (!open2 || !enable2 || !load2 || !close2 || !free2 ||
      reinterpret_cast<void*>(open2) == reinterpret_cast<void*>(&sqlite3_open)) {
    fail("the second SQLite library is not a library of its own");
    return 1;
  }
  sqlite3* first = open_with_module(module);
  long rows = 0;
  each_row(first, "SELECT count(*) FROM articles('examples/articles')",
           [&](sqlite3_stmt* st) { rows = sqlite3_column_int64(st, 0); });
  if (rows == 0) fail("the first library's connection reads no article");
  sqlite3* other = nullptr;
  if (open2(":memory:", &other) != SQLITE_OK) fail("the second library opens no connection");
  enable2(other, 1);
  char* err = nullptr;
  const int rc = load2(other, module.c_str(), nullptr, &err);
  const std::string message = err ? err : "";
  free2(err);
  // The module's routines are the first library's: on the second library's connection they
  // would corrupt both (a crash where the two are different builds).
  if (rc == SQLITE_OK)
    fail("the module loaded into a second SQLite library with the first library's routines");
  else if (message.find("another SQLite library") == std::string::npos)
    fail("the second load failed without saying why: " + message);
  // The way out the message names: a copy of the module under another name is a module of its
  // own, and serves the second library.
  const std::string module_copy = dir + "/articles_second.so";
  {
    std::ifstream in(module, std::ios::binary);
    std::ofstream out(module_copy, std::ios::binary);
    out << in.rdbuf();
  }
  err = nullptr;
  if (load2(other, module_copy.c_str(), "sqlite3_articles_init", &err) != SQLITE_OK)
    fail("a copy of the module does not load into the second library: " +
         std::string(err ? err : ""));
  free2(err);
  auto exec2 = reinterpret_cast<int (*)(sqlite3*, const char*, int (*)(void*, int, char**, char**),
                                        void*, char**)>(::dlsym(second, "sqlite3_exec"));
  long rows2 = 0;
  err = nullptr;
  if (exec2(
          other, "SELECT count(*) FROM articles('examples/articles')",
          [](void* n, int, char** v, char**) {
            *static_cast<long*>(n) = std::atol(v[0]);
            return 0;
          },
          &rows2, &err) != SQLITE_OK ||
      rows2 != rows)
    fail("the copy in the second library reads " + std::to_string(rows2) +
         " articles: " + std::string(err ? err : ""));
  free2(err);
  close2(other);
  each_row(first, "SELECT count(*) FROM articles('examples/articles')",
           [&](sqlite3_stmt* st) { rows = sqlite3_column_int64(st, 0); });
  sqlite3_close(first);
  std::printf("two libraries: the second load: %s\n", message.c_str());
  ::unlink(copy.c_str());
  ::unlink(module_copy.c_str());
  return g_failures ? 1 : 0;
}

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "soak" && argc == 5) return soak(argv[2], argv[3], std::atoi(argv[4]));
  if (mode == "interrupt" && argc == 4) return interrupt(argv[2], argv[3]);
  if (mode == "check" && argc == 4) return check(argv[2], argv[3]);
  if (mode == "two_libraries" && argc == 4) return two_libraries(argv[2], argv[3]);
  std::fprintf(stderr,
               "usage: host soak MODULE DIR SECONDS | host interrupt MODULE DIR | "
               "host check MODULE DIR | host two_libraries MODULE DIR\n");
  return 2;
}
