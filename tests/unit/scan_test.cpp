#define BOOST_TEST_MODULE scan
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "core/scan.hpp"
#include "core/sys.hpp"
#include "temp_dir.hpp"

using namespace articles;

namespace {

using testing::paths;
using testing::TempDir;

}  // namespace

BOOST_AUTO_TEST_CASE(lists_regular_files_recursively_in_byte_order) {
  TempDir d;
  d.mkdir("b");
  d.mkdir("b/c");
  d.write("b/c/z.md", "z");
  d.write("a.txt", "a");
  d.write("B.md", "B");
  d.write("b.md", "b");
  d.write("\xC3\xA9.md", "e");
  Listing l = list_directory(d.path, {});
  BOOST_TEST(paths(l) == "B.md;a.txt;b.md;b/c/z.md;\xC3\xA9.md;");
  BOOST_TEST(l.entries[0].size == 1);
}

// The walk takes each folder's names in order, a folder's as if it ended in '/', so that the
// files come in byte order of their paths; where that order is not the listing's (a name that
// is not UTF-8 sorts by its repaired form, a followed symlink to a folder reads as a file's
// name), the listing is sorted after all.
BOOST_AUTO_TEST_CASE(the_walk_order_is_byte_order_of_the_paths_or_sorted_after) {
  TempDir d;
  d.mkdir("ab");
  d.write("ab/x.md", "x");
  d.write("ab.md", "x");
  d.write("ab-c.md", "x");
  d.write("a", "x");
  d.write("ab0.md", "x");
  BOOST_TEST(paths(list_directory(d.path, {})) == "a;ab-c.md;ab.md;ab/x.md;ab0.md;");

  TempDir bad;
  bad.write("\xFF.md", "x");          // listed as U+FFFD (EF BF BD) .md, its bytes after EF
  bad.write("\xEF\xBF\xBE.md", "x");  // U+FFFE
  BOOST_TEST(paths(list_directory(bad.path, {})) == "\xEF\xBF\xBD.md;\xEF\xBF\xBE.md;");

  TempDir linked;
  linked.mkdir("z");
  linked.write("z/x.md", "x");
  linked.write("a.md", "x");
  BOOST_REQUIRE(::symlink("z", (linked.path + "/a").c_str()) == 0);
  ScanOptions follow;
  follow.follow_symlinks = true;
  BOOST_TEST(paths(list_directory(linked.path, follow)) == "a.md;a/x.md;z/x.md;");
}

BOOST_AUTO_TEST_CASE(hidden_names_symlinks_and_fifos_are_skipped_and_counted) {
  TempDir d;
  d.write("real.md", "x");
  d.write(".hidden.md", "x");
  d.mkdir(".git");
  d.write(".git/inside.md", "x");
  BOOST_REQUIRE(::symlink("real.md", (d.path + "/link.md").c_str()) == 0);
  BOOST_REQUIRE(::symlink("/", (d.path + "/escape").c_str()) == 0);
  BOOST_REQUIRE(::mkfifo((d.path + "/pipe.md").c_str(), 0644) == 0);
  Listing l = list_directory(d.path, {});
  BOOST_TEST(paths(l) == "real.md;");
  BOOST_TEST(l.skipped.hidden == 2);
  BOOST_TEST(l.skipped.symlink == 2);
  BOOST_TEST(l.skipped.not_regular == 1);
}

