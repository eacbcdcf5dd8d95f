#define BOOST_TEST_MODULE cache
#include <boost/test/unit_test.hpp>

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "cache/cache.hpp"

using namespace articles;

namespace {

FileStamp stamp(std::uint64_t inode, std::int64_t mtime_ns = 1000, std::int64_t size = 10) {
  return FileStamp{1, inode, size, mtime_ns, mtime_ns};
}

std::shared_ptr<const Article> article(const std::string& body) {
  return std::make_shared<const Article>(parse_article("Title\n" + body));
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_unchanged_file_is_a_hit) {
  ArticleCache cache;
  BOOST_TEST(!cache.find(stamp(7)));
  cache.insert(stamp(7), article("x"));
  auto hit = cache.find(stamp(7));
  BOOST_REQUIRE(hit);
  BOOST_TEST(hit->body == "x");
  CacheStats s = cache.stats();
  BOOST_TEST(s.hits == 1);
  BOOST_TEST(s.misses == 1);
  BOOST_TEST(s.parses == 1);
  BOOST_TEST(s.entries == 1u);
  BOOST_TEST(s.bytes > 0u);
}

BOOST_AUTO_TEST_CASE(any_change_of_the_stamp_is_a_miss) {
  ArticleCache cache;
  cache.insert(stamp(7, 1000), article("x"));
  BOOST_TEST(!cache.find(stamp(7, 1001)));      // rewritten within the same second
  BOOST_TEST(!cache.find(stamp(7, 1000, 11)));  // another size
  BOOST_TEST(!cache.find(stamp(8, 1000)));      // replaced by rename: another inode
  FileStamp ctime_only = stamp(7);
  ctime_only.ctime_ns += 1;  // mtime set back after a write
  BOOST_TEST(!cache.find(ctime_only));
  BOOST_TEST(cache.find(stamp(7, 1000)));
}

BOOST_AUTO_TEST_CASE(a_new_parse_replaces_the_entry_of_its_file) {
  ArticleCache cache;
  cache.insert(stamp(7, 1000), article("old"));
  cache.insert(stamp(7, 2000), article("new"));
  BOOST_TEST(cache.stats().entries == 1u);
  BOOST_TEST(!cache.find(stamp(7, 1000)));
  BOOST_TEST(cache.find(stamp(7, 2000))->body == "new");
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_leave_when_the_budget_is_passed) {
  ArticleCache cache;
  cache.insert(stamp(1), article(std::string(1000, 'a')));
  std::size_t one = cache.stats().bytes;
  cache.set_limit(one * 2 + one / 2);  // room for two
  cache.insert(stamp(2), article(std::string(1000, 'b')));
  BOOST_TEST(cache.find(stamp(1)));  // 1 is now the most recently used
  cache.insert(stamp(3), article(std::string(1000, 'c')));
  BOOST_TEST(cache.stats().entries == 2u);
  BOOST_TEST(cache.stats().evictions == 1);
  BOOST_TEST(cache.find(stamp(1)));
  BOOST_TEST(!cache.find(stamp(2)));
  BOOST_TEST(cache.stats().bytes <= one * 2 + one / 2);
}

BOOST_AUTO_TEST_CASE(set_limit_returns_the_previous_limit_and_evicts) {
  ArticleCache cache;
  BOOST_TEST(cache.set_limit(1000) == ArticleCache::kDefaultLimit);
  cache.insert(stamp(1), article("x"));
  BOOST_TEST(cache.set_limit(0) == 1000u);
  BOOST_TEST(cache.stats().entries == 0u);
  BOOST_TEST(cache.stats().bytes == 0u);
}

BOOST_AUTO_TEST_CASE(an_article_larger_than_the_budget_is_not_stored) {
  ArticleCache cache(100);
  cache.insert(stamp(1), article(std::string(1000, 'x')));
  BOOST_TEST(cache.stats().entries == 0u);
  BOOST_TEST(cache.stats().parses == 1);
}

BOOST_AUTO_TEST_CASE(a_reader_keeps_its_article_after_eviction) {
  ArticleCache cache;
  cache.insert(stamp(1), article("kept"));
  auto held = cache.find(stamp(1));
  cache.clear();
  BOOST_TEST(cache.stats().entries == 0u);
  BOOST_TEST(held->body == "kept");
}

BOOST_AUTO_TEST_CASE(many_threads_share_one_cache) {
  // Boost.Test's assertions are not thread-safe: threads count what is wrong, main checks.
  ArticleCache cache(20000);
  std::atomic<int> wrong_titles{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, &wrong_titles, t] {
      for (int i = 0; i < 500; ++i) {
        auto key = stamp(static_cast<std::uint64_t>(i % 50));
        if (auto hit = cache.find(key)) {
          if (hit->title.value() != "Title") ++wrong_titles;
        } else {
          cache.insert(key, article(std::to_string(t)));
        }
        if (i % 97 == 0) cache.set_limit(10000 + 1000 * static_cast<std::size_t>(t));
      }
    });
  }
  for (auto& th : threads) th.join();
  BOOST_TEST(wrong_titles == 0);
  CacheStats s = cache.stats();
  BOOST_TEST(s.hits + s.misses == 2000);
  BOOST_TEST(s.bytes <= s.limit);
}

