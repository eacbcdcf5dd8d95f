#define BOOST_TEST_MODULE markdown
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

#include "core/markdown.hpp"
#include "hostile_text.hpp"

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

// ---- Sections: every heading, read as the title heading is read -------------------------

namespace {

// "level:heading@line-end_line^parent" for every section, joined by " | ".
std::string outline(std::string_view text, std::uint32_t first_line = 1) {
  std::string out;
  for (const Section& s : markdown_sections(text, first_line)) {
    if (!out.empty()) out += " | ";
    out += std::to_string(s.level) + ":" + s.heading.value_or("") + "@" + std::to_string(s.line) +
           "-" + std::to_string(s.end_line);
    if (s.parent) out += "^" + std::to_string(*s.parent);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_level_and_both_kinds_of_heading) {
  BOOST_TEST(outline("# One\ntext\n## Two\n### Three\n###### Six\n####### seven\n") ==
             "1:One@1-2 | 2:Two@3-3^0 | 3:Three@4-4^1 | 6:Six@5-6^2");
  // A setext heading is the paragraph's last line, from that line to its underline; `---`
  // under a paragraph is a level-2 heading, and after a blank line a rule.
  BOOST_TEST(outline("Title\n=====\nbody\n\nPart\n---\nmore\n\n---\nend\n") ==
             "1:Title@1-3 | 2:Part@5-10^0");
  BOOST_TEST(outline("# A #\n## B ##\n") == "1:A@1-1 | 2:B@2-2^0");
}

BOOST_AUTO_TEST_CASE(headings_in_code_comments_html_lists_and_quotes_are_text) {
  const char* text =
      "# Real\n"
      "```\n# in a fence\n```\n"
      "~~~\n## in a tilde fence\n~~~\n"
      "    # indented code\n\n"
      "<!--\n# in a comment\n-->\n"
      "<div>\n# in an HTML block\n</div>\n\n"
      "- item\n===\n"
      "> quote\n---\n"
      "## Also real\n";
  BOOST_TEST(outline(text) == "1:Real@1-20 | 2:Also real@21-21^0");
}

BOOST_AUTO_TEST_CASE(the_text_before_the_first_heading_and_a_text_without_any) {
  BOOST_TEST(outline("Intro.\n\n# A\n") == "0:@1-1 | 1:A@3-3");
  BOOST_TEST(outline("\n\n# A\n") == "1:A@3-3");               // blank lead: no level-0 section
  BOOST_TEST(outline("no heading\nat all\n", 7) == "0:@7-8");  // the whole text, from line 7
  BOOST_TEST(outline("") == "0:@1-1");
  const std::vector<Section> s = markdown_sections("Lead\n\n# A\n\n  body line\n\n", 1);
  BOOST_REQUIRE(s.size() == 2u);
  BOOST_TEST(std::string(s[0].text) == "Lead");
  BOOST_TEST(std::string(s[1].text) == "  body line");  // blank lines at both ends removed
  BOOST_TEST(!s[0].heading.has_value());
  BOOST_TEST(!s[0].anchor.has_value());
}

BOOST_AUTO_TEST_CASE(sections_are_read_one_at_a_time_as_a_whole) {
  const std::string text = "Lead.\n\n# A\ntext\n## B\n## B\n# A\n### B-1\nend\n";
  SectionReader reader(text, 1);
  std::vector<Section> stepped;
  for (Section s; reader.next(&s);) stepped.push_back(s);
  Section after;
  BOOST_TEST(!reader.next(&after));  // and stays at its end
  const std::vector<Section> whole = markdown_sections(text, 1);
  BOOST_REQUIRE(stepped.size() == whole.size());
  BOOST_REQUIRE(stepped.size() == 6u);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    BOOST_TEST(stepped[i].heading.value_or("-") == whole[i].heading.value_or("-"));
    BOOST_TEST(stepped[i].anchor.value_or("-") == whole[i].anchor.value_or("-"));
    BOOST_TEST(stepped[i].parent.value_or(99) == whole[i].parent.value_or(99));
    BOOST_TEST(stepped[i].line == whole[i].line);
    BOOST_TEST(stepped[i].end_line == whole[i].end_line);
    BOOST_TEST(stepped[i].text == whole[i].text);
  }
  // Anchors unique in the file, a repeat skipping one a heading took; parents by position.
  BOOST_TEST(*stepped[2].anchor == "b");
  BOOST_TEST(*stepped[3].anchor == "b-1");
  BOOST_TEST(*stepped[4].anchor == "a-1");
  BOOST_TEST(*stepped[5].anchor == "b-1-1");
  BOOST_TEST(*stepped[3].parent == 1u);
  BOOST_TEST(*stepped[5].parent == 4u);
}

BOOST_AUTO_TEST_CASE(blank_lines_around_a_sections_text_go_in_crlf_files_too) {
  const std::vector<Section> s =
      markdown_sections("# A\r\n\r\n \r\ntext one\r\n\r\n## B\r\n\r\nmore\r\n", 1);
  BOOST_REQUIRE(s.size() == 2u);
  BOOST_TEST(std::string(s[0].text) == "text one");
  BOOST_TEST(s[0].end_line == 4u);
  BOOST_TEST(std::string(s[1].text) == "more");
  BOOST_TEST(s[1].line == 6u);
}

BOOST_AUTO_TEST_CASE(parents_are_the_nearest_section_above_of_lower_level) {
  BOOST_TEST(outline("### Deep\n# Top\n### Under top\n## Middle\n### Under middle\n# Next\n") ==
             "3:Deep@1-1 | 1:Top@2-2 | 3:Under top@3-3^1 | 2:Middle@4-4^1 | "
             "3:Under middle@5-5^3 | 1:Next@6-6");
}

BOOST_AUTO_TEST_CASE(anchors_are_github_slugs_unique_in_the_file) {
  BOOST_TEST(heading_slug("Hello, *World*!") == "hello-world");
  BOOST_TEST(heading_slug("Configure `cache`") == "configure-cache");
  BOOST_TEST(heading_slug("[Link](https://example.com) and ![img](a.png) text") ==
             "link-and-img-text");
  BOOST_TEST(heading_slug("C++ & Rust") == "c--rust");
  BOOST_TEST(heading_slug("snake_case and kebab-case") == "snake_case-and-kebab-case");
  BOOST_TEST(heading_slug("Ünïcode Straße 2024") == "ünïcode-straße-2024");
  BOOST_TEST(heading_slug("Привет Мир") == "привет-мир");
  BOOST_TEST(heading_slug("a <br> b <span class=\"x\">c</span>") == "a--b-c");
  BOOST_TEST(heading_slug("1 < 2") == "1--2");  // not a tag: the `<` alone goes
  std::vector<std::string> anchors;
  for (const Section& s : markdown_sections("# Foo\n# Foo\n# Foo-1\n# Foo\n# !!!\n# ???\n", 1))
    anchors.push_back(*s.anchor);
  // GitHub: the third heading's own slug was taken by the second's numbering.
  const std::vector<std::string> expected = {"foo", "foo-1", "foo-1-1", "foo-2", "", "-1"};
  BOOST_TEST(anchors == expected, boost::test_tools::per_element());
}

// Many headings: the anchors given are found however many there are (the set of them grows
// and is laid out again many times over).
BOOST_AUTO_TEST_CASE(thousands_of_repeated_headings_keep_unique_anchors) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += i % 2 ? "# b-" + std::to_string(i / 2) + "\n" : "# b\n";
  const std::vector<Section> s = markdown_sections(text, 1);
  BOOST_REQUIRE(s.size() == 5000u);
  std::set<std::string> seen;
  for (const Section& x : s) seen.insert(*x.anchor);
  BOOST_TEST(seen.size() == 5000u);
  // "b", "b-0", then each repeat of "b" takes the next number no heading holds yet.
  BOOST_TEST(*s[0].anchor == "b");
  BOOST_TEST(*s[1].anchor == "b-0");
  BOOST_TEST(*s[2].anchor == "b-1");
  BOOST_TEST(*s[3].anchor == "b-1-1");  // "b-1" was taken by the repeat above
  BOOST_TEST(*s[4998].anchor == "b-2499");
}

