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
//   host persistent MODULE DIR
//     The persistent cache file across processes (each a fork that loads the module anew):
//     a second process parses nothing; a changed, deleted, renamed file, a file replaced by a
//     folder, other parse options and another build of the module are parsed again; two
//     processes fill one file at once, one reads while another writes; a truncated, corrupt,
//     foreign, read-only, locked file and a full disk (a VFS that fails writes) never fail a
//     query nor change a row. Every row is compared with a scan without the cache.
//   host check MODULE DIR
//     Every column of every table over DIR (a folder of hostile files): no TEXT value is invalid
//     UTF-8 or holds a NUL, and nothing is lost: rows plus counted skips equal the entries that
//     an independent walk of DIR finds.
// Exit status 0 when every check holds; each failure is printed.
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<int> g_failures{0};
std::mutex g_print;
// The 8 columns child_scan reads: by default those of a plain page's headline among them;
// kWithoutText reads none of what the reading of plain text gives (ParseOptions::read_text).
const char* const kWithText =
    "path, title, published_at, updated_at, word_count, related_count, quality, error";
const char* const kWithoutText =
    "path, word_count, related_count, quality, error, size, format, title_source";
const char* g_columns = kWithText;

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
  for (const char* table : {"articles", "article_related", "article_fields", "article_links",
                            "article_paragraphs", "article_sections"}) {
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

// ---- host persistent ----

// What one process saw: its rows (path, title, dates, counts, errors; one line a file, in path
// order) and the counters of articles_cache_stats().
struct Seen {
  std::string rows, problem;
  long parses = -1, restored = -1, written = -1, rejected = -1, failures = -1;
  int status = -1;  // the child's exit status: 0 when every statement succeeded
};

// A VFS that fails every write once `g_write_budget` bytes have been written: a full disk.
sqlite3_vfs g_full_vfs;
sqlite3_vfs* g_real_vfs = nullptr;
long g_write_budget = 0;
std::map<const sqlite3_io_methods*, sqlite3_io_methods> g_full_methods;  // per real methods
std::map<const sqlite3_io_methods*, const sqlite3_io_methods*> g_real_methods;

int full_write(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
  if (g_write_budget < n) return SQLITE_FULL;
  g_write_budget -= n;
  return g_real_methods.at(f->pMethods)->xWrite(f, data, n, offset);
}

int full_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out) {
  const int rc = g_real_vfs->xOpen(g_real_vfs, name, f, flags, out);
  if (rc == SQLITE_OK && f->pMethods) {
    const sqlite3_io_methods* real = f->pMethods;
    if (!g_full_methods.count(real)) {
      sqlite3_io_methods m = *real;
      m.xWrite = full_write;
      g_full_methods[real] = m;
      g_real_methods[&g_full_methods[real]] = real;
    }
    f->pMethods = &g_full_methods[real];
  }
  return rc;
}

void install_full_disk(long budget) {
  g_real_vfs = sqlite3_vfs_find(nullptr);
  g_full_vfs = *g_real_vfs;
  g_full_vfs.zName = "full-disk";
  g_full_vfs.xOpen = full_open;
  g_write_budget = budget;
  sqlite3_vfs_register(&g_full_vfs, 1);
}

long json_number(sqlite3* db, const char* path) {
  long v = -1;
  each_row(db, std::string("SELECT articles_cache_stats() ->> '") + path + "'",
           [&](sqlite3_stmt* st) { v = sqlite3_column_int64(st, 0); });
  return v;
}

