#define BOOST_TEST_MODULE cache
#include <boost/test/unit_test.hpp>

#include <malloc.h>

#include <algorithm>
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

// A parse of "Title" over `body`, with the whole article or as its summary alone.
Cached whole(const std::string& body) {
  auto a = std::make_shared<const Article>(parse_article("Title\n" + body));
  return Cached{std::make_shared<const Summary>(*a), a};
}

Cached summary(const std::string& body) {
  return Cached{whole(body).summary, nullptr};
}

constexpr Need kArticle = Need::Article;
constexpr Need kSummary = Need::Summary;

}  // namespace

BOOST_AUTO_TEST_CASE(an_unchanged_file_is_a_hit) {
  ArticleCache cache;
  BOOST_TEST(!cache.find(stamp(7), 0, kArticle));
  cache.insert(stamp(7), whole("x"), 0);
  auto hit = cache.find(stamp(7), 0, kArticle);
  BOOST_REQUIRE(hit);
  BOOST_TEST(hit.article->body == "x");
  CacheStats s = cache.stats();
  BOOST_TEST(s.hits == 1);
  BOOST_TEST(s.misses == 1);
  BOOST_TEST(s.parses == 1);
  BOOST_TEST(s.entries == 1u);
  BOOST_TEST(s.bytes > 0u);
}

BOOST_AUTO_TEST_CASE(any_change_of_the_stamp_is_a_miss) {
  ArticleCache cache;
  cache.insert(stamp(7, 1000), whole("x"), 0);
  BOOST_TEST(!cache.find(stamp(7, 1001), 0, kArticle));      // rewritten within the same second
  BOOST_TEST(!cache.find(stamp(7, 1000, 11), 0, kArticle));  // another size
  BOOST_TEST(!cache.find(stamp(8, 1000), 0, kArticle));      // replaced by rename: another inode
  FileStamp ctime_only = stamp(7);
  ctime_only.ctime_ns += 1;  // mtime set back after a write
  BOOST_TEST(!cache.find(ctime_only, 0, kArticle));
  BOOST_CHECK(cache.find(stamp(7, 1000), 0, kArticle));
}

BOOST_AUTO_TEST_CASE(a_new_parse_replaces_the_entry_of_its_file) {
  ArticleCache cache;
  cache.insert(stamp(7, 1000), whole("old"), 0);
  cache.insert(stamp(7, 2000), whole("new"), 0);
  BOOST_TEST(cache.stats().entries == 1u);
  BOOST_TEST(!cache.find(stamp(7, 1000), 0, kArticle));
  BOOST_TEST(cache.find(stamp(7, 2000), 0, kArticle).article->body == "new");
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_articles_leave_first_and_their_summaries_stay) {
  ArticleCache cache;
  cache.insert(stamp(1), whole(std::string(1000, 'a')), 0);
  std::size_t one = cache.stats().bytes;
  cache.set_limit(one * 2 + one / 2);  // room for two whole articles
  cache.insert(stamp(2), whole(std::string(1000, 'b')), 0);
  BOOST_CHECK(cache.find(stamp(1), 0, kArticle));  // 1 is now the most recently used
  cache.insert(stamp(3), whole(std::string(1000, 'c')), 0);
  CacheStats s = cache.stats();
  BOOST_TEST(s.entries == 3u);
  BOOST_TEST(s.articles == 2u);
  BOOST_TEST(s.evictions == 1);
  BOOST_TEST(s.bytes <= one * 2 + one / 2);
  BOOST_CHECK(cache.find(stamp(1), 0, kArticle));
  BOOST_TEST(!cache.find(stamp(2), 0, kArticle));
  Cached two = cache.find(stamp(2), 0, kSummary);  // the summary stayed
  BOOST_REQUIRE(two);
  BOOST_TEST(!two.article);
  BOOST_TEST(std::string(*two.summary->text(Summary::kTitle)) == "Title");
}

BOOST_AUTO_TEST_CASE(summaries_leave_least_recently_used_first_when_no_article_is_left) {
  ArticleCache cache;
  cache.insert(stamp(1), summary("a"), 0);
  std::size_t one = cache.stats().bytes;
  cache.set_limit(one * 2 + one / 2);
  cache.insert(stamp(2), summary("b"), 0);
  BOOST_CHECK(cache.find(stamp(1), 0, kSummary));
  cache.insert(stamp(3), summary("c"), 0);
  BOOST_TEST(cache.stats().entries == 2u);
  BOOST_TEST(!cache.find(stamp(2), 0, kSummary));
  BOOST_CHECK(cache.find(stamp(1), 0, kSummary));
  BOOST_CHECK(cache.find(stamp(3), 0, kSummary));
}

