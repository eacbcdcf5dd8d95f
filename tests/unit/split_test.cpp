#define BOOST_TEST_MODULE split
#include <boost/test/unit_test.hpp>

#include "core/split.hpp"

using namespace articles;
using Kind = Split::Kind;

BOOST_AUTO_TEST_CASE(a_block_between_dashes_is_front_matter) {
  Split s = split_front_matter("---\na: 1\n---\nbody\n");
  BOOST_TEST((s.kind == Kind::FrontMatter));
  BOOST_TEST(s.block == "a: 1\n");
  BOOST_TEST(s.block_line == 2u);
  BOOST_TEST(s.body == "body\n");
  BOOST_TEST(s.body_line == 4u);
}

BOOST_AUTO_TEST_CASE(crlf_lines_and_trailing_blanks_are_accepted) {
  Split s = split_front_matter("--- \t\r\na: 1\r\n---  \r\nbody\r\n");
  BOOST_TEST((s.kind == Kind::FrontMatter));
  BOOST_TEST(s.block == "a: 1\r\n");
  BOOST_TEST(s.body == "body\r\n");
}

BOOST_AUTO_TEST_CASE(three_dots_close_the_block) {
  Split s = split_front_matter("---\na: 1\n...\nbody");
  BOOST_TEST((s.kind == Kind::FrontMatter));
  BOOST_TEST(s.body == "body");
}

BOOST_AUTO_TEST_CASE(an_empty_block_is_valid) {
  Split s = split_front_matter("---\n---\nbody");
  BOOST_TEST((s.kind == Kind::FrontMatter));
  BOOST_TEST(s.block.empty());
  BOOST_TEST(s.body == "body");
}

BOOST_AUTO_TEST_CASE(closing_line_at_end_of_file_without_newline) {
  Split s = split_front_matter("---\na: 1\n---");
  BOOST_TEST((s.kind == Kind::FrontMatter));
  BOOST_TEST(s.body.empty());
}

BOOST_AUTO_TEST_CASE(only_an_exact_first_line_opens) {
  for (const char* text : {"----\na: 1\n---\n", "---js\na: 1\n---\n", "---yaml\na: 1\n---\n",
                           " ---\na: 1\n---\n", "\n---\na: 1\n---\n", "text\n---\na: 1\n---\n"}) {
    Split s = split_front_matter(text);
    BOOST_TEST((s.kind == Kind::None), text);
    BOOST_TEST(s.body == text);
  }
}

BOOST_AUTO_TEST_CASE(the_first_closing_line_wins_and_later_dashes_are_body) {
  Split s = split_front_matter("---\na: 1\n---\nintro\n---\nmore\n");
  BOOST_TEST(s.block == "a: 1\n");
  BOOST_TEST(s.body == "intro\n---\nmore\n");
}

BOOST_AUTO_TEST_CASE(lines_that_only_start_with_dashes_do_not_close) {
  Split s = split_front_matter("---\na: 1\n--- b\n----\n---\nbody");
  BOOST_TEST((s.kind == Kind::FrontMatter));
  BOOST_TEST(s.block == "a: 1\n--- b\n----\n");
  BOOST_TEST(s.body_line == 6u);
}

BOOST_AUTO_TEST_CASE(an_unclosed_block_is_reported_with_the_text_after_the_opening_line) {
  Split s = split_front_matter("---\ntitle: x\nno end\n");
  BOOST_TEST((s.kind == Kind::Unterminated));
  BOOST_TEST(s.body == "title: x\nno end\n");
  BOOST_TEST(s.body_line == 2u);
  BOOST_TEST((split_front_matter("---").kind == Kind::Unterminated));
}
