#define BOOST_TEST_MODULE loader
#include <boost/test/unit_test.hpp>

#include <sched.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "cache/loader.hpp"
#include "core/sys.hpp"

using namespace articles;

namespace {

// A folder of `n` articles titled "Title <i>", removed at the end of the test.
struct Folder {
  std::string path;
  Listing listing;
  explicit Folder(int n) {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/articles-loader-XXXXXX";
    path = Root::open(mkdtemp(&tmpl[0])).path();
    for (int i = 0; i < n; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "/a%04d.md", i);
      std::ofstream(path + name) << "---\ntitle: Title " << i << "\n---\nBody " << i << "\n";
    }
    // Past the timestamp granularity: reads are settled, and an unchanged file is read once.
    if (n > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250));
    listing = list_directory(path, {});
  }
  ~Folder() { std::system(("rm -rf '" + path + "'").c_str()); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(load_article_reads_once_then_serves_the_cache) {
  Folder f(1);
  ArticleCache cache;
  LoadCounts counts;
  std::string error;
  auto a = load_article(cache, Root::open(f.path), f.listing.entries[0], 1 << 20, {}, Need::Article,
                        &error, counts);
  auto b = load_article(cache, Root::open(f.path), f.listing.entries[0], 1 << 20, {}, Need::Article,
                        &error, counts);
  BOOST_REQUIRE(a);
  BOOST_TEST(a.article.get() == b.article.get());
  BOOST_TEST(counts.loaded == 2);
  BOOST_TEST(counts.read == 1);
}

// Regression: a read overlapping a write, or a same-size rewrite within one timestamp tick, was
// cached as settled under a stamp that later reads could not tell apart: the old bytes were
// served for good.
BOOST_AUTO_TEST_CASE(a_file_read_before_it_settled_is_read_again_and_compared) {
  Folder f(0);
  const Root root = Root::open(f.path);
  std::ofstream(f.path + "/a.md") << "---\ntitle: One\n---\n";
  const Entry before = list_directory(root, {}).entries.at(0);
  ArticleCache cache;
  LoadCounts counts;
  std::string error;
  auto one = load_article(cache, root, before, 1 << 20, {}, Need::Summary, &error, counts);
  BOOST_REQUIRE(one);
  BOOST_TEST(one.provisional);                                  // just written
  std::ofstream(f.path + "/a.md") << "---\ntitle: Two\n---\n";  // the same size
  // A listing that did not see the rewrite (the same stamp, as within one tick) still gets the
  // new bytes: the entry was provisional.
  auto two = load_article(cache, root, before, 1 << 20, {}, Need::Summary, &error, counts);
  BOOST_REQUIRE(two);
  BOOST_TEST(*two.summary->text(Summary::kTitle) == "Two");
  BOOST_TEST(counts.read == 2);
  BOOST_TEST(cache.stats().parses == 2);
  // Once settled, the same bytes are read once more, compared, not parsed, and then trusted.
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  const Entry now = list_directory(root, {}).entries.at(0);
  auto three = load_article(cache, root, now, 1 << 20, {}, Need::Summary, &error, counts);
  BOOST_TEST(three.summary.get() == two.summary.get());
  BOOST_TEST(!three.provisional);
  BOOST_TEST(counts.read == 3);
  BOOST_TEST(cache.stats().parses == 2);
  BOOST_TEST(cache.stats().rechecks == 2);
  auto four = load_article(cache, root, now, 1 << 20, {}, Need::Summary, &error, counts);
  BOOST_TEST(four.summary.get() == two.summary.get());
  BOOST_TEST(counts.read == 3);
}

BOOST_AUTO_TEST_CASE(load_article_refuses_a_file_over_the_limit_without_reading_it) {
  Folder f(1);
  ArticleCache cache;
  LoadCounts counts;
  std::string error;
  BOOST_TEST(!load_article(cache, Root::open(f.path), f.listing.entries[0], 5, {}, Need::Article,
                           &error, counts));
  BOOST_TEST(error.find("over the limit of 5 bytes") != std::string::npos);
  BOOST_TEST(counts.read == 0);
}

BOOST_AUTO_TEST_CASE(prefetched_articles_come_in_order_whatever_the_threads) {
  Folder f(200);
  for (unsigned threads : {0u, 1u, 4u}) {
    ArticleCache cache;
    LoadCounts counts;
    Prefetcher p(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Article, threads,
                 7, counts);
    for (std::size_t i = 0; i < 200; ++i) {
      std::string error;
      auto a = p.take(i, &error);
      BOOST_REQUIRE(a);
      BOOST_TEST(a.article->title.value() == "Title " + std::to_string(i));
    }
    BOOST_TEST(counts.read == 200);
    BOOST_TEST(cache.stats().entries == 200u);
  }
}

// Regression: every scan started a worker per hardware thread, blind to CPU affinity and cgroup
// quotas, with no bound over the process (a two-table join ran 5 threads on one CPU).
BOOST_AUTO_TEST_CASE(the_workers_of_all_scans_together_stay_within_the_usable_cpus) {
  Folder f(60);
  cpu_set_t saved;
  BOOST_REQUIRE(::sched_getaffinity(0, sizeof saved, &saved) == 0);
  BOOST_TEST(sys::usable_cpus() <= static_cast<unsigned>(CPU_COUNT(&saved)));
  int cpu = 0;
  while (!CPU_ISSET(cpu, &saved)) ++cpu;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  BOOST_REQUIRE(::sched_setaffinity(0, sizeof one, &one) == 0);  // as `taskset -c N` does
  BOOST_TEST(sys::usable_cpus() == 1u);
  {
    ArticleCache cache;
    LoadCounts counts;
    Prefetcher a(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Summary, 8, 8,
                 counts);
    Prefetcher b(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Summary, 8, 8,
                 counts);
    BOOST_TEST(a.workers() + b.workers() == 1u);
    BOOST_TEST(process_workers().in_use() == 1u);
    for (std::size_t i = 0; i < 60; ++i) {  // a scan without workers loads every file itself
      std::string error;
      BOOST_TEST(a.take(i, &error).summary->text(Summary::kTitle).value() ==
                 "Title " + std::to_string(i));
      BOOST_TEST(b.take(i, &error).summary->text(Summary::kTitle).value() ==
                 "Title " + std::to_string(i));
    }
  }
  BOOST_TEST(process_workers().in_use() == 0u);
  BOOST_REQUIRE(::sched_setaffinity(0, sizeof saved, &saved) == 0);
}

BOOST_AUTO_TEST_CASE(workers_stay_within_the_window_ahead_of_the_reader) {
  Folder f(300);
  ArticleCache cache;
  LoadCounts counts;
  {
    Prefetcher p(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Article, 4, 10,
                 counts);
    std::string error;
    BOOST_CHECK(p.take(0, &error));
    // Give the workers every chance to run ahead; the window stops them.
    for (int spin = 0; spin < 50 && counts.loaded < 10; ++spin)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    BOOST_TEST(counts.loaded <= 11);
  }  // destroyed with most files never read: joins without waiting for them
  BOOST_TEST(counts.read <= 11);
}

BOOST_AUTO_TEST_CASE(the_reader_may_skip_ahead) {
  Folder f(100);
  ArticleCache cache;
  LoadCounts counts;
  Prefetcher p(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Article, 2, 4,
               counts);
  std::string error;
  BOOST_TEST(p.take(0, &error).article->title.value() == "Title 0");
  BOOST_TEST(p.take(50, &error).article->title.value() == "Title 50");
  BOOST_TEST(p.take(99, &error).article->title.value() == "Title 99");
  BOOST_TEST(counts.loaded < 100);
}

namespace {

// Holds the opening of a0000.md until five other files were opened (or five seconds passed).
std::atomic<bool> g_holding{false}, g_held_too_long{false};
std::atomic<int> g_other_opens{0};
int hold_the_first_file(sys::Site site, const char* name, std::size_t*) {
  if (site != sys::Site::OpenFile || name == nullptr) return 0;
  if (std::string(name) != "a0000.md") {
    ++g_other_opens;
    return 0;
  }
  g_holding = true;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (g_other_opens < 5 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  g_held_too_long = g_other_opens < 5;
  return 0;
}

}  // namespace

// A reader that waits for a file a worker is loading loads the next files itself meanwhile
// (it used to sleep until the worker was done: a wake-up per file, a tenth of a cold scan).
BOOST_AUTO_TEST_CASE(the_reader_loads_later_files_while_a_worker_holds_its_own) {
  Folder f(20);
  ArticleCache cache;
  LoadCounts counts;
  sys::set_fault_hook(hold_the_first_file);
  {
    Prefetcher p(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Article, 1, 8,
                 counts);
    while (!g_holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::string error;
    BOOST_TEST(p.take(0, &error).article->title.value() == "Title 0");
    BOOST_TEST(!g_held_too_long);
    for (std::size_t i = 1; i < 20; ++i)
      BOOST_TEST(p.take(i, &error).article->title.value() == "Title " + std::to_string(i));
  }
  sys::set_fault_hook(nullptr);
  BOOST_TEST(counts.read == 20);
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_read_gives_its_error) {
  Folder f(3);
  std::system(("rm '" + f.path + "/a0001.md'").c_str());
  ArticleCache cache;
  LoadCounts counts;
  Prefetcher p(cache, Root::open(f.path), f.listing.entries, 1 << 20, {}, Need::Article, 2, 8,
               counts);
  std::string error;
  BOOST_CHECK(p.take(0, &error));
  BOOST_TEST(!p.take(1, &error));
  BOOST_TEST(error == "the file vanished before it could be read");
  BOOST_TEST(p.take(2, &error).article->title.value() == "Title 2");
}

// Eight readers list and load a folder again and again while a writer replaces files by rename
// and deletes and restores them: no crash, no data race (CI runs this under ThreadSanitizer),
// and every article read is one whole state its file was in.
BOOST_AUTO_TEST_CASE(readers_see_whole_states_while_a_writer_edits) {
  Folder f(20);
  ArticleCache cache(64 * 1024);  // small: evictions happen during the run too
  std::atomic<bool> done{false};
  std::atomic<long> rows{0}, bad{0};
  auto check = [&](const Entry& e, const Article* a) {
    if (!a) return;  // vanished between listing and reading: an error row, not a wrong one
    ++rows;
    // "Title <i>" with body "Body <i>\n", or "Title <i> v<k>" with body "Body <i> v<k>\n",
    // in the file a<i>.md.
    const std::string title = a->title.value_or("");
    const std::string state = title.rfind("Title ", 0) == 0 ? title.substr(6) : "";
    char name[32];
    std::snprintf(name, sizeof name, "a%04d.md", std::atoi(state.c_str()));
    if (state.empty() || a->body != "Body " + state + "\n" || e.path != name) ++bad;
  };
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      while (!done) {
        Listing l = list_directory(f.path, {});
        LoadCounts counts;
        if (t % 2 == 0) {
          Prefetcher p(cache, Root::open(f.path), l.entries, 1 << 20, {}, Need::Article, 2, 4,
                       counts);
          for (std::size_t i = 0; i < l.entries.size(); ++i) {
            std::string error;
            check(l.entries[i], p.take(i, &error).article.get());
          }
        } else {
          for (const Entry& e : l.entries) {
            std::string error;
            check(e, load_article(cache, Root::open(f.path), e, 1 << 20, {}, Need::Article, &error,
                                  counts)
                         .article.get());
          }
        }
      }
    });
  }
  for (int k = 1; k <= 300; ++k) {
    const int i = k % 20;
    char name[32];
    std::snprintf(name, sizeof name, "/a%04d.md", i);
    const std::string target = f.path + name, temp = f.path + "/.tmp";
    std::ofstream(temp) << "---\ntitle: Title " << i << " v" << k << "\n---\nBody " << i << " v"
                        << k << "\n";
    if (k % 7 == 0) std::remove(target.c_str());
    std::rename(temp.c_str(), target.c_str());
  }
  done = true;
  for (auto& r : readers) r.join();
  BOOST_TEST(rows.load() > 0);
  BOOST_TEST(bad.load() == 0);
}
