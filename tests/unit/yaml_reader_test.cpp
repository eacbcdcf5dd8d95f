#define BOOST_TEST_MODULE yaml_reader
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "core/text.hpp"
#include "core/yaml_reader.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

namespace {

// The block as JSON, or "ERROR: <message>".
std::string read(const std::string& block) {
  YamlResult r = read_yaml_block(block, 2);
  return r.ok ? to_json(r.root) : "ERROR: " + r.error.text();
}

struct Typing {
  const char* yaml;
  const char* json;
};
std::ostream& operator<<(std::ostream& os, const Typing& t) {
  return os << t.yaml;
}

// The YAML 1.2 core schema, never 1.1.
const Typing kTyping[] = {
    {"v: yes", R"({"v":"yes"})"},
    {"v: no", R"({"v":"no"})"},
    {"v: on", R"({"v":"on"})"},
    {"v: off", R"({"v":"off"})"},
    {"v: true", R"({"v":true})"},
    {"v: False", R"({"v":false})"},
    {"v: TRUE", R"({"v":true})"},
    {"v: tRUE", R"({"v":"tRUE"})"},
    {"v: 012", R"({"v":12})"},
    {"v: -17", R"({"v":-17})"},
    {"v: +5", R"({"v":5})"},
    {"v: 0x1F", R"({"v":31})"},
    {"v: 0o17", R"({"v":15})"},
    {"v: 0b101", R"({"v":"0b101"})"},
    {"v: 1_000", R"({"v":"1_000"})"},
    {"v: 9223372036854775807", R"({"v":9223372036854775807})"},
    {"v: -9223372036854775808", R"({"v":-9223372036854775808})"},
    {"v: 9223372036854775808", R"({"v":"9223372036854775808"})"},
    {"v: 12345678901234567890", R"({"v":"12345678901234567890"})"},
    {"v: 1.5", R"({"v":1.5})"},
    {"v: 1.", R"({"v":1.0})"},
    {"v: .5", R"({"v":0.5})"},
    {"v: 1e3", R"({"v":1000.0})"},
    {"v: -2.5E-3", R"({"v":-0.0025})"},
    {"v: 1e400", R"({"v":".inf"})"},
    {"v: .inf", R"({"v":".inf"})"},
    {"v: -.Inf", R"({"v":"-.inf"})"},
    {"v: .NaN", R"({"v":".nan"})"},
    {"v: ~", R"({"v":null})"},
    {"v: Null", R"({"v":null})"},
    {"v: NULL", R"({"v":null})"},
    {"v: nil", R"({"v":"nil"})"},
    {"v: FALSE", R"({"v":false})"},
    {"v: fals", R"({"v":"fals"})"},
    {"v: nan", R"({"v":"nan"})"},
    {"v: Infinity", R"({"v":"Infinity"})"},
    {"v: ~x", R"({"v":"~x"})"},
    {"v: null", R"({"v":null})"},
    {"v:", R"({"v":null})"},
    {"v: 2024-01-18", R"({"v":"2024-01-18"})"},
    {"v: 2001-12-14t21:59:43.10-05:00", R"({"v":"2001-12-14t21:59:43.10-05:00"})"},
    {"v: '12'", R"({"v":"12"})"},
    {"v: \"true\"", R"({"v":"true"})"},
    {"v: \"\"", R"({"v":""})"},
    {"v: !!str 12", R"({"v":"12"})"},
    {"v: !!str null", R"({"v":"null"})"},
    {"v: !!int \"12\"", R"({"v":12})"},
    {"v: !!float 3", R"({"v":3.0})"},
    {"v: !!bool true", R"({"v":true})"},
    {"v: !!null ~", R"({"v":null})"},
    {"v: !custom 7", R"({"v":7})"},
    {"v: !!python/object/apply:os.system [ls]", R"({"v":["ls"]})"},
    {"v: !!python/object/apply:os.system echo", R"({"v":"echo"})"},
};

}  // namespace

