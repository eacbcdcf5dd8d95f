#define BOOST_TEST_MODULE yaml_fast
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "../yaml_compare.hpp"
#include "core/yaml_fast.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

namespace {

struct Case {
  const char* name;
  const char* yaml;
};
std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.name;
}

YamlResult full_reading(const char* yaml, const YamlOptions& base = {}) {
  YamlOptions o = base;
  o.fast_path = false;
  return read_yaml_block(yaml, 2, o);
}

// Each block is in the subset: the fast path reads it, exactly as yaml-cpp does.
const Case kTaken[] = {
    {"scalars of every kind",
     "a: 1\nb: -2.5e3\nc: true\nd: ~\ne: null\nf: text here\ng: 0x1F\n"
     "h: .inf\ni: 99999999999999999999\nj: 2025-01-22T10:00:00Z\n"},
    {"quoted scalars keep their text", "a: \"1\"\nb: 'true'\nc: \"\"\nd: 'it''s'\n"},
    {"double-quoted escapes",
     "a: \"tab\\there\\nline \\\"q\\\" \\\\ \\/ \\x41 \\u00e9 \\U0001F600\"\n"
     "b: \"\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\"\n"},
    {"quoted keys", "\"a b\": 1\n'c: d': 2\n"},
    {"null keys are named null", "~: 1\nnull: 2\n"},
    {"nested mappings", "provider:\n  name: Wire\n  domain: wire.example\nafter: 1\n"},
    {"sequences of mappings",
     "related:\n  - title: One\n    quality: 5\n  - title: Two\n"
     "    images:\n      - url: x\n        width: 3\n"},
    {"an indentless sequence", "topics:\n- AI\n- Energy\nnext: 1\n"},
    {"an indentless sequence of mappings", "images:\n- url: a\n  width: 1\n- url: b\nend: 2\n"},
    {"empty values take the line of the next token", "a:\nb: 1\nc:\n\n\n# note\nd:\n"},
    {"an empty entry", "s:\n  -\n  - x\n  -\nt: 1\n"},
    {"a nested sequence", "s:\n  -\n    - a\n    - b\n  - c\n"},
    {"flow collections",
     "t: [a, \"b c\", 'd', 1, -2]\nm: {x: 1, 'y': \"z\"}\ne: []\nf: {}\n"
     "n: [[a], {b: c}]\n"},
    {"comments and blank lines", "# top\n\na: 1 # trailing\n\n  # indented\nb: 'x' # c\n"},
    {"CRLF line breaks", "a: 1\r\nb:\r\n  - x\r\n  - \"y\"\r\n"},
    {"a plain scalar over several lines", "d: one two\n  three\n\n  four\ne: 1\n"},
    {"a plain scalar on the next line", "d:\n  Prettier wrapped\n  this line\nw: 2\n"},
    {"literal block scalars", "a: |\n  one\n   two\n\n  three\nb: |-\n  x\n  y\nc: 1\n"},
    {"folded block scalars", "a: >\n  one\n  two\n\n  three\nb: >-\n  x\n  y\n"},
    {"a block scalar in a sequence", "s:\n  - |\n    text\n  - >-\n    more\n"},
    {"duplicate keys: the last wins, with a note", "a: 1\nb: 2\na: 3\nm: {x: 1, x: 2}\n"},
    {"an indented root mapping", "  a: 1\n  b: 2\n"},
    {"non-ASCII text", "title: Zürich café — 東京\n\"ключ\": значение\n"},
    {"URLs and colons in plain scalars", "u: https://example.com/a?b=c#frag\nt: 10:30\n"},
    {"only comments", "# nothing\n\n"},
    {"an empty block", ""},
};

BOOST_DATA_TEST_CASE(the_fast_path_reads_the_subset_as_yaml_cpp_does, data::make(kTaken), c) {
  std::optional<YamlResult> fast = read_yaml_fast(c.yaml, 2, YamlOptions{});
  BOOST_REQUIRE_MESSAGE(fast, "declined");
  BOOST_TEST(fast->fast);
  BOOST_TEST(result_difference(*fast, full_reading(c.yaml)) == "");
}

