#define BOOST_TEST_MODULE faults
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cache/loader.hpp"
#include "core/scan.hpp"
#include "core/sys.hpp"
#include "temp_dir.hpp"

// System calls that fail, at every site where the scanner lists a folder or reads a file:
// each injected failure has one documented outcome (a row error, a counted skip, a scan error,
// or nothing at all when the call can be retried). CI runs as root, where permissions never
// fail: injection stands in for them, and the real thing is tested when not root.

using namespace articles;
using sys::Site;

namespace {

// The fault to inject: the `nth` call (1-based, counted from install) at `site` whose name
// ends with `name` (any call when empty) fails with `error`; with `every`, each such call from
// then on does. `chunk` caps every read (short reads).
struct Fault {
  Site site = Site::ReadFile;
  int error = 0;
  std::string name;
  int nth = 1;
  bool every = false;
  std::size_t chunk = 0;
  int calls = 0;
  // Instead of failing, the matching call first rewrites this file with `content`.
  std::string rewrite, content;
};
Fault g_fault;

bool ends_with(const char* s, const std::string& suffix) {
  if (suffix.empty()) return true;
  const std::string str = s ? s : "";
  return str.size() >= suffix.size() &&
         str.compare(str.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int inject(Site site, const char* name, std::size_t* max_bytes) {
  if (site == Site::ReadFile && g_fault.chunk) *max_bytes = g_fault.chunk;
  if (site != g_fault.site || g_fault.error == 0 || !ends_with(name, g_fault.name)) return 0;
  ++g_fault.calls;
  if (!g_fault.rewrite.empty()) {
    if (g_fault.calls == g_fault.nth || (g_fault.every && g_fault.calls > g_fault.nth))
      std::ofstream(g_fault.rewrite, std::ios::binary | std::ios::trunc)
          << g_fault.content << g_fault.calls;
    return 0;
  }
  return g_fault.calls == g_fault.nth || (g_fault.every && g_fault.calls > g_fault.nth)
             ? g_fault.error
             : 0;
}

// Installs a fault for the lifetime of the object.
struct Injected {
  explicit Injected(Fault f) {
    g_fault = f;
    sys::set_fault_hook(inject);
  }
  ~Injected() { sys::set_fault_hook(nullptr); }
};

Fault fault(Site site, int error, const std::string& name = "", int nth = 1, bool every = false) {
  Fault f;
  f.site = site;
  f.error = error;
  f.name = name;
  f.nth = nth;
  f.every = every;
  return f;
}

// a.md in the root and sub/b.md below it.
struct TempDir : testing::TempDir {
  TempDir() {
    mkdir("sub");
    write("a.md", "---\ntitle: A\n---\nBody of a\n");
    write("sub/b.md", "Title b\n\nBody of b, long enough to need several short reads.\n");
  }
};

std::string scan_error(const std::string& root) {
  try {
    list_directory(root, {});
  } catch (const ScanError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

// ---- Reading a file: every failure is the row's error; EINTR and short reads lose nothing.

BOOST_AUTO_TEST_CASE(eintr_on_read_is_retried) {
  TempDir d;
  Injected on(fault(Site::ReadFile, EINTR));
  FileBytes f = read_file(d.path, "a.md", 1000);
  BOOST_TEST(f.ok);
  BOOST_TEST(f.bytes == "---\ntitle: A\n---\nBody of a\n");
  BOOST_TEST(g_fault.calls >= 2);
}

BOOST_AUTO_TEST_CASE(short_reads_are_completed) {
  TempDir d;
  Fault f;
  f.chunk = 3;
  Injected on(f);
  FileBytes r = read_file(d.path, "sub/b.md", 1000);
  BOOST_TEST(r.ok);
  BOOST_TEST(r.bytes == "Title b\n\nBody of b, long enough to need several short reads.\n");
}

BOOST_AUTO_TEST_CASE(eio_on_read_is_the_row_error) {
  TempDir d;
  Injected on(fault(Site::ReadFile, EIO));
  FileBytes f = read_file(d.path, "a.md", 1000);
  BOOST_TEST(!f.ok);
  BOOST_TEST(f.bytes.empty());
  BOOST_TEST(f.error == "read error: Input/output error");
}

BOOST_AUTO_TEST_CASE(eio_after_a_first_chunk_is_the_row_error_too) {
  TempDir d;
  Fault f = fault(Site::ReadFile, EIO, "", 2);
  f.chunk = 4;
  Injected on(f);
  FileBytes r = read_file(d.path, "a.md", 1000);
  BOOST_TEST(!r.ok);
  BOOST_TEST(r.error == "read error: Input/output error");
}

// A file rewritten or truncated in place while it is being read: the bytes would mix two
// states, so it is read again; a file that never holds still is an error, never a mix.
BOOST_AUTO_TEST_CASE(a_file_rewritten_while_being_read_is_read_again) {
  TempDir d;
  d.write("long.md", std::string(100, 'A'));
  Fault f = fault(Site::ReadFile, EIO, "", 2);  // before the second chunk of the first read
  f.chunk = 10;
  f.rewrite = d.path + "/long.md";
  f.content = "shorter ";
  Injected on(f);
  FileBytes r = read_file(d.path, "long.md", 1000);
  BOOST_TEST(r.ok);
  BOOST_TEST(r.bytes == "shorter 2");
  struct stat st;
  BOOST_REQUIRE(::stat((d.path + "/long.md").c_str(), &st) == 0);
  BOOST_TEST(r.stamp.size == static_cast<std::int64_t>(st.st_size));
}

// A scan stats each file once when it lists it; reading it then looks at the descriptor once,
// after the read (a read of an unlisted file looks before and after).
BOOST_AUTO_TEST_CASE(a_listed_file_is_looked_at_once_after_its_read) {
  TempDir d;
  Listing l = list_directory(d.path, {});
  BOOST_REQUIRE(l.entries.size() == 2u);
  const Entry& a = l.entries[0].path == "a.md" ? l.entries[0] : l.entries[1];
  const FileStamp listed = a.stamp();
  Injected on(fault(Site::StatFile, EIO, "", 100));  // counts, never fails
  FileBytes f = read_file(d.path, a.raw_path, 1000, false, &listed);
  BOOST_TEST(f.ok);
  BOOST_TEST(f.bytes == "---\ntitle: A\n---\nBody of a\n");
  BOOST_TEST((f.stamp == listed));
  BOOST_TEST(g_fault.calls == 1);
  BOOST_TEST(read_file(d.path, "a.md", 1000).ok);
  BOOST_TEST(g_fault.calls == 3);
}

// A listing stats only the files it keeps: a folder, and a file the pattern or a binary
// extension leaves out, are settled by the type the folder gives for them.
BOOST_AUTO_TEST_CASE(a_listing_stats_only_the_files_it_keeps) {
  TempDir d;
  d.write("picture.png", "not text");
  d.write("sub/notes.txt", "Notes\n");
  {
    Injected on(fault(Site::StatEntry, EIO, "", 100));  // counts, never fails
    Listing l = list_directory(d.path, {});
    BOOST_TEST(l.entries.size() == 3u);  // a.md, sub/b.md, sub/notes.txt
    BOOST_TEST(l.skipped.not_text == 1);
    BOOST_TEST(g_fault.calls == 3);
  }
  {
    Injected on(fault(Site::StatEntry, EIO, "", 100));
    ScanOptions o;
    o.pattern = "*.md";
    Listing l = list_directory(d.path, o);
    BOOST_TEST(l.entries.size() == 2u);
    BOOST_TEST(l.skipped.pattern == 2);  // picture.png, sub/notes.txt
    BOOST_TEST(g_fault.calls == 2);
  }
}

BOOST_AUTO_TEST_CASE(a_file_changed_since_it_was_listed_is_read_in_its_new_state) {
  TempDir d;
  Listing l = list_directory(d.path, {});
  const Entry& a = l.entries[0].path == "a.md" ? l.entries[0] : l.entries[1];
  const FileStamp listed = a.stamp();
  d.write("a.md", "---\ntitle: Longer now\n---\nA body that grew since the listing\n");
  FileBytes f = read_file(d.path, a.raw_path, 1000, false, &listed);
  BOOST_TEST(f.ok);
  BOOST_TEST(f.bytes == "---\ntitle: Longer now\n---\nA body that grew since the listing\n");
  struct stat st;
  BOOST_REQUIRE(::stat((d.path + "/a.md").c_str(), &st) == 0);
  BOOST_TEST(f.stamp.size == static_cast<std::int64_t>(st.st_size));
  BOOST_TEST(!(f.stamp == listed));
  // Replaced by a folder since it was listed: not a regular file, never read as one.
  ::unlink((d.path + "/a.md").c_str());
  ::mkdir((d.path + "/a.md").c_str(), 0755);
  FileBytes g = read_file(d.path, a.raw_path, 1000, false, &listed);
  BOOST_TEST(!g.ok);
  BOOST_TEST(g.bytes.empty());
}

BOOST_AUTO_TEST_CASE(a_file_that_keeps_changing_is_an_error) {
  TempDir d;
  d.write("busy.md", std::string(100, 'A'));
  Fault f = fault(Site::ReadFile, EIO, "", 1, true);
  f.chunk = 10;
  f.rewrite = d.path + "/busy.md";
  f.content = std::string(50, 'B');
  Injected on(f);
  FileBytes r = read_file(d.path, "busy.md", 1000);
  BOOST_TEST(!r.ok);
  BOOST_TEST(r.error == "the file kept changing while it was being read: not read");
  BOOST_TEST(r.bytes.empty());
}

BOOST_AUTO_TEST_CASE(emfile_and_eacces_on_open_are_row_errors) {
  TempDir d;
  {
    Injected on(fault(Site::OpenFile, EMFILE));
    BOOST_TEST(read_file(d.path, "a.md", 1000).error ==
               "cannot open the file: Too many open files");
  }
  {
    Injected on(fault(Site::OpenFile, EACCES));  // an unreadable file, as root sees none
    BOOST_TEST(read_file(d.path, "a.md", 1000).error == "cannot open the file: Permission denied");
  }
  BOOST_TEST(read_file(d.path, "a.md", 1000).ok);  // nothing sticks once the fault is gone
}

BOOST_AUTO_TEST_CASE(eio_on_fstat_is_the_row_error) {
  TempDir d;
  Injected on(fault(Site::StatFile, EIO));
  BOOST_TEST(read_file(d.path, "a.md", 1000).error == "cannot stat the file: Input/output error");
}

BOOST_AUTO_TEST_CASE(a_failed_read_is_not_cached) {
  TempDir d;
  Listing l = list_directory(d.path, {});
  BOOST_REQUIRE(l.entries.size() == 2u);
  ArticleCache cache;
  LoadCounts counts;
  std::string error;
  {
    Injected on(fault(Site::ReadFile, EIO));
    BOOST_TEST(!load_article(cache, Root::open(d.path), l.entries[0], 1000, {}, Need::Article,
                             &error, counts));
    BOOST_TEST(error == "read error: Input/output error");
  }
  auto a = load_article(cache, Root::open(d.path), l.entries[0], 1000, {}, Need::Article, &error,
                        counts);
  BOOST_REQUIRE(a);
  BOOST_TEST(a.article->title.value() == "A");
  BOOST_TEST(cache.stats().parses == 1);
}

BOOST_AUTO_TEST_CASE(prefetch_workers_report_a_failure_on_its_row_and_go_on) {
  TempDir d;
  Listing l = list_directory(d.path, {});
  ArticleCache cache;
  LoadCounts counts;
  std::string error;
  Injected on(fault(Site::OpenFile, EMFILE, "", 1, true));
  Prefetcher p(cache, Root::open(d.path), l.entries, 1000, {}, Need::Article, 2, 4, counts);
  BOOST_TEST(!p.take(0, &error));
  BOOST_TEST(error == "cannot open the file: Too many open files");
  BOOST_TEST(!p.take(1, &error));
}

// ---- Listing a folder: permissions and deletions are counted skips; anything else that would
// lose entries silently stops the scan with an error naming the folder.

BOOST_AUTO_TEST_CASE(an_unreadable_subfolder_is_skipped_and_counted) {
  TempDir d;
  Injected on(fault(Site::OpenFolder, EACCES, "sub"));
  Listing l = list_directory(d.path, {});
  BOOST_REQUIRE(l.entries.size() == 1u);
  BOOST_TEST(l.entries[0].path == "a.md");
  BOOST_TEST(l.skipped.unreadable_dir == 1);
}

BOOST_AUTO_TEST_CASE(a_folder_that_can_be_listed_but_not_searched_is_counted) {
  TempDir d;
  Injected on(fault(Site::StatEntry, EACCES, "b.md"));
  Listing l = list_directory(d.path, {});
  BOOST_TEST(l.entries.size() == 1u);
  BOOST_TEST(l.skipped.unreadable_dir == 1);
}

BOOST_AUTO_TEST_CASE(an_entry_deleted_after_readdir_is_counted_as_vanished) {
  TempDir d;
  Injected on(fault(Site::StatEntry, ENOENT, "a.md"));
  Listing l = list_directory(d.path, {});
  BOOST_TEST(l.skipped.vanished == 1);
  BOOST_TEST(l.entries.size() + static_cast<std::size_t>(l.skipped.vanished) == 2u);
}

BOOST_AUTO_TEST_CASE(system_errors_while_listing_are_scan_errors) {
  TempDir d;
  {
    Injected on(fault(Site::OpenFolder, EMFILE, "sub"));
    BOOST_TEST(scan_error(d.path) == "cannot open folder 'sub': Too many open files");
  }
  {
    Injected on(fault(Site::OpenFolder, EMFILE, d.path));
    BOOST_TEST(scan_error(d.path) == "root '" + d.path + "' cannot be read: Too many open files");
  }
  {
    Injected on(fault(Site::ReadFolder, EIO));
    BOOST_TEST(scan_error(d.path) == "cannot read folder '.': Input/output error");
  }
  {
    Injected on(fault(Site::StatEntry, EIO, "a.md"));
    BOOST_TEST(scan_error(d.path) == "cannot read folder '.': Input/output error");
  }
  {
    Injected on(fault(Site::StatEntry, EIO, "b.md"));
    BOOST_TEST(scan_error(d.path) == "cannot read folder 'sub': Input/output error");
  }
  {
    Injected on(fault(Site::OpenFolder, EACCES, "", 2));  // fdopendir on the root itself
    BOOST_TEST(scan_error(d.path) == "cannot read folder '.': Permission denied");
  }
  BOOST_TEST(scan_error(d.path) == "no error");
}

BOOST_AUTO_TEST_CASE(lookup_by_path_sees_a_failing_open_as_no_row) {
  TempDir d;
  std::optional<Entry> found;
  {
    Injected on(fault(Site::OpenFolder, EACCES, "sub"));
    BOOST_TEST(lookup_entry(Root::open(d.path), "sub/b.md", {}, &found));
    BOOST_TEST(!found);
  }
  BOOST_TEST(lookup_entry(Root::open(d.path), "sub/b.md", {}, &found));
  BOOST_TEST(found.has_value());
}

// ---- Real permissions, where the test does not run as root.

BOOST_AUTO_TEST_CASE(real_unreadable_file_and_folder) {
  if (::geteuid() == 0) {
    BOOST_TEST_MESSAGE("running as root: permissions never fail; the injected cases cover it");
    return;
  }
  TempDir d;
  ::chmod((d.path + "/a.md").c_str(), 0);
  ::chmod((d.path + "/sub").c_str(), 0);
  Listing l = list_directory(d.path, {});
  BOOST_REQUIRE(l.entries.size() == 1u);
  BOOST_TEST(l.skipped.unreadable_dir == 1);
  BOOST_TEST(read_file(d.path, "a.md", 1000).error == "cannot open the file: Permission denied");
}
