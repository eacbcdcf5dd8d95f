#define BOOST_TEST_MODULE listings
#include <boost/test/unit_test.hpp>

#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "cache/listings.hpp"
#include "temp_dir.hpp"

using namespace articles;
using articles::testing::paths;
using articles::testing::TempDir;

namespace {

// A folder of three files, one two levels down.
struct Tree : TempDir {
  Tree() {
    write("a.md", "A\n");
    write("b.md", "B\n");
    mkdir("sub");
    mkdir("sub/deep");
    write("sub/deep/c.md", "C\n");
  }
  void run(const std::string& command) const {
    BOOST_REQUIRE(std::system(("cd '" + path + "' && " + command).c_str()) == 0);
  }
};

// Lists `root`, saying whether a kept listing served it, and counting the walks made.
struct Lister {
  ListingCache cache;
  ScanOptions options;
  bool reused = false;
  int walks = 0;
  std::shared_ptr<const Listing> list(const std::string& root, bool keep = true) {
    return cache.list(Root::open(root), options, keep, &reused, [this] { ++walks; });
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_unchanged_folder_is_listed_once) {
  Tree t;
  Lister l;
  if (!changes_are_reported(t.path)) return;  // the stat path is what runs here
  auto first = l.list(t.path);
  BOOST_TEST(!l.reused);
  auto second = l.list(t.path);
  BOOST_TEST(l.reused);
  BOOST_TEST(l.walks == 1);  // told of the walk, not of the kept listing's reuse
  BOOST_TEST(first.get() == second.get());
  BOOST_TEST(paths(*second) == "a.md;b.md;sub/deep/c.md;");
  ListingStats s = l.cache.stats();
  BOOST_TEST(s.kept == 1u);
  BOOST_TEST(s.files == 3u);
  BOOST_TEST(s.watches == 3u);  // the root, sub and sub/deep
  BOOST_TEST(s.hits == 1);
  BOOST_TEST(s.misses == 1);
}

// The process's listings are kept from the second walk of a root: one scan watches nothing.
// A root kept once is kept again at the walk after a change.
BOOST_AUTO_TEST_CASE(the_process_keeps_a_listing_from_the_second_walk) {
  Tree t;
  if (!changes_are_reported(t.path)) return;
  Lister l;
  ListingCache cache(ListingCache::kMaxBytes, 1);
  auto list = [&] { return cache.list(Root::open(t.path), l.options, true, &l.reused); };
  list();
  BOOST_TEST(!l.reused);
  BOOST_TEST(cache.stats().kept == 0u);
  BOOST_TEST(cache.stats().watches == 0u);
  list();
  BOOST_TEST(!l.reused);
  BOOST_TEST(cache.stats().kept == 1u);
  BOOST_TEST(cache.stats().watches == 3u);
  list();
  BOOST_TEST(l.reused);
  t.run("printf 'D\\n' > d.md");
  list();
  BOOST_TEST(!l.reused);
  BOOST_TEST(cache.stats().kept == 1u);
  auto last = list();
  BOOST_TEST(l.reused);
  BOOST_TEST(paths(*last) == "a.md;b.md;d.md;sub/deep/c.md;");
  // Another root is walked once before it is kept, whatever the first did.
  Tree other;
  cache.list(Root::open(other.path), l.options, true, &l.reused);
  BOOST_TEST(cache.stats().kept == 1u);
}

// Every kind of change below the root, each at the top and two levels down, makes the next
// scan list again and see it.
BOOST_AUTO_TEST_CASE(every_change_below_the_root_is_seen_by_the_next_scan) {
  Tree t;
  if (!changes_are_reported(t.path)) return;
  struct Change {
    const char* what;
    const char* command;
    const char* expected;  // the paths listed after it
  };
  const Change changes[] = {
      {"a file written in place", "printf 'A2\\n' > a.md", "a.md;b.md;sub/deep/c.md;"},
      {"a deep file written", "printf 'C2\\n' >> sub/deep/c.md", "a.md;b.md;sub/deep/c.md;"},
      {"a deep file truncated", "truncate -s 0 sub/deep/c.md", "a.md;b.md;sub/deep/c.md;"},
      {"times set back", "touch -d 2001-01-01 b.md", "a.md;b.md;sub/deep/c.md;"},
      {"permissions", "chmod 600 sub/deep/c.md", "a.md;b.md;sub/deep/c.md;"},
      {"a file created", "printf 'D\\n' > sub/d.md", "a.md;b.md;sub/d.md;sub/deep/c.md;"},
      {"a file deleted", "rm sub/d.md", "a.md;b.md;sub/deep/c.md;"},
      {"renamed within", "mv b.md e.md", "a.md;e.md;sub/deep/c.md;"},
      {"moved down", "mv e.md sub/deep/e.md", "a.md;sub/deep/c.md;sub/deep/e.md;"},
      {"replaced by rename", "printf 'A3\\n' > .new && mv .new a.md",
       "a.md;sub/deep/c.md;sub/deep/e.md;"},
      {"a folder created", "mkdir sub/new && printf 'N\\n' > sub/new/n.md",
       "a.md;sub/deep/c.md;sub/deep/e.md;sub/new/n.md;"},
      {"a folder deleted", "rm -r sub/new", "a.md;sub/deep/c.md;sub/deep/e.md;"},
      {"a folder renamed", "mv sub/deep sub/deeper", "a.md;sub/deeper/c.md;sub/deeper/e.md;"},
  };
  Lister l;
  auto before = l.list(t.path);
  for (const Change& c : changes) {
    BOOST_TEST_CONTEXT(c.what) {
      l.list(t.path);
      BOOST_TEST(l.reused);  // kept before the change
      before = l.list(t.path);
      t.run(c.command);
      auto after = l.list(t.path);
      BOOST_TEST(!l.reused);
      BOOST_TEST(paths(*after) == c.expected);
      for (const Entry& e : after->entries) {  // the stamps are those of the files now
        struct stat st;
        BOOST_REQUIRE(::stat((t.path + "/" + e.raw_path).c_str(), &st) == 0);
        BOOST_TEST(e.stamp().mtime_ns == st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec);
        BOOST_TEST(e.size == st.st_size);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_root_replaced_by_another_folder_is_listed_again) {
  TempDir parent;
  if (!changes_are_reported(parent.path)) return;
  parent.mkdir("news");
  parent.write("news/a.md", "A\n");
  const std::string root = parent.path + "/news";
  Lister l;
  l.list(root);
  BOOST_REQUIRE(std::rename(root.c_str(), (parent.path + "/old").c_str()) == 0);
  parent.mkdir("news");
  parent.write("news/b.md", "B\n");
  auto now = l.list(root);
  BOOST_TEST(!l.reused);
  BOOST_TEST(paths(*now) == "b.md;");
}

BOOST_AUTO_TEST_CASE(what_cannot_be_watched_safely_is_listed_every_time) {
  Tree t;
  Lister l;
  l.list(t.path, /*keep=*/false);
  l.list(t.path, /*keep=*/false);
  BOOST_TEST(!l.reused);
  BOOST_TEST(l.cache.stats().kept == 0u);

  l.options.follow_symlinks = true;  // a target may change in a folder not watched
  l.list(t.path);
  l.list(t.path);
  BOOST_TEST(!l.reused);

  l.options.follow_symlinks = false;  // a file with a second name may change through it
  t.run("ln a.md sub/a-again.md");
  auto listed = l.list(t.path);
  BOOST_TEST(listed->hard_links);
  l.list(t.path);
  BOOST_TEST(!l.reused);
  BOOST_TEST(l.cache.stats().kept == 0u);
}

BOOST_AUTO_TEST_CASE(options_are_part_of_the_key) {
  Tree t;
  if (!changes_are_reported(t.path)) return;
  Lister l;
  l.list(t.path);
  l.options.pattern = "c.md";
  auto only_c = l.list(t.path);
  BOOST_TEST(!l.reused);
  BOOST_TEST(paths(*only_c) == "sub/deep/c.md;");
  l.options.pattern.clear();
  l.options.recursive = false;
  BOOST_TEST(paths(*l.list(t.path)) == "a.md;b.md;");
  BOOST_TEST(!l.reused);
  BOOST_TEST(l.cache.stats().kept == 3u);
}

BOOST_AUTO_TEST_CASE(the_number_of_kept_listings_is_bounded) {
  Lister l;
  std::vector<std::unique_ptr<Tree>> trees;
  for (std::size_t i = 0; i < ListingCache::kMaxListings + 4; ++i) {
    trees.push_back(std::make_unique<Tree>());
    l.list(trees.back()->path);
  }
  if (!changes_are_reported(trees[0]->path)) return;
  ListingStats s = l.cache.stats();
  BOOST_TEST(s.kept == ListingCache::kMaxListings);
  BOOST_TEST(s.watches == 3 * ListingCache::kMaxListings);  // dropped listings unwatch
  l.list(trees.back()->path);                               // the most recent stayed
  BOOST_TEST(l.reused);
  l.list(trees.front()->path);  // the oldest left
  BOOST_TEST(!l.reused);
  l.cache.clear();
  BOOST_TEST(l.cache.stats().kept == 0u);
  BOOST_TEST(l.cache.stats().watches == 0u);
}

BOOST_AUTO_TEST_CASE(the_memory_of_kept_listings_is_bounded) {
  Tree t;
  if (!changes_are_reported(t.path)) return;
  ListingCache sizes;
  bool reused = false;
  const std::size_t one = approx_bytes(*sizes.list(Root::open(t.path), {}, true, &reused));
  BOOST_TEST(sizes.stats().bytes == one);
  ListingCache small(one - 1);  // too small for it: listed every time
  small.list(Root::open(t.path), {}, true, &reused);
  small.list(Root::open(t.path), {}, true, &reused);
  BOOST_TEST(!reused);
  BOOST_TEST(small.stats().kept == 0u);
  BOOST_TEST(small.stats().watches == 0u);
  Tree u;
  ListingCache two(2 * one);  // room for both trees' listings
  two.list(Root::open(t.path), {}, true, &reused);
  two.list(Root::open(u.path), {}, true, &reused);
  BOOST_TEST(two.stats().kept == 2u);
  t.write("long-name-" + std::string(40, 'x') + ".md", "X\n");  // t's listing grows past it
  two.list(Root::open(t.path), {}, true, &reused);
  BOOST_TEST(two.stats().kept == 1u);
  two.list(Root::open(t.path), {}, true, &reused);
  BOOST_TEST(reused);  // the most recent stayed
}

// After fork the two processes share the inotify instance: each must still see every change.
BOOST_AUTO_TEST_CASE(a_forked_process_sees_changes_and_so_does_its_parent) {
  Tree t;
  if (!changes_are_reported(t.path)) return;
  Lister l;
  l.list(t.path);
  pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {  // no Boost.Test here: the exit status says what went wrong
    l.list(t.path);
    if (l.reused) ::_exit(2);  // a listing of the parent's must not serve the child
    l.list(t.path);
    if (!l.reused) ::_exit(3);  // the child keeps its own
    std::ofstream(t.path + "/from-child.md") << "X\n";
    if (paths(*l.list(t.path)) != "a.md;b.md;from-child.md;sub/deep/c.md;") ::_exit(4);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  auto now = l.list(t.path);
  BOOST_TEST(!l.reused);
  BOOST_TEST(paths(*now) == "a.md;b.md;from-child.md;sub/deep/c.md;");
}

// Regression: after `mount --bind` onto a folder below a kept root, and after the `umount`, the
// kept listing still showed the files from before: inotify reports no event for either.
BOOST_AUTO_TEST_CASE(a_mount_or_unmount_below_the_root_drops_the_kept_listing) {
  Tree t, other;
  other.write("mounted.md", "M\n");
  if (!changes_are_reported(t.path)) return;
  // A mount namespace of this process's own, so that nothing outside the test sees the mount.
  if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr)) {
    BOOST_TEST_MESSAGE("no mount namespace here: not tested");
    return;
  }
  Lister l;
  l.list(t.path);
  l.list(t.path);
  BOOST_REQUIRE(l.reused);
  const std::string target = t.path + "/sub/deep";
  BOOST_REQUIRE(::mount(other.path.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) == 0);
  auto mounted = l.list(t.path);
  BOOST_TEST(!l.reused);
  BOOST_TEST(paths(*mounted) ==
             "a.md;b.md;sub/deep/a.md;sub/deep/b.md;sub/deep/mounted.md;"
             "sub/deep/sub/deep/c.md;");
  l.list(t.path);
  BOOST_TEST(l.reused);
  BOOST_REQUIRE(::umount(target.c_str()) == 0);
  auto unmounted = l.list(t.path);
  BOOST_TEST(!l.reused);
  BOOST_TEST(paths(*unmounted) == "a.md;b.md;sub/deep/c.md;");
}