BOOST_AUTO_TEST_CASE(a_summary_is_a_hit_for_summaries_only) {
  ArticleCache cache;
  cache.insert(stamp(7), summary("x"), 0);
  BOOST_TEST(cache.stats().articles == 0u);
  BOOST_TEST(!cache.find(stamp(7), 0, kArticle));
  Cached hit = cache.find(stamp(7), 0, kSummary);
  BOOST_REQUIRE(hit);
  BOOST_TEST(!hit.article);
  // A parse that keeps the whole article completes the entry.
  cache.insert(stamp(7), whole("x"), 0);
  BOOST_TEST(cache.find(stamp(7), 0, kArticle).article->body == "x");
  BOOST_TEST(cache.stats().entries == 1u);
}

BOOST_AUTO_TEST_CASE(a_summary_of_the_same_state_does_not_drop_a_cached_article) {
  ArticleCache cache;
  cache.insert(stamp(7), whole("x"), 0);
  cache.insert(stamp(7), summary("x"), 0);  // another thread parsed it for a summary
  BOOST_CHECK(cache.find(stamp(7), 0, kArticle));
  cache.insert(stamp(7, 2000), summary("y"), 0);  // a new state replaces it
  BOOST_TEST(!cache.find(stamp(7, 2000), 0, kArticle));
  BOOST_TEST(cache.stats().articles == 0u);
}

// A summary read back ahead of a scan (persistent cache): kept only where nothing is and only
// in the room left, never evicting; counted as restored and as a hit when first found, as
// nothing if its file changed or it leaves unused.
BOOST_AUTO_TEST_CASE(a_preloaded_summary_fills_free_room_and_counts_when_found) {
  auto titled = [](const std::string& title) {
    return std::make_shared<const Summary>(parse_article(title + "\nbody"));
  };
  ArticleCache sizes;
  sizes.insert(stamp(1), Cached{titled("A"), nullptr}, 0);
  const std::size_t one = sizes.stats().bytes;
  ArticleCache cache(one * 3);
  cache.insert(stamp(1), Cached{titled("P"), nullptr}, 0);
  BOOST_TEST(cache.preload(stamp(1), titled("A"), 0));  // present: left as it is
  BOOST_TEST(cache.preload(stamp(2), titled("B"), 0));
  BOOST_TEST(cache.preload(stamp(3, 2000), titled("C"), 0));
  BOOST_TEST(!cache.preload(stamp(4), titled("D"), 0));  // no room left
  CacheStats s = cache.stats();
  BOOST_TEST(s.entries == 3u);
  BOOST_TEST(s.evictions == 0);
  BOOST_TEST(s.restored == 0);
  BOOST_TEST(s.parses == 1);
  BOOST_TEST(cache.find(stamp(1), 0, kSummary).summary->text(Summary::kTitle).value() == "P");
  BOOST_TEST(cache.find(stamp(2), 0, kSummary).summary->text(Summary::kTitle).value() == "B");
  BOOST_CHECK(cache.find(stamp(2), 0, kSummary));
  BOOST_TEST(!cache.find(stamp(3), 0, kSummary));  // the file changed since it was stored
  s = cache.stats();
  BOOST_TEST(s.restored == 1);  // once, however often it is found
  BOOST_TEST(s.hits == 3);
  BOOST_TEST(s.misses == 1);
  // Unused, it is the first to leave.
  cache.insert(stamp(5), Cached{titled("E"), nullptr}, 0);
  BOOST_TEST(cache.stats().evictions == 1);
  BOOST_TEST(!cache.probe(stamp(3, 2000), 0, kSummary));
  BOOST_CHECK(cache.find(stamp(2), 0, kSummary));
}

