#define BOOST_TEST_MODULE tree
#include <boost/test/unit_test.hpp>

#include "core/tree.hpp"
#include "core/yaml_reader.hpp"
#include "hostile_text.hpp"

using namespace articles;

namespace {

Value yaml(const std::string& block) {
  YamlResult r = read_yaml_block(block, 2);
  BOOST_REQUIRE_MESSAGE(r.ok, r.error.text());
  return r.root;
}

std::string urls(const std::vector<Link>& links) {
  std::string out;
  for (const auto& l : links) out += l.url + " @" + std::to_string(l.line) + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(path_keys_are_quoted_as_json_tree_quotes_them) {
  std::string p = "$";
  append_path_key(p, "title");
  append_path_key(p, "isCached2");
  append_path_key(p, "cSpell:ignore");
  append_path_key(p, "a.b");
  append_path_key(p, "with space");
  append_path_key(p, "snake_case");
  append_path_key(p, "2nd");
  append_path_key(p, "");
  append_path_key(p, "q\"uote");
  BOOST_TEST(
      p ==
      R"($.title.isCached2."cSpell:ignore"."a.b"."with space"."snake_case"."2nd".""."q\"uote")");
}

BOOST_AUTO_TEST_CASE(leaves_come_in_document_order_with_their_paths) {
  Value v = yaml(
      "title: T\nprovider: {name: N}\ntopics: [a, b]\nempty: []\n"
      "related:\n  - images:\n      - url: u\n");
  std::string got;
  for (LeafWalker w(v); w.next();) {
    const Leaf& leaf = w.leaf();
    got += leaf.fullkey + "=" + leaf.value->text + " ";
    got += leaf.key_is_index ? std::to_string(leaf.index) : leaf.key;
    got += "\n";
  }
  BOOST_TEST(got ==
             "$.title=T title\n$.provider.name=N name\n$.topics[0]=a 0\n$.topics[1]=b 1\n"
             "$.related[0].images[0].url=u url\n");
}

BOOST_AUTO_TEST_CASE(hosts_are_lower_cased_without_user_or_port) {
  BOOST_TEST(url_host("https://News.Example.COM/a") == "news.example.com");
  BOOST_TEST(url_host("HTTP://user:pw@host.example:8080/x?y#z") == "host.example");
  BOOST_TEST(url_host("https://example.org.") == "example.org");
  BOOST_TEST(url_host("https://[::1]:80/") == "[::1]");
  BOOST_TEST(url_host("https://b\u00FCcher.example/") == "b\u00FCcher.example");
  BOOST_TEST(url_host("https://") == "");
  BOOST_TEST(url_host("ftp://example.org") == "");
}

// Pairs of URLs that name one page, and pairs that do not: matched as target_path matches them
// (the key, then the key with `www.` toggled).
namespace {

bool same_page(const std::string& a, const std::string& b) {
  return url_key(a) == url_key(b) ||
         (!url_key_other_www(a).empty() && url_key_other_www(a) == url_key(b));
}

const std::pair<const char*, const char*> kSamePage[] = {
    {" https://a.example/x/ ", "https://a.example/x"},
    {"https://News.Example.com/a/harbour/", "https://news.example.com/a/harbour"},
    {"http://news.example.com/a/harbour", "https://news.example.com/a/harbour"},
    {"https://news.example.com/a/harbour/#top", "https://news.example.com/a/harbour"},
    {"https://news.example.com/a/harbour?utm_source=feed", "https://news.example.com/a/harbour"},
    {"https://news.example.com:443/a/harbour", "https://news.example.com/a/harbour"},
    {"http://news.example.com:80/a/harbour", "https://news.example.com/a/harbour"},
    {"https://news.example.com/a/harbour/index.html", "https://news.example.com/a/harbour"},
    {"https://news.example.com/index.htm", "https://news.example.com/"},
    {"https://news.example.com", "https://news.example.com/"},
    {"https://www.news.example.com/a", "https://news.example.com/a"},
    {"https://news.example.com/a", "https://www.news.example.com/a"},
    {"HTTPS://user@News.Example.com./a", "https://news.example.com/a"},
    {"/local/page/", "/local/page"},
};

const std::pair<const char*, const char*> kOtherPage[] = {
    {"https://news.example.com/a/Harbour", "https://news.example.com/a/harbour"},  // path case
    {"https://news.example.com:8443/a", "https://news.example.com/a"},
    {"https://news.example.com/a/harbour-2", "https://news.example.com/a/harbour"},
    {"https://www2.news.example.com/a", "https://news.example.com/a"},
    {"https://news.example.com/a/b", "https://news.example.com/a"},
    {"https://other.example.com/a", "https://news.example.com/a"},
    {"https://news.example.com/a/index.php", "https://news.example.com/a"},
    {"ftp://news.example.com/a", "https://news.example.com/a"},
    {"www.a/b", "a/b"},  // no scheme: no host to toggle
};

}  // namespace

BOOST_AUTO_TEST_CASE(urls_that_name_one_page_match) {
  for (const auto& [a, b] : kSamePage) {
    BOOST_TEST(same_page(a, b), a << " and " << b);
    BOOST_TEST(same_page(b, a), b << " and " << a);
  }
  for (const auto& [a, b] : kOtherPage) {
    BOOST_TEST(!same_page(a, b), a << " and " << b);
    BOOST_TEST(!same_page(b, a), b << " and " << a);
  }
  BOOST_TEST(url_key("HTTP://News.Example.com:443/a/index.html#top") == "news.example.com/a");
}

BOOST_AUTO_TEST_CASE(text_links_at_line_ends_and_before_punctuation) {
  BOOST_TEST(urls(text_links("See https://a.example/x.\nAnd https://b.example/y, then", 10)) ==
             "https://a.example/x @10\nhttps://b.example/y @11\n");
  BOOST_TEST(urls(text_links("Really? https://a.example/q?x=1!", 1)) ==
             "https://a.example/q?x=1 @1\n");
}

BOOST_AUTO_TEST_CASE(text_links_in_parentheses_and_markdown) {
  BOOST_TEST(urls(text_links("[docs](https://a.example/d) (see https://b.example/e)", 1)) ==
             "https://a.example/d @1\nhttps://b.example/e @1\n");
  BOOST_TEST(urls(text_links("https://en.example/wiki/Foo_(bar) end", 1)) ==
             "https://en.example/wiki/Foo_(bar) @1\n");
  BOOST_TEST(urls(text_links("<https://a.example/x> and \"https://b.example\"", 1)) ==
             "https://a.example/x @1\nhttps://b.example @1\n");
}

// The brackets of a URL were counted again at each closing bracket trimmed from its end: a URL
// ending in millions of `)` took minutes. Counted once; mixed tails trimmed as before.
BOOST_AUTO_TEST_CASE(a_tail_of_closing_brackets_is_trimmed_in_linear_time,
                     *boost::unit_test::timeout(60)) {
  const std::string tail(testing::kHostileBytes, ')');
  BOOST_TEST(urls(text_links("https://a.example/" + tail, 1)) == "https://a.example/ @1\n");
  BOOST_TEST(urls(text_links("https://a.example/" + std::string(testing::kHostileBytes, ']'), 1)) ==
             "https://a.example/ @1\n");
  BOOST_TEST(urls(text_links("(https://en.example/wiki/A_(b)_[c]).]),", 1)) ==
             "https://en.example/wiki/A_(b)_[c] @1\n");
}

BOOST_AUTO_TEST_CASE(text_links_glued_to_a_word_keep_only_the_url) {
  BOOST_TEST(urls(text_links("Jane Doehttps://example.com/ wrote", 1)) ==
             "https://example.com/ @1\n");
  BOOST_TEST(urls(text_links("By Ana RuizHTTPS://News.example/ana", 1)) ==
             "HTTPS://News.example/ana @1\n");
}

BOOST_AUTO_TEST_CASE(text_links_with_non_ascii_hosts_and_paths) {
  auto links = text_links("\u00DCber https://b\u00FCcher.example/s\u00E4tze. Ende", 1);
  BOOST_REQUIRE(links.size() == 1u);
  BOOST_TEST(links[0].url == "https://b\u00FCcher.example/s\u00E4tze");
  BOOST_TEST(links[0].host == "b\u00FCcher.example");
}

BOOST_AUTO_TEST_CASE(things_that_are_not_links) {
  BOOST_TEST(text_links("mailto:a@b.example ftp://x.example https:// http:/x", 1).empty());
}