BOOST_AUTO_TEST_CASE(an_article_parsed_with_other_limits_is_a_miss) {
  ArticleCache cache;
  cache.insert(stamp(7), article("x"), 1);
  BOOST_TEST(!cache.find(stamp(7), 2));
  BOOST_TEST(cache.find(stamp(7), 1));
}

// The byte budget holds what the allocator really gives out: the estimate of an article is
// within 10% of the heap that parsing it leaves behind, as glibc's mallinfo2 counts it. CTest
// runs this with glibc's per-thread cache off (GLIBC_TUNABLES), which otherwise counts freed
// chunks as used; sanitizer builds replace the allocator and skip it.
BOOST_AUTO_TEST_CASE(the_estimate_follows_the_heap) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  BOOST_TEST_MESSAGE("a sanitizer owns the allocator: skipped");
#else
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (!tunables || !std::strstr(tunables, "glibc.malloc.tcache_count=0")) {
    BOOST_TEST_MESSAGE("run without GLIBC_TUNABLES=glibc.malloc.tcache_count=0: skipped");
    return;
  }
  std::string front =
      "---\ntitle: A Title Long Enough Not to Fit in a Small String\n"
      "provider:\n  name: Harbour Review\n  domain: harbour.example\n"
      "topics: [cranes, harbour, electric power, ports of the north sea]\n"
      "images:\n";
  for (int i = 0; i < 4; ++i)
    front += "  - url: https://images.example/harbour/crane-" + std::to_string(i) +
             ".jpg\n    width: 1200\n    height: 800\n    isCached: true\n";
  front += "related:\n";
  for (int i = 0; i < 4; ++i)
    front += "  - title: Related story number " + std::to_string(i) +
             " about the harbour\n    webUrl: https://news.example/story-" + std::to_string(i) +
             "\n    provider:\n      name: Rhine Courier\n";
  front += "---\n";
  std::string body;
  for (int i = 0; i < 40; ++i)
    body +=
        "The harbour cranes will run on electric power by the end of the year, the port "
        "said on Monday.\n\n";
  for (const std::string& text : {front + body, "Harbour cranes go electric\n\n" + body}) {
    parse_article(text);  // first use fills static tables: not part of the article
    struct mallinfo2 before = mallinfo2();
    auto a = std::make_shared<const Article>(parse_article(text));
    struct mallinfo2 after = mallinfo2();
    const double used =
        static_cast<double>((after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd));
    const double estimate = static_cast<double>(approx_bytes(*a));
    BOOST_TEST(estimate >= 0.9 * used, estimate << " estimated, " << used << " used");
    BOOST_TEST(estimate <= 1.1 * used, estimate << " estimated, " << used << " used");
  }
#endif
}