// Each block leaves the subset, or is not valid YAML: the fast path declines it, and
// read_yaml_block gives what yaml-cpp gives.
const Case kDeclined[] = {
    {"an anchor and an alias", "a: &x 1\nb: *x\n"},
    {"a tag", "a: !!str 1\n"},
    {"a python tag stays yaml-cpp's to judge", "a: !!python/object/apply:os.system [ls]\n"},
    {"keep chomping", "a: |+\n  x\n\nb: 1\n"},
    {"an indentation indicator", "a: |2\n   x\n"},
    {"a block scalar with a leading blank line", "a: |\n\n  x\n"},
    {"a folded more-indented line", "a: >\n  x\n    y\n  z\n"},
    {"a quoted scalar over two lines", "a: \"one\n  two\"\n"},
    {"a tab", "a:\t1\n"},
    {"a directive", "%YAML 1.2\n---\na: 1\n"},
    {"a document marker", "a: 1\n---\nb: 2\n"},
    {"a list at the root", "- a\n- b\n"},
    {"a scalar at the root", "just text\n"},
    {"a complex key", "? a\n: b\n"},
    {"a mapping in a plain value", "a: b: c\n"},
    {"an unclosed flow sequence", "a: [x, y\n"},
    {"a flow sequence over two lines", "a: [x,\n  y]\n"},
    {"a trailing comma", "a: [x, y,]\n"},
    {"a key with a space before its colon", "a : 1\n"},
    {"a deeper line after a value", "a: 1\n  b: 2\n"},
    {"a comment inside a plain scalar", "a: x\n  # c\n  y\nb: 1\n"},
    {"a NUL escape", "a: \"\\0\"\n"},
    {"an unknown escape", "a: \"\\q\"\n"},
    {"a control character", "a: x\x01y\n"},
    {"a lone carriage return", "a: 1\rb: 2\n"},
    {"a byte order mark inside", "a: \xEF\xBB\xBFx\n"},
    {"a sequence in a sequence on one line", "s:\n  - - a\n"},
};

BOOST_DATA_TEST_CASE(the_fast_path_declines_the_rest, data::make(kDeclined), c) {
  BOOST_TEST(!read_yaml_fast(c.yaml, 2, YamlOptions{}));
  YamlResult r = read_yaml_block(c.yaml, 2);
  BOOST_TEST(!r.fast);
  BOOST_TEST(result_difference(r, full_reading(c.yaml)) == "");
}

BOOST_AUTO_TEST_CASE(limits_make_the_fast_path_decline) {
  YamlOptions shallow;
  shallow.max_depth = 2;
  const char* three_levels = "a:\n  b:\n    c: 1\n";
  BOOST_TEST(!read_yaml_fast(three_levels, 2, shallow));
  BOOST_TEST(!read_yaml_block(three_levels, 2, shallow).ok);
  BOOST_TEST(read_yaml_fast("a:\n  b: 1\n", 2, shallow).has_value());

  YamlOptions few;
  few.max_nodes = 4;  // the root, two keys, two values: five
  const char* five_nodes = "a: 1\nb: 2\n";
  BOOST_TEST(!read_yaml_fast(five_nodes, 2, few));
  BOOST_TEST(!read_yaml_block(five_nodes, 2, few).ok);
  few.max_nodes = 5;
  BOOST_TEST(read_yaml_fast(five_nodes, 2, few).has_value());
}

// Regression (found by yaml_fast_fuzz): a quoted key of more than 1024 bytes is an error to
// yaml-cpp ("illegal map value") and was read by the fast path.
BOOST_AUTO_TEST_CASE(long_keys_are_left_to_yaml_cpp) {
  const std::string long_text(1100, 'k');
  for (const std::string& block :
       {"\"" + long_text + "\": 1\n", "'" + long_text + "': 1\n", long_text + ": 1\n",
        "m: {\"" + long_text + "\": 1}\n", "m: {" + long_text + ": 1}\n"}) {
    BOOST_TEST(!read_yaml_fast(block, 2, YamlOptions{}));
    BOOST_TEST(result_difference(read_yaml_block(block, 2), full_reading(block.c_str())) == "");
  }
  const std::string short_text(900, 'k');
  BOOST_TEST(read_yaml_fast("\"" + short_text + "\": 1\n", 2, YamlOptions{}).has_value());
}

