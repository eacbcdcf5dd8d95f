#define BOOST_TEST_MODULE toml_reader
#include <boost/test/unit_test.hpp>

#include <string>

#include "core/toml_reader.hpp"

using namespace articles;

namespace {

// The block as JSON, or "ERROR: <message>".
std::string read(const std::string& block, const YamlOptions& options = {}) {
  YamlResult r = read_toml_block(block, 2, options);
  return r.ok ? to_json(r.root) : "ERROR: " + r.error.text();
}

}  // namespace

BOOST_AUTO_TEST_CASE(toml_types_carry_over_in_document_order) {
  BOOST_TEST(read("title = \"T\"\nb = true\ni = -17\nx = 0x1F\nf = 1.5\ninf = inf\nz = \"\"\n") ==
             R"({"title":"T","b":true,"i":-17,"x":31,"f":1.5,"inf":".inf","z":""})");
  BOOST_TEST(read("zeta = 1\nalpha = 2\n[m]\nq = 1\np = 2\n") ==
             R"({"zeta":1,"alpha":2,"m":{"q":1,"p":2}})");
}

BOOST_AUTO_TEST_CASE(tables_arrays_and_arrays_of_tables) {
  BOOST_TEST(read("a = [1, [2, 3], {k = \"v\"}]\n[t.u]\nv = 1\n[[r]]\nn = 1\n[[r]]\nn = 2\n") ==
             R"({"a":[1,[2,3],{"k":"v"}],"t":{"u":{"v":1}},"r":[{"n":1},{"n":2}]})");
}

BOOST_AUTO_TEST_CASE(dates_and_times_are_text_as_written_in_canonical_form) {
  BOOST_TEST(read("a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999-07:00\n"
                  "c = 1979-05-27 07:32:00\nd = 1979-05-27\ne = 07:32:00.5\n") ==
             R"({"a":"1979-05-27T07:32:00Z","b":"1979-05-27T00:32:00.999-07:00",)"
             R"("c":"1979-05-27T07:32:00","d":"1979-05-27","e":"07:32:00.5"})");
}

BOOST_AUTO_TEST_CASE(values_know_their_file_line) {
  YamlResult r = read_toml_block("a = 1\n\n[t]\nb = 2\n", 5);
  BOOST_REQUIRE(r.ok);
  BOOST_TEST(r.root.members[0].second.line == 5u);
  BOOST_TEST(r.root.members[1].second.members[0].second.line == 8u);
}

BOOST_AUTO_TEST_CASE(syntax_errors_carry_the_file_line_and_column) {
  BOOST_TEST(read("a = 1\nb = = 2\n").rfind("ERROR: 3:5: TOML syntax error: ", 0) == 0u);
  BOOST_TEST(read("a = 1\na = 2\n").rfind("ERROR: 3:5: TOML syntax error: ", 0) == 0u);
  BOOST_TEST(read("[t]\n[t]\n").rfind("ERROR: 3:", 0) == 0u);
  BOOST_TEST(read("s = \"unterminated\n").rfind("ERROR: 2:", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(limits_are_those_of_yaml) {
  std::string deep = "[" + std::string("t");
  for (int i = 0; i < 99; ++i) deep += ".t" + std::to_string(i);
  BOOST_TEST(read(deep + "]\nx = 1\n") == "ERROR: 2:1: front matter nests deeper than 64 levels");
  YamlOptions small;
  small.max_nodes = 5;
  BOOST_TEST(read("a = [1, 2, 3, 4, 5, 6]\n", small).find("more than 5 values") !=
             std::string::npos);
  small = {};
  small.max_expanded_bytes = 10;
  BOOST_TEST(read("a = \"0123456789abc\"\n", small).find("max_yaml_bytes") != std::string::npos);
  small = {};
  small.max_block_bytes = 4;
  BOOST_TEST(read("a = 1\n", small) ==
             "ERROR: front matter of 6 bytes is over the limit of 4 bytes: not parsed");
}

BOOST_AUTO_TEST_CASE(strings_are_valid_utf8_without_nul) {
  BOOST_TEST(read("a = \"x\\u0000y\"\n") == "{\"a\":\"x\xEF\xBF\xBDy\"}");
}

// Regression (front_matter_fuzz): toml++ 3.3.0 reached __builtin_unreachable() asking whether
// U+00B7 (and other code points of a few ranges) outside a string is white space; UBSan reported
// it in the sanitizer build.
BOOST_AUTO_TEST_CASE(code_points_toml_cannot_classify_are_syntax_errors) {
  for (const char* block :
       {"\xC2\xB7\xEF\xBF\xBD\xEF\xBF\xBD\n", "a = 1 \xC2\xB7\n",
        "a = \"\"\"x\\\n  \xC2\xB7\"\"\"\n", "\xE3\x84\xB0 = 1\n", "[t]\xEF\xB9\x90\n"}) {
    YamlResult r = read_toml_block(block, 2);
    BOOST_TEST((r.ok || r.error.text().find("TOML syntax error") != std::string::npos), block);
  }
}