// In a child process: loads the module, scans `dir` through a table with the options
// `options` (the cache file among them, or not), and writes what it saw to `fd`.
void child_scan(const std::string& module, const std::string& dir, const std::string& options,
                int fd) {
  sqlite3* db = open_with_module(module);
  int bad = 0;
  const std::string create = "CREATE VIRTUAL TABLE temp.t USING articles(root='" + dir + "'" +
                             (options.empty() ? "" : ", " + options) + ")";
  if (sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail(create + ": " + sqlite3_errmsg(db));
    ++bad;
  }
  std::string rows;
  const int rc = each_row(db, "SELECT " + std::string(g_columns) + " FROM t ORDER BY path",
                          [&](sqlite3_stmt* st) {
                            for (int i = 0; i < 8; ++i) rows += text(st, i) + "|";
                            rows += "\n";
                          });
  if (rc != SQLITE_DONE) {
    fail(std::string("the scan failed: ") + sqlite3_errmsg(db));
    ++bad;
  }
  std::string problem;
  each_row(db, "SELECT articles_cache_stats() ->> '$.persistent.problem'",
           [&](sqlite3_stmt* st) { problem = text(st, 0); });
  sqlite3_exec(db, "DROP TABLE temp.t", nullptr, nullptr, nullptr);  // writes what is queued
  const std::string out = std::to_string(json_number(db, "$.parses")) + " " +
                          std::to_string(json_number(db, "$.persistent.restored")) + " " +
                          std::to_string(json_number(db, "$.persistent.written")) + " " +
                          std::to_string(json_number(db, "$.persistent.rejected")) + " " +
                          std::to_string(json_number(db, "$.persistent.failures")) + "\n" +
                          problem + "\n" + rows;
  sqlite3_close(db);
  for (std::size_t done = 0; done < out.size();) {
    const ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  std::_Exit(bad || g_failures ? 1 : 0);
}

// A running child: its pid and the pipe it writes to.
struct Child {
  pid_t pid;
  int fd;
};

// Forks a process that runs child_scan; `before` runs in it first (a VFS, dropped rights).
template <typename F>
Child start_child(const std::string& module, const std::string& dir, const std::string& options,
                  F before) {
  int p[2];
  if (::pipe(p) != 0) std::exit(2);
  std::fflush(nullptr);  // nothing buffered is printed twice
  const pid_t pid = ::fork();
  if (pid == 0) {
    g_failures = 0;  // the child's own
    ::close(p[0]);
    before();
    child_scan(module, dir, options, p[1]);
  }
  ::close(p[1]);
  return Child{pid, p[0]};
}

Seen finish(Child c) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(c.fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(c.fd);
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  Seen s;
  s.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const std::size_t line1 = out.find('\n');
  const std::size_t line2 = line1 == std::string::npos ? line1 : out.find('\n', line1 + 1);
  if (line2 == std::string::npos) return s;
  std::sscanf(out.c_str(), "%ld %ld %ld %ld %ld", &s.parses, &s.restored, &s.written, &s.rejected,
              &s.failures);
  s.problem = out.substr(line1 + 1, line2 - line1 - 1);
  s.rows = out.substr(line2 + 1);
  return s;
}

Seen run_child(const std::string& module, const std::string& dir, const std::string& options) {
  return finish(start_child(module, dir, options, [] {}));
}

// One case: a process over `dir` with the cache file `cache` and `more` options must give the
// rows of a process without it, and the counters asked (-1: not checked).
Seen expect(const std::string& what, const std::string& module, const std::string& dir,
            const std::string& cache, long parses, long restored, long failures = 0,
            const std::string& more = "") {
  const Seen plain = run_child(module, dir, "cache=''" + (more.empty() ? "" : ", " + more));
  const Seen s =
      run_child(module, dir, "cache='" + cache + "'" + (more.empty() ? "" : ", " + more));
  auto check = [&](const char* name, long got, long want) {
    if (want >= 0 && got != want)
      fail(what + ": " + name + " " + std::to_string(got) + ", expected " + std::to_string(want) +
           (s.problem.empty() ? "" : " (" + s.problem + ")"));
  };
  if (s.status != 0) fail(what + ": the process failed");
  if (s.rows != plain.rows || s.rows.empty())
    fail(what + ": rows differ from a scan without the cache");
  check("parses", s.parses, parses);
  check("restored", s.restored, restored);
  check("failures", s.failures, failures);
  std::printf("%s: parses %ld, restored %ld, written %ld, failures %ld%s\n", what.c_str(), s.parses,
              s.restored, s.written, s.failures,
              s.problem.empty() ? "" : (" (" + s.problem + ")").c_str());
  return s;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A copy of the module as `folder`/articles.so (its entry point keeps its name), readable by
// all; with `same_times`, it keeps the module's times, so that it is the same build to a cache
// file; without, it is another build.
std::string copy_module(const std::string& module, const std::string& folder, bool same_times) {
  ::mkdir(folder.c_str(), 0755);
  const std::string copy = folder + "/articles.so";
  { std::ofstream(copy, std::ios::binary) << read_all(module); }
  struct stat st {};
  if (same_times && ::stat(module.c_str(), &st) == 0) {
    const timespec times[2] = {st.st_atim, st.st_mtim};
    ::utimensat(AT_FDCWD, copy.c_str(), times, 0);
  }
  ::chmod(copy.c_str(), 0755);
  return copy;
}

int persistent(const std::string& module, const std::string& dir_arg) {
  // The folder and cache files go under a fresh folder anyone may read: one case runs as
  // `nobody`, for whom root's rights do not make a read-only file writable.
  char tmpl[] = "/tmp/articles-persistent-XXXXXX";
  if (!::mkdtemp(tmpl)) return 2;
  const std::string top = tmpl;
  ::chmod(top.c_str(), 0755);
  const std::string dir = top + "/" + dir_arg;
  ::mkdir(dir.c_str(), 0755);
  ::mkdir((dir + "/sub").c_str(), 0755);
  const int kFiles = 300;
  auto name_of = [&](int i) {
    return dir + (i % 3 ? "/" : "/sub/") + "f" + std::to_string(i) + (i % 2 ? ".md" : ".txt");
  };
  for (int i = 0; i < kFiles; ++i) {
    std::ofstream(name_of(i)) << (i % 2 ? content(i) + "# Heading " + std::to_string(i) + "\n"
                                        : "Menu\nHome\n\nA headline for page " + std::to_string(i) +
                                              "\n\nFirst paragraph of the article, long enough "
                                              "to read as prose in a page.\n");
  }
  // A name that is not UTF-8 is listed in the order of its repaired form (U+FFFD, EF BF BD),
  // here before U+FFFE (EF BF BE), while its bytes (FE) come after: both are restored all the
  // same, whichever order the stored rows are in.
  for (const char* name : {"/\xFE.md", "/\xEF\xBF\xBE.md"}) std::ofstream(dir + name) << content(3);
  ::usleep(300 * 1000);  // every file settled (docs/cache.md): stored, not provisional
  const std::string cache = top + "/cache.db";
  int n = kFiles + 2;

  expect("first process", module, dir, cache, n, 0);
  expect("second process", module, dir, cache, 0, n);

  write_atomically(dir + "/f1.md", content(1001));           // changed (a new inode, as editors do)
  std::ofstream(dir + "/f5.md", std::ios::app) << "more\n";  // changed in place
  ::unlink((dir + "/f7.md").c_str());                        // deleted
  ::rename((dir + "/f11.md").c_str(), (dir + "/renamed.md").c_str());
  ::unlink((dir + "/f13.md").c_str());  // replaced by a folder holding a file
  ::mkdir((dir + "/f13.md").c_str(), 0755);
  std::ofstream(dir + "/f13.md/inside.md") << content(13);
  ::usleep(300 * 1000);
  --n;
  expect("changed, deleted, renamed, replaced", module, dir, cache, 4, n - 4);
  expect("after the changes", module, dir, cache, 0, n);
  expect("other parse options", module, dir, cache, n, 0, 0, "max_yaml_values=5000");
  // A query without the columns of the plain-text reading: the rows made with it serve it.
  g_columns = kWithoutText;
  expect("without the headline columns", module, dir, cache, 0, n);
  // In a new file, its own rows: those of the plain pages (the even files, .txt) are made
  // without the reading, and a query of the title parses them again; those with front matter
  // parse the same either way and serve both.
  const std::string light = top + "/light.db";
  const int plain_pages = kFiles / 2;
  expect("without the headline columns, a new file", module, dir, light, n, 0);
  expect("without the headline columns, again", module, dir, light, 0, n);
  g_columns = kWithText;
  expect("with them, after", module, dir, light, plain_pages, n - plain_pages);
  expect("with them, again", module, dir, light, 0, n);
  g_columns = kWithoutText;
  expect("without them, after both", module, dir, light, 0, n);
  g_columns = kWithText;

  // Another build of the module (the same version, another file): the file is rebuilt.
  const std::string other = copy_module(module, top + "/other", false);
  expect("another build", other, dir, cache, n, 0);
  expect("another build again", other, dir, cache, 0, n);
  expect("back to this build", module, dir, cache, n, 0);

  // Two processes fill a new file at once; then a third parses nothing.
  const std::string shared = top + "/shared.db";
  Child a = start_child(module, dir, "cache='" + shared + "'", [] {});
  Child b = start_child(module, dir, "cache='" + shared + "'", [] {});
  for (Seen s : {finish(a), finish(b)})
    if (s.status != 0 || s.failures != 0) fail("two fillers: " + s.problem);
  expect("after two fillers", module, dir, shared, 0, n);

  // One process reads while another writes: every file changed, then a writer and readers.
  for (int i = 0; i < kFiles; i += 12) std::ofstream(name_of(i), std::ios::app) << "x\n";
  ::usleep(300 * 1000);
  Child writer = start_child(module, dir, "cache='" + shared + "'", [] {});
  for (int k = 0; k < 3; ++k) expect("reading while another writes", module, dir, shared, -1, -1);
  if (finish(writer).status != 0) fail("the writer failed");

  // Damage: every case gives the rows of a scan without the cache and no SQL error.
  const std::string truncated = top + "/truncated.db";
  run_child(module, dir, "cache='" + truncated + "'");
  ::truncate(truncated.c_str(), 3 * 4096);
  expect("truncated", module, dir, truncated, -1, -1, -1);
  expect("truncated, next time", module, dir, truncated, -1, -1, -1);
  expect("truncated, rebuilt", module, dir, truncated, 0, n, -1);

  const std::string corrupt = top + "/corrupt.db";
  run_child(module, dir, "cache='" + corrupt + "'");
  {
    std::string bytes = read_all(corrupt);
    for (std::size_t i = 4096; i < bytes.size(); i += 7)
      bytes[i] = static_cast<char>(bytes[i] ^ 0x55);
    std::ofstream(corrupt, std::ios::binary) << bytes;
  }
  expect("corrupt", module, dir, corrupt, -1, -1, -1);
  expect("corrupt, next time", module, dir, corrupt, -1, -1, -1);
  expect("corrupt, rebuilt", module, dir, corrupt, 0, n, -1);

  const std::string garbage = top + "/garbage.db";
  std::ofstream(garbage) << std::string(10000, 'g');
  expect("not a database", module, dir, garbage, n, 0, 1);
  if (read_all(garbage) != std::string(10000, 'g')) fail("not a database: the file was changed");

  const std::string foreign = top + "/foreign.db";
  {
    sqlite3* db = nullptr;
    sqlite3_open(foreign.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE mine(x); INSERT INTO mine VALUES (42)", nullptr, nullptr,
                 nullptr);
    sqlite3_close(db);
  }
  const std::string before = read_all(foreign);
  expect("another database", module, dir, foreign, n, 0, 1);
  if (read_all(foreign) != before) fail("another database: the file was changed");

  // Locked: another connection holds the write lock; reads go on, the write is skipped.
  {
    sqlite3* db = nullptr;
    sqlite3_open(shared.c_str(), &db);
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
      fail("cannot lock the cache file");
    expect("locked (a read)", module, dir, shared, 0, n);
    std::ofstream(name_of(3), std::ios::app) << "locked\n";
    ::usleep(300 * 1000);
    const Seen s = expect("locked (a write)", module, dir, shared, 1, n - 1);
    if (s.written != 0) fail("locked: written while another process held the lock");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    expect("unlocked", module, dir, shared, 1, n - 1);
    expect("unlocked, stored", module, dir, shared, 0, n);
  }

  // A full disk: writes fail past a budget; the scan's rows stay right.
  const std::string full = top + "/full.db";
  {
    const Seen plain = run_child(module, dir, "cache=''");
    const Seen s = finish(
        start_child(module, dir, "cache='" + full + "'", [] { install_full_disk(64 * 1024); }));
    if (s.status != 0 || s.rows != plain.rows) fail("full disk: rows differ or the query failed");
    if (s.failures < 1 || s.problem.find("full") == std::string::npos)
      fail("full disk: no failure reported: " + s.problem);
    std::printf("full disk: failures %ld (%s)\n", s.failures, s.problem.c_str());
  }

  // Read-only: a process that may not write the file (nor create files beside it) gives the
  // same rows, reading the file where SQLite can (docs/cache.md), else parsing.
  // `nobody` loads a copy of the module from the folder it can reach (the build tree may lie
  // where it cannot), with the module's times: the same build to the cache file.
  if (::geteuid() == 0) {
    for (const char* suffix : {"", "-wal", "-shm"}) ::chmod((shared + suffix).c_str(), 0644);
    const std::string reachable = copy_module(module, top + "/ro", true);
    const Seen plain = run_child(module, dir, "cache=''");
    const Seen s = finish(start_child(reachable, dir, "cache='" + shared + "'", [] {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) std::_Exit(3);
    }));
    if (s.status != 0 || s.rows != plain.rows) fail("read-only: rows differ or the query failed");
    std::printf("read-only: parses %ld, restored %ld, failures %ld (%s)\n", s.parses, s.restored,
                s.failures, s.problem.c_str());
  }
  if (!g_failures) std::system(("rm -rf " + top).c_str());
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
  if (mode == "persistent" && argc == 4) return persistent(argv[2], argv[3]);
  if (mode == "two_libraries" && argc == 4) return two_libraries(argv[2], argv[3]);
  std::fprintf(
      stderr,
      "usage: host soak MODULE DIR SECONDS | host interrupt MODULE DIR | "
      "host check MODULE DIR | host two_libraries MODULE DIR | host persistent MODULE DIR\n");
  return 2;
}