// The index under churn: thousands of files coming and going (evicted least recently used
// first), against a plain model of which files the cache holds. Each holds the same bytes, so
// the cache keeps exactly the `room` most recently used.
BOOST_AUTO_TEST_CASE(the_index_follows_many_entries_coming_and_going) {
  ArticleCache sizes;
  sizes.insert(stamp(1), summary("s"), 0);
  const std::size_t room = 97;
  ArticleCache cache(sizes.stats().bytes * room);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> recent;  // (inode, variant), latest last
  auto touch = [&](std::uint64_t inode, std::uint64_t variant) {
    recent.erase(std::remove(recent.begin(), recent.end(), std::make_pair(inode, variant)),
                 recent.end());
    recent.emplace_back(inode, variant);
    if (recent.size() > room) recent.erase(recent.begin());
  };
  std::uint64_t seed = 12345;
  auto next = [&seed](std::uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  for (int step = 0; step < 20000; ++step) {
    const std::uint64_t inode = next(400) * 4096, variant = next(2);  // clustered inodes
    const bool held =
        std::find(recent.begin(), recent.end(), std::make_pair(inode, variant)) != recent.end();
    if (next(3) == 0) {
      BOOST_REQUIRE_EQUAL(static_cast<bool>(cache.find(stamp(inode), variant, kSummary)), held);
      if (held) touch(inode, variant);
    } else {
      cache.insert(stamp(inode), summary("s"), variant);
      touch(inode, variant);
    }
    BOOST_REQUIRE_EQUAL(cache.stats().entries, recent.size());
  }
  for (std::uint64_t inode = 0; inode < 400 * 4096; inode += 4096)
    for (std::uint64_t variant = 0; variant < 2; ++variant)
      BOOST_TEST(static_cast<bool>(cache.probe(stamp(inode), variant, kSummary)) ==
                 (std::find(recent.begin(), recent.end(), std::make_pair(inode, variant)) !=
                  recent.end()));
}

BOOST_AUTO_TEST_CASE(set_limit_returns_the_previous_limit_and_evicts) {
  ArticleCache cache;
  BOOST_TEST(cache.set_limit(1000) == ArticleCache::kDefaultLimit);
  cache.insert(stamp(1), whole("x"), 0);
  BOOST_TEST(cache.set_limit(0) == 1000u);
  BOOST_TEST(cache.stats().entries == 0u);
  BOOST_TEST(cache.stats().bytes == 0u);
}

BOOST_AUTO_TEST_CASE(what_is_larger_than_the_budget_is_not_stored) {
  const std::string body(1000, 'x');
  ArticleCache tiny(100);
  tiny.insert(stamp(1), whole(body), 0);
  BOOST_CHECK(tiny.stats().entries == 0u);
  BOOST_CHECK(tiny.stats().parses == 1);

  ArticleCache sizes;
  sizes.insert(stamp(1), summary(body), 0);
  ArticleCache cache(sizes.stats().bytes + 100);  // room for the summary, not the article
  cache.insert(stamp(1), whole(body), 0);
  BOOST_TEST(cache.stats().entries == 1u);
  BOOST_TEST(cache.stats().articles == 0u);
  BOOST_CHECK(cache.find(stamp(1), 0, kSummary));
}

BOOST_AUTO_TEST_CASE(a_reader_keeps_its_article_after_eviction) {
  ArticleCache cache;
  cache.insert(stamp(1), whole("kept"), 0);
  auto held = cache.find(stamp(1), 0, kArticle);
  cache.clear();
  BOOST_TEST(cache.stats().entries == 0u);
  BOOST_TEST(held.article->body == "kept");
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
        const Need need = (i + t) % 3 ? kSummary : kArticle;
        if (auto hit = cache.find(key, 0, need)) {
          if (*hit.summary->text(Summary::kTitle) != "Title") ++wrong_titles;
          if (need == kArticle && hit.article->title.value() != "Title") ++wrong_titles;
        } else {
          cache.insert(key, need == kArticle ? whole(std::to_string(t)) : summary("s"), 0);
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
  cache.insert(stamp(7), whole("x"), 1);
  BOOST_TEST(!cache.find(stamp(7), 2, kArticle));
  BOOST_CHECK(cache.find(stamp(7), 1, kArticle));
  // Two variants of one file (a declared table's and a plain one's) are kept side by side.
  cache.insert(stamp(7), whole("y"), 2);
  BOOST_CHECK(cache.find(stamp(7), 1, kArticle));
  BOOST_CHECK(cache.find(stamp(7), 2, kArticle));
  BOOST_TEST(cache.stats().entries == 2u);
}

// The byte budget holds what the allocator really gives out: the estimates of an article and of
// its summary are
// within 10% of the heap that making them leaves behind, as glibc's mallinfo2 counts it. CTest
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

    before = mallinfo2();
    auto sum = std::make_shared<const Summary>(*a);
    after = mallinfo2();
    const double summary_used =
        static_cast<double>((after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd));
    const double summary_estimate = static_cast<double>(approx_bytes(*sum));
    BOOST_TEST(summary_estimate >= 0.9 * summary_used);
    BOOST_TEST(summary_estimate <= 1.1 * summary_used);
  }
#endif
}