BOOST_DATA_TEST_CASE(core_schema_typing, data::make(kTyping), typing) {
  BOOST_TEST(read(typing.yaml) == typing.json);
}

BOOST_AUTO_TEST_CASE(non_string_keys_are_their_source_text) {
  BOOST_TEST(read("true: a\n1: b\n1.5: c\n~: d") == R"({"true":"a","1":"b","1.5":"c","null":"d"})");
}

BOOST_AUTO_TEST_CASE(nested_structures_keep_document_order) {
  BOOST_TEST(read("b: 1\na:\n  - x: 1\n    y: [1, two]\n  - {k: v}\n") ==
             R"({"b":1,"a":[{"x":1,"y":[1,"two"]},{"k":"v"}]})");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_keep_the_last_value_and_name_the_key) {
  YamlResult r = read_yaml_block("a: 1\nb: 2\na: 3\n", 2);
  BOOST_TEST(r.ok);
  BOOST_TEST(to_json(r.root) == R"({"a":3,"b":2})");
  BOOST_REQUIRE(r.notes.size() == 1u);
  BOOST_TEST(r.notes[0].text() == "4:1: duplicate key 'a': the last value wins");
}

BOOST_AUTO_TEST_CASE(yaml_cpp_escape_quirks_are_corrected) {
  // yaml-cpp 0.7 writes \N and \_ as the raw bytes 0x85 and 0xA0.
  BOOST_TEST(read(R"(v: "a\Nb\_c\Ld\Pe")") == "{\"v\":\"a\u0085b\u00A0c\u2028d\u2029e\"}");
  BOOST_TEST(read(R"(v: "\x41\u00e9\U0001F600\t")") == "{\"v\":\"A\u00E9\U0001F600\\t\"}");
}

BOOST_AUTO_TEST_CASE(a_nul_escape_never_reaches_a_value) {
  YamlResult r = read_yaml_block(R"(v: "a\0b")", 2);
  BOOST_TEST(to_json(r.root) == "{\"v\":\"a\uFFFDb\"}");
  BOOST_REQUIRE(r.notes.size() == 1u);
  BOOST_TEST(r.notes[0].text() == "NUL character in front matter replaced by U+FFFD");
}

// The error points at the alias that closes the cycle.
BOOST_AUTO_TEST_CASE(alias_cycles_are_errors_not_loops) {
  BOOST_TEST(read("a: &x [*x]") == "ERROR: 2:8: alias cycle: an alias refers to its own ancestor");
  BOOST_TEST(read("a: &x {b: *x}") ==
             "ERROR: 2:11: alias cycle: an alias refers to its own ancestor");
}

BOOST_AUTO_TEST_CASE(aliases_expand_to_copies) {
  BOOST_TEST(read("a: &x {k: 1}\nb: *x") == R"({"a":{"k":1},"b":{"k":1}})");
}

BOOST_AUTO_TEST_CASE(alias_bombs_hit_the_value_budget) {
  std::string block = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c)
    block += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" +
             char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" +
             char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  std::string r = read(block);
  BOOST_TEST(r.find("more than 100000 values after alias expansion") != std::string::npos, r);
}

BOOST_AUTO_TEST_CASE(two_hundred_thousand_aliases_hit_the_value_budget) {
  std::string block = "a: &a x\nb: [";
  for (int i = 0; i < 200000; ++i) block += i ? ", *a" : "*a";
  block += "]\n";
  std::string r = read(block);
  BOOST_TEST(r.find("more than 100000 values after alias expansion") != std::string::npos,
             r.substr(0, 120));
}

