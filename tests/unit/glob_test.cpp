#define BOOST_TEST_MODULE glob
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "core/glob.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

namespace {

struct Case {
  const char* glob;
  const char* text;
  bool nocase;
  bool match;
};
std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.glob << " ~ " << c.text;
}

const Case kCases[] = {
    {"*.md", "a.md", false, true},
    {"*.md", "a.MD", false, false},
    {"*.md", "a.MD", true, true},
    {"*.md", "dir/a.md", false, false},  // * never crosses /
    {"a?.md", "ab.md", false, true},
    {"a?.md", "a\xC3\xA9.md", false, true},  // ? is one character, not one byte
    {"[ab]*.md", "b1.md", false, true},
    {"[!ab]*.md", "b1.md", false, false},
    {"[a-c]x", "Bx", true, true},
    {"\\*.md", "*.md", false, true},
    {"\\*.md", "a.md", false, false},
    {"**/*.md", "a.md", false, true},  // ** is zero folders too
    {"**/*.md", "x/y/z/a.md", false, true},
    {"news/**/*.md", "news/a.md", false, true},
    {"news/**/*.md", "news/2024/05/a.md", false, true},
    {"news/**/*.md", "old/news/a.md", false, false},
    {"news/**", "news/a/b.txt", false, true},
    {"a**b", "axxb", false, true},  // ** inside a part is a plain *
    {"a**b", "ax/xb", false, false},
};

}  // namespace

BOOST_DATA_TEST_CASE(globs, data::make(kCases), c) {
  BOOST_TEST(glob_match(c.glob, c.text, c.nocase) == c.match);
}

BOOST_AUTO_TEST_CASE(alternatives_and_lists) {
  Patterns p = Patterns::parse("*.{md,txt}", false);
  BOOST_TEST(p.matches("a.md", "a.md"));
  BOOST_TEST(p.matches("a.txt", "x/a.txt"));
  BOOST_TEST(!p.matches("a.png", "a.png"));
  Patterns nested = Patterns::parse("{news/{a,b},old}/*.md", false);
  BOOST_TEST(nested.matches("x.md", "news/b/x.md"));
  BOOST_TEST(nested.matches("x.md", "old/x.md"));
  BOOST_TEST(!nested.matches("x.md", "news/c/x.md"));
  Patterns list = Patterns::parse(R"(["*.md", "notes/**"])", true);
  BOOST_TEST(list.matches("A.MD", "A.MD"));
  BOOST_TEST(list.matches("x.png", "notes/deep/x.png"));
  BOOST_TEST(!list.matches("x.png", "x.png"));
  BOOST_TEST(Patterns::parse("[ab]*.md", false).matches("a.md", "a.md"));  // a class, no list
  BOOST_TEST(Patterns::parse("", false).matches("anything", "anything"));
}

// A pattern full of stars against a long name fails in polynomial time (memoised), not after
// exponentially many tries.
BOOST_AUTO_TEST_CASE(star_heavy_patterns_stay_fast) {
  const std::string name(250, 'a');
  BOOST_TEST(!glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*b", name, false));
  BOOST_TEST(!glob_match("**/**/**/**/**/**/**/**/x", std::string(400, '/'), false));
  BOOST_TEST(glob_match("*a*a*a*", name, false));
}

BOOST_AUTO_TEST_CASE(bad_patterns_say_why) {
  for (const char* bad : {"*.{md,txt", "[abc", R"(["*.md", 3])", R"(["*.md", ""])"})
    BOOST_CHECK_THROW(Patterns::parse(bad, false), std::invalid_argument);
}