BOOST_AUTO_TEST_CASE(line_numbers_follow_yaml_cpp) {
  // An empty value sits at the next token; the end of the block is the line after it.
  std::optional<YamlResult> r = read_yaml_fast("a:\n\nb: 1\nc:\n", 5, YamlOptions{});
  BOOST_REQUIRE(r);
  BOOST_TEST(r->root.line == 5u);
  BOOST_TEST(r->root.find("a")->line == 7u);
  BOOST_TEST(r->root.find("b")->line == 7u);
  BOOST_TEST(r->root.find("c")->line == 9u);
}

BOOST_AUTO_TEST_CASE(the_option_forces_yaml_cpp) {
  YamlOptions o;
  o.fast_path = false;
  YamlResult r = read_yaml_block("a: 1\n", 2, o);
  BOOST_TEST(r.ok);
  BOOST_TEST(!r.fast);
  BOOST_TEST(read_yaml_block("a: 1\n", 2).fast);
}

}  // namespace

// The splitter passes eight printable bytes at once: a byte it must stop at is found at every
// place of a long line (declined, as yaml-cpp is left to judge it, or a line break).
BOOST_AUTO_TEST_CASE(a_byte_outside_printable_ascii_is_seen_at_every_offset) {
  for (const char stray : {'\x01', '\t', '\r', '\x1F', '\x7F', '\x80'}) {
    for (std::size_t k = 0; k < 24; ++k) {
      std::string value(24, 'x');
      value[k] = stray;
      const std::string yaml = "key: " + value + "y\nnext: 1\n";  // (a CR before y is lone)
      BOOST_TEST(!read_yaml_fast(yaml, 2, YamlOptions{}), "byte " << int(stray) << " at " << k);
      BOOST_TEST(result_difference(read_yaml_block(yaml, 2), full_reading(yaml.c_str())) == "");
    }
    for (std::size_t k = 0; k < 24; ++k) {  // a line break at every place: two lines
      std::string value(24, 'x');
      value[k] = '\n';
      const std::string yaml = "key: " + value + "\nnext: 1\n";
      BOOST_TEST(result_difference(read_yaml_block(yaml, 2), full_reading(yaml.c_str())) == "");
    }
  }
}

// Quoted scalars are copied a run at a time: an escape, a doubled quote or the closing quote
// at every place of a long scalar reads as yaml-cpp reads it.
BOOST_AUTO_TEST_CASE(quoted_runs_stop_at_every_escape_and_quote) {
  for (std::size_t k = 0; k < 20; ++k) {
    const std::string before(k, 'a'), after(20 - k, 'b');
    for (const std::string& yaml :
         {"v: \"" + before + "\\n" + after + "\"\n", "v: \"" + before + "\\\"" + after + "\"\n",
          "v: \"" + before + "\\u00e9" + after + "\" # c\n", "v: \"" + before + "\"\n",
          "v: '" + before + "''" + after + "'\n", "v: '" + before + "'\n",
          "v: ['" + before + "', \"" + after + "\"]\n"}) {
      std::optional<YamlResult> fast = read_yaml_fast(yaml, 2, YamlOptions{});
      BOOST_REQUIRE_MESSAGE(fast, "declined: " << yaml);
      BOOST_TEST(result_difference(*fast, full_reading(yaml.c_str())) == "", yaml);
    }
    for (const std::string& open : {"v: \"" + before + "\n", "v: '" + before + "''\n"})
      BOOST_TEST(!read_yaml_fast(open, 2, YamlOptions{}), open);  // left open on its line
  }
}

// A double-quoted scalar looked for its closing quote again at each escape: a line of a million
// escapes took minutes (100,000 took 1.6 s). Its value is still yaml-cpp's.
BOOST_AUTO_TEST_CASE(a_line_of_escapes_is_read_in_linear_time, *boost::unit_test::timeout(60)) {
  std::string escapes;
  for (int i = 0; i < 1000000; ++i) escapes += "\\u00e9\\n";
  const std::string yaml = "v: \"" + escapes + "\"\n";
  YamlOptions large;
  large.max_block_bytes = yaml.size();
  std::optional<YamlResult> fast = read_yaml_fast(yaml, 2, large);
  BOOST_REQUIRE(fast);
  BOOST_TEST(result_difference(*fast, full_reading(yaml.c_str(), large)) == "");
}
