#define BOOST_TEST_MODULE json_reader
#include <boost/test/unit_test.hpp>

#include <string>

#include "core/json_reader.hpp"

using namespace articles;

namespace {

// "plain" when the text is no JSON front matter; else the object as JSON (or "ERROR: ..."),
// then " | " and the body.
std::string read(const std::string& text, const YamlOptions& options = {}) {
  std::optional<JsonFrontMatter> j = read_json_front_matter(text, options);
  if (!j) return "plain";
  return (j->result.ok ? to_json(j->result.root) : "ERROR: " + j->result.error.text()) + " | " +
         text.substr(j->body_offset);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_leading_object_is_the_front_matter) {
  BOOST_TEST(
      read("{\"title\": \"T\", \"n\": 1, \"r\": -2.5e1, \"b\": [true, false, null]}\nBody\n") ==
      R"({"title":"T","n":1,"r":-25.0,"b":[true,false,null]} | Body)"
      "\n");
  BOOST_TEST(read(" \n\t{}\r\nBody") == "{} | Body");
  BOOST_TEST(read("{\"a\": {\"b\": {}}}  tail\nmore") == R"({"a":{"b":{}}} |   tail)"
                                                         "\nmore");
}

BOOST_AUTO_TEST_CASE(escapes_are_decoded_to_valid_utf8) {
  BOOST_TEST(read(R"({"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00\u0000\ud800x"})") ==
             "{\"s\":\"a\\\"b\\\\c/d\\n\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBDx\"} | ");
}

BOOST_AUTO_TEST_CASE(what_is_not_json_is_plain_text) {
  for (const char* text :
       {"{ this is not JSON }", "{\"a\": 1,}", "{\"a\": NaN}", "{'a': 1}", "{\"a\": 01}",
        "{\"a\": \"raw\ttab\"}", "{\"a\": 1", "[1, 2]", "Text {\"a\": 1}", "{\"a\": .5}",
        "{\"a\": tru}", "{\"a\" 1}", "{\"a\": \"\\x\"}", ""})
    BOOST_TEST(read(text) == "plain", text);
}

BOOST_AUTO_TEST_CASE(repeated_keys_keep_the_last_value_with_a_note) {
  std::optional<JsonFrontMatter> j = read_json_front_matter("{\"a\": 1,\n \"a\": 2}");
  BOOST_REQUIRE(j);
  BOOST_TEST(to_json(j->result.root) == R"({"a":2})");
  BOOST_REQUIRE(j->result.notes.size() == 1u);
  BOOST_TEST(j->result.notes[0].text() == "2:2: duplicate key 'a': the last value wins");
}

BOOST_AUTO_TEST_CASE(limits_are_errors_and_the_body_still_follows) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  BOOST_TEST(read("{\"d\": " + deep + "}\nBody") ==
             "ERROR: 1:70: front matter nests deeper than 64 levels | Body");
  BOOST_TEST(
      read("{\"n\": 123456789012345678901234567890}\nBody") ==
      "ERROR: 1:7: the integer 123456789012345678901234567890 does not fit in 64 bits | Body");
  YamlOptions small;
  small.max_block_bytes = 5;
  BOOST_TEST(read("{\"a\": 1}\nBody", small) ==
             "ERROR: front matter of 8 bytes is over the limit of 5 bytes: not parsed | Body");
  // Nested far past any limit, with brackets inside strings: never a deep recursion.
  std::string bomb =
      "{\"s\": \"]]]}\", \"d\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  BOOST_TEST(read(bomb + "\nBody").find("| Body") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_body_line_counts_the_object) {
  std::optional<JsonFrontMatter> j = read_json_front_matter("\n{\n\"a\": 1\n}\nBody\n");
  BOOST_REQUIRE(j);
  BOOST_TEST(j->body_line == 5u);
}