// Hugo, Pandoc and kramdown give a heading its own id with an attribute block at its end: that
// is its anchor, and the block (with or without an id) is not part of the heading.
BOOST_AUTO_TEST_CASE(an_attribute_block_names_the_anchor) {
  const std::vector<Section> s = markdown_sections(
      "## Install {#setup}\n## Wide {#wide .class key=v}\n## Set {x}\n## Glued{#no}\n"
      "## Again {#setup}\n## `Easy CLA` {.notranslate lang=en}\n",
      1);
  BOOST_REQUIRE(s.size() == 6u);
  BOOST_TEST(*s[0].heading == "Install");
  BOOST_TEST(*s[0].anchor == "setup");
  BOOST_TEST(*s[1].heading == "Wide");
  BOOST_TEST(*s[1].anchor == "wide");
  BOOST_TEST(*s[2].heading == "Set {x}");  // no id: text, slugged
  BOOST_TEST(*s[2].anchor == "set-x");
  BOOST_TEST(*s[3].heading == "Glued{#no}");  // not after a blank: text
  BOOST_TEST(*s[3].anchor == "gluedno");
  BOOST_TEST(*s[4].anchor == "setup-1");      // still unique in the file
  BOOST_TEST(*s[5].heading == "`Easy CLA`");  // a block without an id goes too
  BOOST_TEST(*s[5].anchor == "easy-cla");
}

// The slug of a heading looked for the `>` closing each `<` (and the `)` closing each `](`)
// from that place on: a heading of millions of them took minutes. Each is looked for again only
// once passed.
BOOST_AUTO_TEST_CASE(a_slug_is_made_in_linear_time, *boost::unit_test::timeout(60)) {
  constexpr std::size_t kBytes = testing::kHostileBytes;
  auto repeated = [](std::string_view unit) { return testing::repeated(unit, kBytes); };
  BOOST_TEST(heading_slug(repeated("<")).empty());
  BOOST_TEST(heading_slug(repeated("<a")) == std::string(kBytes / 2, 'a'));
  BOOST_TEST(heading_slug(repeated("](x")) == repeated("x").substr(0, kBytes / 3 + 1));
  BOOST_TEST(heading_slug("A <b>bold</b> [link](x.md) and <c") == "a-bold-link-and-c");
}

// The lines that hold inline text, one at a time and numbered from 0: not a fenced or indented
// code block's, an HTML comment's or an HTML block's; a heading's, a list item's and a quote's.
BOOST_AUTO_TEST_CASE(inline_lines_come_one_at_a_time) {
  const std::string text =
      "# Title\n\nSome [text](a.md)\n```\n[code](b.md)\n```\n    [indented](c.md)\n\n"
      "<!-- [hidden](d.md)\n-->\n<div>\n[html](e.md)\n</div>\n\n- [item](f.md)\n> quoted\n";
  InlineLineReader reader(text);
  std::string seen;
  for (InlineLine l; reader.next(&l);)
    seen += std::to_string(l.line) + " " + std::string(l.text) + "\n";
  BOOST_TEST(seen == "0 # Title\n2 Some [text](a.md)\n14 - [item](f.md)\n15 > quoted\n");
  InlineLine l{};
  BOOST_TEST(!reader.next(&l));  // and stays at the end
  BOOST_TEST(!InlineLineReader("").next(&l));
}