// Regression: a 1 MB front matter anchoring a 900 KB string and naming it 24,000 times stayed
// under the size and value limits and expanded to ~21 GB.
BOOST_AUTO_TEST_CASE(aliases_that_repeat_a_large_string_hit_the_byte_budget) {
  std::string block = "a: &a " + std::string(900 * 1024, 'x') + "\nb: [";
  for (int i = 0; i < 24000; ++i) block += i ? ", *a" : "*a";
  block += "]\n";
  std::string r = read(block);
  BOOST_TEST(r.find("more than 16777216 bytes of text after alias expansion (the max_yaml_bytes "
                    "limit)") != std::string::npos,
             r.substr(0, 160));
  YamlOptions small;
  small.max_expanded_bytes = 100;
  YamlResult keys =
      read_yaml_block("k: &k [" + std::string(40, 'y') + "]\nl: *k\nm: *k\n", 2, small);
  BOOST_TEST(!keys.ok);
  BOOST_TEST(keys.error.text() ==
             "4:4: front matter holds more than 100 bytes of text after alias "
             "expansion (the max_yaml_bytes limit)");
  small.max_expanded_bytes = 200;
  BOOST_TEST(read_yaml_block("k: &k [" + std::string(40, 'y') + "]\nl: *k\nm: *k\n", 2, small).ok);
}

// Regression: repeated keys were looked for one member at a time (60,000 keys took seconds);
// past a few members an index finds them, with the same result.
BOOST_AUTO_TEST_CASE(many_keys_with_repeats_keep_document_order_and_the_last_value) {
  std::string block, flow = "f: {";
  for (int i = 0; i < 100; ++i) block += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  for (int i = 0; i < 40; ++i)
    flow += "x" + std::to_string(i % 30) + ": " + std::to_string(i) + ", ";
  block += "k50: last\nk7: seven\n" + flow + "y: 1}\n";
  for (bool fast : {true, false}) {
    YamlOptions o;
    o.fast_path = fast;
    YamlResult r = read_yaml_block(block, 2, o);
    BOOST_REQUIRE(r.ok);
    BOOST_TEST(r.fast == fast);
    BOOST_TEST(r.root.members.size() == 101u);
    BOOST_TEST(r.root.members[50].first == "k50");
    BOOST_TEST(to_json(r.root.members[50].second) == "\"last\"");
    BOOST_TEST(to_json(r.root.members[7].second) == "\"seven\"");
    BOOST_TEST(r.root.members[99].first == "k99");
    const Value& f = r.root.members[100].second;
    BOOST_TEST(f.members.size() == 31u);
    BOOST_TEST(to_json(f.members[5].second) == "35");
    BOOST_TEST(r.notes.size() == 12u);
    BOOST_TEST(r.notes[0].text() == "102:1: duplicate key 'k50': the last value wins");
  }
}

BOOST_AUTO_TEST_CASE(nesting_is_limited_with_the_root_as_level_one) {
  auto nested = [](int levels) {  // the root mapping plus `levels - 1` flow sequences
    return "a: " + std::string(static_cast<std::size_t>(levels - 1), '[') +
           std::string(static_cast<std::size_t>(levels - 1), ']');
  };
  BOOST_TEST(read(nested(64)).rfind("{\"a\":", 0) == 0u);
  BOOST_TEST(read(nested(65)).find("nests deeper than 64 levels") != std::string::npos);
  std::string deep = read(nested(100000));
  BOOST_TEST(deep.rfind("ERROR: ", 0) == 0u, deep.substr(0, 80));
}

BOOST_AUTO_TEST_CASE(syntax_errors_carry_file_line_and_column) {
  YamlResult r = read_yaml_block("title: ok\nlist: [1, 2\nnext: x\n", 2);
  BOOST_TEST(!r.ok);
  BOOST_TEST(r.error.text() == "4:5: YAML syntax error: end of sequence flow not found");
  BOOST_TEST(read("\ttitle: tab") == "ERROR: 2:7: YAML syntax error: illegal map value");
}

BOOST_AUTO_TEST_CASE(the_root_must_be_a_mapping) {
  BOOST_TEST(read("- a\n- b") == "ERROR: 2:1: front matter is a list, not a mapping");
  BOOST_TEST(read("just text") == "ERROR: 2:1: front matter is a scalar, not a mapping");
}

BOOST_AUTO_TEST_CASE(empty_and_comment_only_blocks_are_empty_mappings) {
  BOOST_TEST(read("") == "{}");
  BOOST_TEST(read("# nothing\n\n") == "{}");
  BOOST_TEST(read("~") == "{}");
}