BOOST_AUTO_TEST_CASE(sockets_are_skipped_and_long_names_listed) {
  TempDir d;
  const std::string name255(251, 'n');  // the longest name most file systems take: 255 bytes
  d.write(name255 + ".txt", "Long name\n");
  int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  BOOST_REQUIRE(s >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock = d.path + "/sock.md";
  BOOST_REQUIRE(sock.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, sock.c_str(), sock.size() + 1);
  BOOST_REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  Listing l = list_directory(d.path, {});
  ::close(s);
  BOOST_REQUIRE(l.entries.size() == 1u);
  BOOST_TEST(l.entries[0].path.size() == 255u);
  BOOST_TEST(read_file(d.path, l.entries[0].raw_path, 100).bytes == "Long name\n");
  BOOST_TEST(l.skipped.not_regular == 1);
  BOOST_TEST(read_file(d.path, "sock.md", 100).error ==
             "cannot open the file: No such device or address");
}

BOOST_AUTO_TEST_CASE(patterns_match_the_name_or_with_a_slash_the_path) {
  TempDir d;
  d.mkdir("news");
  d.write("news/a.md", "x");
  d.write("news/b.txt", "x");
  d.write("c.md", "x");
  ScanOptions o;
  o.pattern = "*.md";
  BOOST_TEST(paths(list_directory(d.path, o)) == "c.md;news/a.md;");
  o.pattern = "news/*";
  BOOST_TEST(paths(list_directory(d.path, o)) == "news/a.md;news/b.txt;");
  o.pattern = "";
  o.recursive = false;
  BOOST_TEST(paths(list_directory(d.path, o)) == "c.md;");
}

BOOST_AUTO_TEST_CASE(names_that_are_not_utf8_are_shown_with_replacement_characters) {
  TempDir d;
  d.write("bad\xFFname.txt", "x");
  Listing l = list_directory(d.path, {});
  BOOST_REQUIRE(l.entries.size() == 1u);
  BOOST_TEST(l.entries[0].path == "bad\uFFFDname.txt");
  BOOST_TEST(l.entries[0].raw_path == "bad\xFFname.txt");
  BOOST_TEST(l.entries[0].bad_name);
  BOOST_TEST(read_file(d.path, l.entries[0].raw_path, 100).bytes == "x");
}

BOOST_AUTO_TEST_CASE(bad_roots_are_scan_errors_that_say_what_is_wrong) {
  TempDir d;
  d.write("file.md", "x");
  auto message = [](const std::string& root) {
    try {
      list_directory(root, {});
    } catch (const ScanError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(message(d.path + "/missing") == "root '" + d.path + "/missing' does not exist");
  BOOST_TEST(message(d.path + "/file.md") == "root '" + d.path + "/file.md' is not a directory");
  BOOST_TEST(message("") == "root is an empty string");
  BOOST_TEST(message(std::string("a\0b", 3)) == "root contains a NUL character");
}

// A folder deeper than the limit is counted and left out; the rest of the tree is listed.
BOOST_AUTO_TEST_CASE(folders_past_the_depth_limit_are_counted_and_the_rest_listed) {
  TempDir d;
  d.mkdir("1");
  d.mkdir("1/2");
  d.mkdir("1/2b");
  d.write("1/2/deep.md", "x");
  d.write("1/2b/deep.md", "x");
  d.write("1/mid.md", "x");
  d.write("top.md", "x");
  ScanOptions o;
  o.max_depth = 1;
  Listing l = list_directory(d.path, o);
  BOOST_TEST(paths(l) == "1/mid.md;top.md;");
  BOOST_TEST(l.skipped.too_deep == 2);
  o.max_depth = 2;
  l = list_directory(d.path, o);
  BOOST_TEST(l.entries.size() == 4u);
  BOOST_TEST(l.skipped.too_deep == 0);
}

// A hostile tree far deeper than the limit costs one count, not the scan.
BOOST_AUTO_TEST_CASE(a_tree_far_deeper_than_the_limit_is_one_count) {
  TempDir d;
  std::string rel;
  for (int i = 0; i < 200; ++i) {
    rel += (i ? "/" : "") + std::string("d");
    d.mkdir(rel);
  }
  d.write(rel + "/bottom.md", "x");
  d.write("top.md", "x");
  Listing l = list_directory(d.path, {});
  BOOST_TEST(paths(l) == "top.md;");
  BOOST_TEST(l.skipped.too_deep == 1);
}

BOOST_AUTO_TEST_CASE(the_file_count_limit_is_an_error_not_truncation) {
  TempDir d;
  d.write("a.md", "x");
  d.write("b.md", "x");
  ScanOptions o;
  o.max_files = 1;
  BOOST_CHECK_THROW(list_directory(d.path, o), ScanError);
}

BOOST_AUTO_TEST_CASE(rowids_are_stable_hashes_of_the_path) {
  BOOST_TEST(path_hash("a.md") == path_hash("a.md"));
  BOOST_TEST(path_hash("a.md") != path_hash("b.md"));
  BOOST_TEST(path_hash("a.md") >= 0);
  // Pinned: a rowid must not change between versions, or stored references break.
  BOOST_TEST(path_hash("") == path_hash(std::string()));
  TempDir d;
  d.write("x.md", "x");
  BOOST_TEST(list_directory(d.path, {}).entries[0].rowid == path_hash("x.md"));
}

BOOST_AUTO_TEST_CASE(read_file_refuses_oversized_and_non_regular_files) {
  TempDir d;
  d.write("big.md", std::string(2000, 'x'));
  FileBytes f = read_file(d.path, "big.md", 1000);
  BOOST_TEST(!f.ok);
  BOOST_TEST(f.error == "the file is 2000 bytes, over the limit of 1000 bytes: not read");
  BOOST_TEST(read_problem(f.error).code == "too_large");  // article_issues' code
  BOOST_TEST(read_file(d.path, "big.md", 2000).bytes.size() == 2000u);
  BOOST_TEST(read_file(d.path, "gone.md", 1000).error ==
             "the file vanished before it could be read");
  BOOST_TEST(read_problem(read_file(d.path, "gone.md", 1000).error).code == "unreadable");
  BOOST_TEST(read_problem("read error: Input/output error").code == "unreadable");
  BOOST_REQUIRE(::mkfifo((d.path + "/fifo").c_str(), 0644) == 0);
  BOOST_TEST(read_file(d.path, "fifo", 1000).error == "no longer a regular file: not read");
  BOOST_REQUIRE(::symlink("big.md", (d.path + "/link").c_str()) == 0);
  BOOST_TEST(read_file(d.path, "link", 5000).error ==
             "the file or a folder above it became a symbolic link: not followed");
}

BOOST_AUTO_TEST_CASE(read_file_reads_past_the_stat_size_but_never_past_the_limit) {
  // /proc files report a size of 0 yet hold text, like a file that grows while it is read.
  const std::string proc = Root::open("/proc/self").path();  // /proc/self is a symlink
  FileBytes f = read_file(proc, "status", 1 << 20);
  BOOST_TEST(f.ok);
  BOOST_TEST(f.bytes.find("Name:") == 0u);
  FileBytes capped = read_file(proc, "status", 10);
  BOOST_TEST(!capped.ok);
  BOOST_TEST(capped.error ==
             "the file grew past the limit of 10 bytes while it was being read: not read");
}

BOOST_AUTO_TEST_CASE(allowed_roots_are_resolved_and_matched_by_whole_components) {
  TempDir d;
  ::mkdir((d.path + "/ab").c_str(), 0755);
  ::mkdir((d.path + "/abc").c_str(), 0755);
  ::mkdir((d.path + "/ab/sub").c_str(), 0755);
  BOOST_REQUIRE(::symlink((d.path + "/abc").c_str(), (d.path + "/ab/escape").c_str()) == 0);
  std::vector<std::string> allowed = parse_allowed_roots(":" + d.path + "/ab/./:/no/such/dir:");
  BOOST_REQUIRE(allowed.size() == 2u);
  BOOST_TEST(allowed[1] == "/no/such/dir");
  BOOST_CHECK_NO_THROW(check_root_allowed(d.path + "/ab", allowed));
  BOOST_CHECK_NO_THROW(check_root_allowed(d.path + "/ab/sub/", allowed));
  BOOST_CHECK_THROW(check_root_allowed(d.path + "/abc", allowed), ScanError);  // a prefix only
  BOOST_CHECK_THROW(check_root_allowed(d.path + "/ab/sub/../..", allowed), ScanError);
  BOOST_CHECK_THROW(check_root_allowed(d.path + "/ab/escape", allowed), ScanError);
  BOOST_CHECK_NO_THROW(check_root_allowed(d.path + "/abc", parse_allowed_roots("/")));
}

// ---- follow_symlinks: inside the root only, loops and dangling targets counted.

BOOST_AUTO_TEST_CASE(followed_symlinks_stay_inside_the_root) {
  TempDir outside;
  outside.write("secret.md", "secret");
  TempDir d;
  d.mkdir("real");
  d.write("real/a.md", "a");
  d.write("b.md", "b");
  BOOST_REQUIRE(::symlink("b.md", (d.path + "/to-b.md").c_str()) == 0);
  BOOST_REQUIRE(::symlink("real", (d.path + "/to-real").c_str()) == 0);
  BOOST_REQUIRE(::symlink((d.path + "/real/a.md").c_str(), (d.path + "/absolute.md").c_str()) == 0);
  BOOST_REQUIRE(::symlink((outside.path + "/secret.md").c_str(), (d.path + "/out.md").c_str()) ==
                0);
  BOOST_REQUIRE(::symlink("..", (d.path + "/real/up").c_str()) == 0);  // a loop
  BOOST_REQUIRE(::symlink("self", (d.path + "/self").c_str()) == 0);   // a loop of links
  BOOST_REQUIRE(::symlink("missing", (d.path + "/dangling").c_str()) == 0);
  ScanOptions o;
  o.follow_symlinks = true;
  Listing l = list_directory(d.path, o);
  BOOST_TEST(paths(l) == "absolute.md;b.md;real/a.md;to-b.md;to-real/a.md;");
  BOOST_TEST(l.skipped.symlink_outside == 1);
  BOOST_TEST(l.skipped.symlink_loop == 3);  // real/up, to-real/up, self
  BOOST_TEST(l.skipped.broken_symlink == 1);
  BOOST_TEST(l.skipped.symlink == 0);
  for (const Entry& e : l.entries) {
    BOOST_TEST(e.via_symlink == (e.path != "b.md" && e.path != "real/a.md"));
    BOOST_TEST(read_file(d.path, e.raw_path, 100, e.via_symlink).ok);
  }
  // Not following: every symlink is a counted skip.
  Listing plain = list_directory(d.path, {});
  BOOST_TEST(paths(plain) == "b.md;real/a.md;");
  BOOST_TEST(plain.skipped.symlink == 7);
}

BOOST_AUTO_TEST_CASE(a_symlink_repointed_outside_after_the_listing_is_not_read) {
  TempDir outside;
  outside.write("secret.md", "secret");
  TempDir d;
  d.write("b.md", "b");
  BOOST_REQUIRE(::symlink("b.md", (d.path + "/link.md").c_str()) == 0);
  ScanOptions o;
  o.follow_symlinks = true;
  Listing l = list_directory(d.path, o);
  BOOST_REQUIRE(paths(l) == "b.md;link.md;");
  ::unlink((d.path + "/link.md").c_str());
  BOOST_REQUIRE(::symlink((outside.path + "/secret.md").c_str(), (d.path + "/link.md").c_str()) ==
                0);
  FileBytes f = read_file(d.path, "link.md", 100, true);
  BOOST_TEST(!f.ok);
  BOOST_TEST(f.error == "a symbolic link on the way now leads outside the root: not read");
  // A folder on the way of an entry that was listed without symlinks is never followed.
  d.mkdir("sub");
  d.write("sub/c.md", "c");
  Listing plain = list_directory(d.path, {});
  ::system(("mv '" + d.path + "/sub' '" + d.path + "/moved' && ln -s '" + outside.path + "' '" +
            d.path + "/sub' && cp '" + outside.path + "/secret.md' '" + outside.path + "/c.md'")
               .c_str());
  BOOST_TEST(read_file(d.path, "sub/c.md", 100).error ==
             "the file or a folder above it became a symbolic link: not followed");
}

BOOST_AUTO_TEST_CASE(symlinks_that_multiply_folders_meet_the_limit) {
  // Each level links twice to the next: 2^20 paths. The walk stops at max_files folders.
  TempDir d;
  for (int i = 0; i < 20; ++i) {
    const std::string level = "l" + std::to_string(i);
    d.mkdir(level);
    if (i > 0) {
      const std::string prev = d.path + "/l" + std::to_string(i - 1);
      BOOST_REQUIRE(::symlink(("../" + level).c_str(), (prev + "/x").c_str()) == 0);
      BOOST_REQUIRE(::symlink(("../" + level).c_str(), (prev + "/y").c_str()) == 0);
    }
  }
  ScanOptions o;
  o.follow_symlinks = true;
  o.max_files = 5000;
  try {
    list_directory(d.path, o);
    BOOST_ERROR("no limit met");
  } catch (const ScanError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "the folder holds more than 5000 folders (the max_files limit)");
  }
}

// ---- The root: opened once, confined before anything is asked of it.

namespace {

std::string g_swap_link, g_swap_to;  // the symlink to repoint, and its new target

// At the open of the root, repoints the root symlink: what a racing process does between the
// confinement check and the open.
int swap_at_root_open(sys::Site site, const char* name, std::size_t*) {
  if (site == sys::Site::OpenFolder && name && g_swap_link == name) {
    const std::string tmp = g_swap_link + ".new";
    if (::symlink(g_swap_to.c_str(), tmp.c_str()) != 0 ||
        ::rename(tmp.c_str(), g_swap_link.c_str()) != 0)
      std::abort();
  }
  return 0;
}

std::string scan_error(const std::string& root, const std::vector<std::string>& allowed) {
  try {
    Root::open(root, &allowed);
  } catch (const ScanError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

// Regression: a root symlink switched between the confinement check and the scan returned the
// files of a folder outside SQLITE_ARTICLES_ROOTS (the root was resolved twice, opened a third
// time).
BOOST_AUTO_TEST_CASE(a_root_symlink_swapped_while_it_is_opened_is_refused) {
  TempDir allowed, outside, links;
  allowed.write("ok.md", "ok");
  outside.write("secret.md", "secret");
  const std::string link = links.path + "/root";
  BOOST_REQUIRE(::symlink(allowed.path.c_str(), link.c_str()) == 0);
  const std::vector<std::string> roots = parse_allowed_roots(allowed.path);
  g_swap_link = link;
  g_swap_to = outside.path;
  sys::set_fault_hook(swap_at_root_open);
  const std::string error = scan_error(link, roots);
  sys::set_fault_hook(nullptr);
  BOOST_TEST(error ==
             "root '" + link + "' is outside the folders that SQLITE_ARTICLES_ROOTS allows");
}

BOOST_AUTO_TEST_CASE(an_open_root_keeps_its_folder_whatever_the_path_names_later) {
  TempDir first, second, links;
  first.write("a.md", "first");
  second.write("a.md", "second");
  const std::string link = links.path + "/root";
  BOOST_REQUIRE(::symlink(first.path.c_str(), link.c_str()) == 0);
  Root root = Root::open(link);
  BOOST_TEST(root.path() == first.path);
  BOOST_REQUIRE(::unlink(link.c_str()) == 0);
  BOOST_REQUIRE(::symlink(second.path.c_str(), link.c_str()) == 0);
  BOOST_TEST(paths(list_directory(root, {})) == "a.md;");
  BOOST_TEST(read_file(root, "a.md", 100).bytes == "first");
  std::optional<Entry> found;
  BOOST_TEST(lookup_entry(root, "a.md", {}, &found));
  BOOST_TEST(found.has_value());
  // `..` never leads out of the root, even where it names a real folder.
  BOOST_TEST(
      read_file(root, "../" + first.path.substr(first.path.rfind('/') + 1) + "/a.md", 100).ok ==
      false);
}

// Regression: outside SQLITE_ARTICLES_ROOTS, the error told a file ("is not a directory"), a
// missing path ("does not exist") and an unreadable one apart.
BOOST_AUTO_TEST_CASE(every_path_outside_the_allowed_roots_gives_the_same_error) {
  TempDir allowed, outside;
  outside.write("file", "x");
  outside.mkdir("folder");
  outside.mkdir("locked");
  ::chmod((outside.path + "/locked").c_str(), 0);
  const std::vector<std::string> roots = parse_allowed_roots(allowed.path);
  for (const char* rel :
       {"/file", "/missing", "/missing/deeper", "/folder", "/locked", "/locked/x"}) {
    const std::string root = outside.path + rel;
    BOOST_TEST(scan_error(root, roots) ==
               "root '" + root + "' is outside the folders that SQLITE_ARTICLES_ROOTS allows");
  }
  // `..` out of an allowed folder, through a part that does not exist, is outside too.
  const std::string climb =
      allowed.path + "/missing/../../" + outside.path.substr(outside.path.rfind('/') + 1) + "/file";
  BOOST_TEST(scan_error(climb, roots) ==
             "root '" + climb + "' is outside the folders that SQLITE_ARTICLES_ROOTS allows");
  // Inside, the errors say what is wrong.
  BOOST_TEST(scan_error(allowed.path + "/missing", roots) ==
             "root '" + allowed.path + "/missing' does not exist");
  allowed.write("file", "x");
  BOOST_TEST(scan_error(allowed.path + "/file", roots) ==
             "root '" + allowed.path + "/file' is not a directory");
}

// Regression: a file whose path is longer than PATH_MAX was listed, then unreadable ("File
// name too long"): it is read relative to its folders.
BOOST_AUTO_TEST_CASE(files_below_paths_longer_than_path_max_are_read) {
  TempDir d;
  const std::string name(200, 'd');
  int fd = ::open(d.path.c_str(), O_RDONLY | O_DIRECTORY);
  std::string rel;
  for (int i = 0; i < 25; ++i) {  // 25 * 201 bytes: past PATH_MAX (4096)
    BOOST_REQUIRE(::mkdirat(fd, name.c_str(), 0755) == 0);
    int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(fd);
    fd = next;
    rel += name + "/";
  }
  int file = ::openat(fd, "deep.md", O_WRONLY | O_CREAT, 0644);
  BOOST_REQUIRE(::write(file, "deep", 4) == 4);
  ::close(file);
  ::close(fd);
  Listing l = list_directory(d.path, {});
  BOOST_REQUIRE(l.entries.size() == 1u);
  BOOST_TEST(l.entries[0].path == rel + "deep.md");
  BOOST_TEST(l.entries[0].path.size() > std::size_t{PATH_MAX});
  FileBytes f = read_file(d.path, l.entries[0].raw_path, 100);
  BOOST_TEST(f.error == "");
  BOOST_TEST(f.bytes == "deep");
  std::optional<Entry> found;
  BOOST_TEST(lookup_entry(Root::open(d.path), rel + "deep.md", {}, &found));
  BOOST_TEST(found.has_value());
}

// A lookup beyond max_folder_depth finds nothing, as the listing lists nothing there.
BOOST_AUTO_TEST_CASE(a_lookup_deeper_than_the_limit_finds_what_the_listing_does) {
  TempDir d;
  d.mkdir("a");
  d.mkdir("a/b");
  d.write("a/b/c.md", "c");
  ScanOptions o;
  o.max_depth = 1;
  std::optional<Entry> found;
  BOOST_TEST(lookup_entry(Root::open(d.path), "a/b/c.md", o, &found));
  BOOST_TEST(!found.has_value());
  BOOST_TEST(list_directory(d.path, o).entries.empty());
  BOOST_TEST(lookup_entry(Root::open(d.path), "a/c.md", o, &found));
  BOOST_TEST(!found.has_value());
}

// Files that are not text by their name are not listed without a pattern, and are counted; a
// pattern decides alone.
BOOST_AUTO_TEST_CASE(files_that_are_not_text_by_name_are_counted_not_listed) {
  TempDir d;
  d.write("a.md", "a");
  d.write("cover.PNG", "x");
  d.write("paper.pdf", "x");
  d.write("notes.txt", "x");
  d.write("archive.tar.gz", "x");
  d.write("noext", "x");
  Listing l = list_directory(d.path, {});
  BOOST_TEST(paths(l) == "a.md;noext;notes.txt;");
  BOOST_TEST(l.skipped.not_text == 3);
  ScanOptions o;
  o.pattern = "*.PNG";
  BOOST_TEST(paths(list_directory(d.path, o)) == "cover.PNG;");
  std::optional<Entry> found;
  BOOST_TEST(lookup_entry(Root::open(d.path), "paper.pdf", {}, &found));
  BOOST_TEST(!found.has_value());
  BOOST_TEST(binary_extension("x.WOFF2"));
  BOOST_TEST(!binary_extension("x.md"));
  BOOST_TEST(!binary_extension(".png"));
  BOOST_TEST(!binary_extension("x.svg"));
}

// Rowids stay exact in JavaScript and JSON clients, and a collision is resolved the same way
// every time: the later path in byte order takes the next free value.
BOOST_AUTO_TEST_CASE(rowids_fit_53_bits_and_collisions_take_the_next_free_value) {
  for (const char* p : {"a.md", "odd/bom-notes.md", "\xC3\xA9t\xC3\xA9.md", ""})
    BOOST_TEST((path_hash(p) >= 0 && path_hash(p) <= std::int64_t{(std::int64_t{1} << 53) - 1}), p);
  std::vector<Entry> entries(4);
  const char* paths[] = {"a.md", "b.md", "c.md", "d.md"};
  for (int i = 0; i < 4; ++i) entries[i].path = paths[i];
  // Every path hashes to the top value: the next ones wrap around to 0 and 1.
  assign_rowids(entries, [](const std::string& p) -> std::int64_t {
    return p == "d.md" ? 7 : static_cast<std::int64_t>(kRowidMask);
  });
  BOOST_TEST(entries[0].rowid == static_cast<std::int64_t>(kRowidMask));
  BOOST_TEST(entries[1].rowid == 0);
  BOOST_TEST(entries[2].rowid == 1);
  BOOST_TEST(entries[3].rowid == 7);
}

// ---- A large walk: once it has found a few hundred files, helper threads make the stats of
// each folder's files while the walk reads on; the listing is the same as one thread's.

namespace {

// 40 folders of 15 files each, a subfolder's files between the others in path order, plus
// what the listing skips and a hard link; the order of the walk and of the listing differ
// nowhere but by the threads.
void make_large_tree(const TempDir& d) {
  for (int f = 0; f < 40; ++f) {
    const std::string folder = (f < 10 ? "f0" : "f") + std::to_string(f);
    d.mkdir(folder);
    d.mkdir(folder + "/b");
    for (int i = 0; i < 6; ++i) {
      d.write(folder + "/a" + std::to_string(i) + ".md", folder + std::string(i + 1, 'a'));
      d.write(folder + "/c" + std::to_string(i) + ".md", folder + std::string(i + 1, 'c'));
    }
    for (int i = 0; i < 3; ++i) d.write(folder + "/b/x" + std::to_string(i) + ".md", "x");
    d.write(folder + "/.hidden.md", "h");
    d.write(folder + "/cover.png", "not text");
  }
  d.write("f33/\xFF.md", "not UTF-8");
  BOOST_REQUIRE(::link((d.path + "/f30/a1.md").c_str(), (d.path + "/f38/hard.md").c_str()) == 0);
}

std::string describe(const Listing& l) {
  std::string out;
  for (const auto& e : l.entries)
    out += e.path + '|' + e.raw_path + '|' + std::to_string(e.size) + '|' +
           std::to_string(e.mtime) + '.' + std::to_string(e.mtime_nsec) + '|' +
           std::to_string(e.inode) + '|' + std::to_string(e.ctime_ns) + '|' +
           std::to_string(e.rowid) + '\n';
  const SkipCounts& s = l.skipped;
  for (auto n : {s.hidden, s.symlink, s.not_regular, s.unreadable_dir, s.too_deep, s.vanished,
                 s.pattern, s.not_text})
    out += std::to_string(n) + ' ';
  return out + (l.hard_links ? "hard links" : "");
}

// A stat hook safe on any thread: records the threads that stat, and applies `act` to the
// path stat'ed (relative to the root, as the walk's folder and name give it).
struct StatSpy {
  static inline std::mutex mutex;
  static inline std::set<std::thread::id> threads;
  static inline std::function<int(const std::string& name)> act;
  static inline std::thread::id slow;  // this thread sleeps a little at each stat
  static int hook(sys::Site site, const char* name, std::size_t*) {
    if (site != sys::Site::StatEntry || !name) return 0;
    {
      std::lock_guard<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
    }
    if (std::this_thread::get_id() == slow)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    return act ? act(name) : 0;
  }
  explicit StatSpy(std::function<int(const std::string&)> a = nullptr) {
    threads.clear();
    act = std::move(a);
    slow = std::this_thread::get_id();
    sys::set_fault_hook(hook);
  }
  ~StatSpy() {
    sys::set_fault_hook(nullptr);
    act = nullptr;
  }
};

ScanOptions with_threads(unsigned threads) {
  ScanOptions o;
  o.threads = threads;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_large_walk_stats_on_helper_threads_and_lists_the_same) {
  TempDir d;
  make_large_tree(d);
  const Listing one = list_directory(d.path, with_threads(1));
  BOOST_REQUIRE(one.entries.size() == 40u * 15 + 2);
  BOOST_TEST(one.hard_links);
  BOOST_TEST(one.skipped.hidden == 40);
  BOOST_TEST(one.skipped.not_text == 40);
  {
    StatSpy spy;  // the test's thread, the walk's, is slowed: the helpers take most folders
    const Listing four = list_directory(d.path, with_threads(4));
    BOOST_TEST(describe(four) == describe(one));
    BOOST_TEST(StatSpy::threads.size() > 1u);
  }
  {
    StatSpy spy;
    ScanOptions o = with_threads(2);
    o.busy_beside = 1;  // the one other thread is taken: the walk stats alone
    BOOST_TEST(describe(list_directory(d.path, o)) == describe(one));
    BOOST_TEST(StatSpy::threads.size() == 1u);
  }
}

// What a helper's stat finds is what the walk's own would have: a file deleted meanwhile is
// counted as vanished, one replaced by a symlink or a FIFO is counted so, one replaced by a
// folder (whose names the walk did not read) as vanished; a refused stat in a subfolder counts
// the folder once as unreadable; any other error stops the listing, naming the first folder in
// path order that had one.
BOOST_AUTO_TEST_CASE(what_a_helper_stat_finds_is_counted_as_the_walks_own) {
  TempDir d;
  make_large_tree(d);
  const std::string root = d.path;
  const Listing one = list_directory(d.path, with_threads(1));
  {
    StatSpy spy([](const std::string& name) {
      if (name == "c3.md") return ENOENT;  // in every folder, before and after helpers start
      if (name == "x1.md") return EACCES;  // in every b/ subfolder: each counted once
      return 0;
    });
    const Listing l = list_directory(d.path, with_threads(4));
    BOOST_TEST(l.entries.size() == one.entries.size() - 80);
    BOOST_TEST(l.skipped.vanished == 40);
    BOOST_TEST(l.skipped.unreadable_dir == 40);
    BOOST_TEST(paths(l).find("/c3.md") == std::string::npos);
    BOOST_TEST(paths(l).find("/b/x1.md") == std::string::npos);
    BOOST_TEST(paths(l).find("f39/b/x2.md;") != std::string::npos);
  }
  // Files of late folders (helpers at work by then), changed into something else between the
  // read of their folder and their stat.
  d.write("f25/to-link.md", "x");
  d.write("f26/to-folder.md", "x");
  d.write("f27/to-fifo.md", "x");
  {
    StatSpy spy([root](const std::string& name) {
      const std::string f25 = root + "/f25/to-link.md", f26 = root + "/f26/to-folder.md",
                        f27 = root + "/f27/to-fifo.md";
      if (name == "to-link.md" && ::unlink(f25.c_str()) == 0) ::symlink("a1.md", f25.c_str());
      if (name == "to-folder.md" && ::unlink(f26.c_str()) == 0) ::mkdir(f26.c_str(), 0755);
      if (name == "to-fifo.md" && ::unlink(f27.c_str()) == 0) ::mkfifo(f27.c_str(), 0644);
      return 0;
    });
    const Listing l = list_directory(d.path, with_threads(4));
    BOOST_TEST(describe(l) == describe(one).substr(0, describe(one).rfind('\n') + 1) +
                                  "40 1 1 0 0 1 0 40 hard links");
  }
  d.write("f27/b/fails.md", "x");
  d.write("f31/fails.md", "x");
  {
    StatSpy spy([](const std::string& name) { return name == "fails.md" ? EIO : 0; });
    BOOST_CHECK_EXCEPTION(
        list_directory(d.path, with_threads(4)), ScanError, [](const ScanError& e) {
          return std::string(e.what()) == "cannot read folder 'f27/b': Input/output error";
        });
  }
}
