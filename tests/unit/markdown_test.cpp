#define BOOST_TEST_MODULE markdown
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "core/markdown.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

namespace {

struct Case {
  const char* what;
  const char* text;
  const char* heading;  // nullptr: none
};
std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.what;
}

const Case kCases[] = {
    {"an ATX heading", "# Title\nbody\n", "Title"},
    {"after text", "Intro line.\n\n# Title\n", "Title"},
    {"a closing run of #", "# Title ##\n", "Title"},
    {"a # inside the text stays", "# C# in a day\n", "C# in a day"},
    {"# glued to the text is no closing run", "# Title#\n", "Title#"},
    {"up to three spaces of indent", "   # Title\n", "Title"},
    {"four spaces: indented code", "    # Code\n\n# Title\n", "Title"},
    {"a tab after the #", "#\tTitle\n", "Title"},
    {"no space: a hashtag", "#hashtag\n# Title\n", "Title"},
    {"level 2 is not a title", "## Section\n\nText\n", nullptr},
    {"an empty heading is passed over", "#\n# #\n# Title\n", "Title"},
    {"inline markup as written", "# The *new* `API`\n", "The *new* `API`"},
    {"CRLF", "\r\n# Title\r\nbody\r\n", "Title"},
    {"setext", "Title\n=====\n", "Title"},
    {"setext under a two-line paragraph: its last line", "First line\nsecond line\n===\n",
     "second line"},
    {"an HTML line after a list item's text continues it", "- item\n<div>\n# Title\n", "Title"},
    {"setext with one =", "Title\n=\n", "Title"},
    {"a === line after a blank is no heading", "Para\n\n===\n\n# Title\n", "Title"},
    {"setext level 2 is not a title", "Title\n-----\n\n# Real\n", "Real"},
    {"a fence hides headings", "```\n# Not\n```\n# Title\n", "Title"},
    {"a tilde fence", "~~~md\n# Not\n~~~\n# Title\n", "Title"},
    {"a longer closing fence", "````\n# Not\n```\n# Still not\n`````\n# Title\n", "Title"},
    {"an unclosed fence hides the rest", "```\n# Not\n", nullptr},
    {"a backtick info string with a backtick is no fence", "``` a`b\n# Title\n", "Title"},
    {"a comment hides headings", "<!--\n# Not\n-->\n# Title\n", "Title"},
    {"a one-line comment", "<!-- # Not -->\n# Title\n", "Title"},
    {"an HTML block to the blank line", "<div>\n# Not\n</div>\n\n# Title\n", "Title"},
    {"a script to its end tag", "<script>\n\n# Not\n</script>\n# Title\n", "Title"},
    {"a tag and text on a line is no block", "<span>text</span>\n\n# Title\n", "Title"},
    {"a lone tag opens a block", "<span class=\"x\">\n# Not\n\n# Title\n", "Title"},
    {"a lone closing tag too", "</section-x>\n# Not\n\n# Title\n", "Title"},
    {"a lone tag does not interrupt a paragraph", "Text\n<span>\n# Title\n", "Title"},
    {"any raw end tag ends a raw block", "<script>\n# Not\n</pre>\n# Title\n", "Title"},
    {"a list item is never a title", "- # Not\n\n# Title\n", "Title"},
    {"a list item's paragraph is no setext title", "- item\ncontinued\n===\n\n# Title\n", "Title"},
    {"a quote is never a title", "> # Not\n> Quote\n===\n\n# Title\n", "Title"},
    {"nothing", "Just text.\n", nullptr},
    {"empty", "", nullptr},
};

}  // namespace

BOOST_DATA_TEST_CASE(the_first_level_one_heading, data::make(kCases), c) {
  std::optional<std::string> got = first_heading(c.text);
  if (c.heading)
    BOOST_TEST(got.value_or("<none>") == c.heading);
  else
    BOOST_TEST(!got.has_value(), got.value_or(""));
}

BOOST_AUTO_TEST_CASE(markdown_names_and_stems) {
  for (const char* name : {"a.md", "B.MD", "c.markdown", "d.mdx", "e.mkd", "f.mdown", "g.x.Md"})
    BOOST_TEST(is_markdown_name(name), name);
  for (const char* name : {"a.txt", "md", ".md", "a.md.txt", "a.mdk", ""})
    BOOST_TEST(!is_markdown_name(name), name);
  BOOST_TEST(name_stem("notes.v2.md") == "notes.v2");
  BOOST_TEST(name_stem("README") == "README");
  BOOST_TEST(name_stem(".hidden") == ".hidden");
}