BOOST_AUTO_TEST_CASE(a_second_document_is_an_error) {
  BOOST_TEST(read("a: 1\n--- b\n") == "ERROR: 3:5: front matter holds more than one YAML document");
}

BOOST_AUTO_TEST_CASE(directives_are_accepted) {
  BOOST_TEST(read("%YAML 1.2\n--- {a: 1}") == R"({"a":1})");
  BOOST_TEST(read("%TAG !e! tag:example.com,2000:\n--- {a: !e!x 1}") == R"({"a":1})");
}

BOOST_AUTO_TEST_CASE(crlf_never_leaks_into_values) {
  BOOST_TEST(read("a: \"one\r\n  two\"\r\nb: x\r\n") == R"({"a":"one two","b":"x"})");
}

BOOST_AUTO_TEST_CASE(values_know_their_file_line) {
  YamlResult r = read_yaml_block("a: 1\n\nb:\n  - x\n  - y\n", 5);
  BOOST_REQUIRE(r.ok);
  BOOST_TEST(r.root.find("a")->line == 5u);
  const Value* b = r.root.find("b");
  BOOST_TEST(b->items[1].line == 9u);
}

// Regression: yaml-cpp 0.7 accepted a quoted scalar left open at the end of the block.
BOOST_AUTO_TEST_CASE(an_unclosed_quote_is_an_error_at_the_closing_line) {
  BOOST_TEST(read("title: \"Broken\nquality: 80\n") ==
             "ERROR: 4:1: YAML syntax error: a quoted scalar is never closed");
  BOOST_TEST(read("t: 'single") ==
             "ERROR: 3:1: YAML syntax error: a quoted scalar is never closed");
  BOOST_TEST(read("a: |\n  kept\n") == R"({"a":"kept\n"})");
}

// Regression (found by yaml_fuzz): yaml-cpp quoted one byte of a multi-byte character in its
// message for an unknown escape, and that invalid UTF-8 reached the error text.
BOOST_AUTO_TEST_CASE(parser_messages_are_valid_utf8) {
  YamlResult r = read_yaml_block("v: \"\\\xC3\xA9\"\n", 2);
  BOOST_TEST(!r.ok);
  BOOST_TEST(is_valid_utf8(r.error.text()), r.error.text());
  BOOST_TEST(r.error.text().rfind("2:", 0) == 0u, r.error.text());
}

// A byte order mark inside a value is an ordinary character (U+FEFF).
BOOST_AUTO_TEST_CASE(a_byte_order_mark_inside_a_value_is_kept) {
  BOOST_TEST(read("t: \"a\xEF\xBB\xBF\"") == "{\"t\":\"a\xEF\xBB\xBF\"}");
}

// Regression (found by yaml_fuzz): yaml-cpp 0.7's LoadAll never ends, allocating a null
// document per turn, when a document starts with a token it does not consume, such as `,`.
BOOST_AUTO_TEST_CASE(a_token_no_document_starts_with_is_an_error_not_a_hang) {
  BOOST_TEST(read(",x") == "ERROR: 2:1: YAML syntax error: unexpected ','");
  BOOST_TEST(read("# comment\n  , x") == "ERROR: 3:3: YAML syntax error: unexpected ','");
  BOOST_TEST(read("- a\n,") == "ERROR: 3:1: YAML syntax error: unexpected ','");
  BOOST_TEST(read("a: 1\n--- ,x").find("more than one YAML document") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_front_matter_over_the_size_limit_is_not_parsed) {
  YamlOptions small;
  small.max_block_bytes = 10;
  YamlResult r = read_yaml_block("title: longer than ten\n", 2, small);
  BOOST_TEST(!r.ok);
  BOOST_TEST(r.error.text() ==
             "front matter of 23 bytes is over the limit of 10 bytes: not parsed");
  small.max_block_bytes = 23;
  BOOST_TEST(read_yaml_block("title: longer than ten\n", 2, small).ok);
}
