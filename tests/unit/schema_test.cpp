#define BOOST_TEST_MODULE schema
#include <boost/test/unit_test.hpp>

#include "core/article.hpp"
#include "core/schema.hpp"
#include "core/summary.hpp"
#include "core/yaml_reader.hpp"

using namespace articles;

namespace {

// The message of the SchemaError parse_schema throws, or "" when it throws none.
std::string refusal(std::string_view spec) {
  try {
    parse_schema(spec, {"path", "error"});
  } catch (const SchemaError& e) {
    return e.what();
  }
  return "";
}

Value yaml(const std::string& block) {
  YamlResult r = read_yaml_block(block, 2);
  BOOST_REQUIRE_MESSAGE(r.ok, r.error.text());
  return r.root;
}

// A column's value in a front matter, as `kind:value`, then ` !code` for a problem.
std::string read(const std::string& column, const std::string& block) {
  const std::vector<DeclaredColumn> cols = parse_schema(column, {});
  const Value fm = yaml(block);
  std::optional<Problem> problem;
  const DeclaredValue v = read_declared(cols.at(0), &fm, &problem);
  std::string out;
  switch (v.kind) {
    case DeclaredValue::Kind::Null:
      out = "null";
      break;
    case DeclaredValue::Kind::Int:
      out = "int:" + std::to_string(v.integer);
      break;
    case DeclaredValue::Kind::Real:
      out = "real:" + std::to_string(v.real);
      break;
    case DeclaredValue::Kind::Text:
      out = "text:" + v.text;
      break;
    case DeclaredValue::Kind::Json:
      out = "json:" + v.text;
      break;
  }
  if (problem) out += " !" + problem->code;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_schema_reads_names_types_paths_and_flags) {
  const std::vector<DeclaredColumn> c = parse_schema(
      "tags list split, draft BOOL, weight int, image text = params.image,"
      " \"hero shot\" text = params.\"hero image\" required, spell text = \"cSpell:ignore\"",
      {});
  BOOST_REQUIRE(c.size() == 6u);
  BOOST_TEST(c[0].name == "tags");
  BOOST_TEST((c[0].type == ColumnType::List));
  BOOST_TEST(c[0].split);
  BOOST_TEST((c[1].type == ColumnType::Bool));
  BOOST_TEST(c[3].path == (std::vector<std::string>{"params", "image"}));
  BOOST_TEST(c[3].key == "params.image");
  BOOST_TEST(c[4].name == "hero shot");
  BOOST_TEST(c[4].required);
  BOOST_TEST(c[4].key == "params.\"hero image\"");
  BOOST_TEST(c[5].path == (std::vector<std::string>{"cSpell:ignore"}));
}

BOOST_AUTO_TEST_CASE(bad_schemas_are_refused_naming_the_problem) {
  BOOST_TEST(refusal("") == "columns: the schema is empty");
  BOOST_TEST(refusal("a colour") ==
             "columns: 'a': unknown type 'colour' (the types are text, int, real, bool, date, "
             "list, json)");
  BOOST_TEST(refusal("a") ==
             "columns: 'a': expected a type (text, int, real, bool, date, list, json)");
  BOOST_TEST(refusal(", a text") == "columns: column 1: the name is empty");
  BOOST_TEST(refusal("a text,") == "columns: column 2 is empty");
  BOOST_TEST(refusal("\"\" text") == "columns: column 1: the name is empty");
  BOOST_TEST(refusal("PATH text") == "columns: 'PATH' is the name of a built-in column");
  BOOST_TEST(refusal("a text = params..image") == "columns: 'a': the path has an empty step");
  BOOST_TEST(refusal("a text = ") == "columns: 'a': the path has an empty step");
  BOOST_TEST(refusal("a text, A int") == "columns: 'A' is declared twice");
  BOOST_TEST(refusal("a text split") == "columns: 'a': split is for list columns");
  BOOST_TEST(refusal("a text mandatory") ==
             "columns: 'a': expected required, split, '=', or ',', got 'mandatory'");
  BOOST_TEST(refusal("1a text") ==
             "columns: column 1: the name '1a' must start with a letter or '_' (or be quoted)");
  BOOST_TEST(refusal("\"a text") == "columns: column 1: a quoted name is never closed");
  BOOST_TEST(refusal("a text = (x)") == "columns: 'a': the path has an empty step");
  std::string many;
  for (int i = 0; i < 2000; ++i) many += (i ? ", c" : "c") + std::to_string(i) + " text";
  BOOST_TEST(refusal(many) == "columns: more than 200 columns declared");
  BOOST_TEST(refusal(std::string("a text\0", 7)) == "columns: the schema is not valid UTF-8 text");
}

BOOST_AUTO_TEST_CASE(text_and_json) {
  BOOST_TEST(read("t text", "t: hello\n") == "text:hello");
  BOOST_TEST(read("t text", "t: 5\n") == "text:5");  // as written
  BOOST_TEST(read("t text", "t: [a]\n") == "null !type_mismatch");
  BOOST_TEST(read("t text", "other: 1\n") == "null");
  BOOST_TEST(read("t text", "t: null\n") == "null");
  BOOST_TEST(read("t text required", "other: 1\n") == "null !missing_required");
  BOOST_TEST(read("t text required", "t: ~\n") == "null !missing_required");
  BOOST_TEST(read("j json", "j: {a: [1, true]}\n") == "json:{\"a\":[1,true]}");
  BOOST_TEST(read("j json", "j: x\n") == "json:\"x\"");
}

BOOST_AUTO_TEST_CASE(numbers) {
  BOOST_TEST(read("n int", "n: 42\n") == "int:42");
  BOOST_TEST(read("n int", "n: '42'\n") == "int:42");
  BOOST_TEST(read("n int", "n: 4.0\n") == "int:4");
  BOOST_TEST(read("n int", "n: 4.5\n") == "null !type_mismatch");
  BOOST_TEST(read("n int", "n: heavy\n") == "null !type_mismatch");
  BOOST_TEST(read("n int", "n: true\n") == "null !type_mismatch");
  BOOST_TEST(read("n int", "n: '99999999999999999999'\n") == "null !type_mismatch");
  BOOST_TEST(read("r real", "r: 2.5\n") == "real:2.500000");
  BOOST_TEST(read("r real", "r: 3\n") == "real:3.000000");
  BOOST_TEST(read("r real", "r: '1e3'\n") == "real:1000.000000");
  BOOST_TEST(read("r real", "r: .nan\n") == "null !type_mismatch");
  BOOST_TEST(read("r real", "r: '0x10'\n") == "null !type_mismatch");
}

BOOST_AUTO_TEST_CASE(booleans_and_dates) {
  BOOST_TEST(read("b bool", "b: true\n") == "int:1");
  BOOST_TEST(read("b bool", "b: 'False'\n") == "int:0");
  BOOST_TEST(read("b bool", "b: 'no'\n") == "null !type_mismatch");
  BOOST_TEST(read("b bool", "b: 1\n") == "null !type_mismatch");
  BOOST_TEST(read("d date", "d: 2024-03-05T07:30:00+01:00\n") == "text:2024-03-05T06:30:00Z");
  BOOST_TEST(read("d date", "d: March 5, 2024\n") == "text:2024-03-05T00:00:00Z");
  BOOST_TEST(read("d date", "d: next Tuesday\n") == "null !bad_date");
  BOOST_TEST(read("d date", "d: [2024]\n") == "null !bad_date");
}

BOOST_AUTO_TEST_CASE(lists) {
  BOOST_TEST(read("l list", "l: [a, b]\n") == "json:[\"a\",\"b\"]");
  BOOST_TEST(read("l list", "l: a, b\n") == "json:[\"a, b\"]");  // one item unless split
  BOOST_TEST(read("l list split", "l: ' a, b ,, c'\n") == "json:[\"a\",\"b\",\"c\"]");
  BOOST_TEST(read("l list split", "l: 7\n") == "json:[7]");
  BOOST_TEST(read("l list", "l: {a: 1}\n") == "null !type_mismatch");
  BOOST_TEST(read("l list", "l: []\n") == "json:[]");
}

BOOST_AUTO_TEST_CASE(paths_through_mappings) {
  BOOST_TEST(read("i text = params.image", "params:\n  image: a.jpg\n") == "text:a.jpg");
  BOOST_TEST(read("i text = params.image", "params: flat\n") == "null");
  BOOST_TEST(read("i text = params.image required", "params: flat\n") == "null !missing_required");
  BOOST_TEST(read("i text = \"a.b\"", "a.b: dotted\na:\n  b: nested\n") == "text:dotted");
  BOOST_TEST(read("i text = a.b", "a.b: dotted\na:\n  b: nested\n") == "text:nested");
  // Without a front matter at all: every column null, a required one missing.
  std::optional<Problem> problem;
  const auto cols = parse_schema("t text required", {});
  BOOST_TEST((read_declared(cols[0], nullptr, &problem).kind == DeclaredValue::Kind::Null));
  BOOST_TEST(problem->code == "missing_required");
}

BOOST_AUTO_TEST_CASE(problems_keep_where_apart_and_render_as_the_error_column) {
  Problem p = Problem::located("yaml_syntax", "4:12: YAML syntax error: x");
  BOOST_TEST(p.line == 4u);
  BOOST_TEST(p.column == 12u);
  BOOST_TEST(p.message == "YAML syntax error: x");
  BOOST_TEST(p.text() == "4:12: YAML syntax error: x");
  p = Problem::located("not_text", "not a text file");
  BOOST_TEST(p.line == 0u);
  BOOST_TEST(p.text() == "not a text file");
  p = Problem::located("x", "12: not a position");  // no column: all message
  BOOST_TEST(p.message == "12: not a position");
  p = Problem{};
  p.key = "weight";
  p.line = 5;
  p.message = "expected an integer, got 'heavy'";
  BOOST_TEST(p.text() == "weight (line 5): expected an integer, got 'heavy'");
  p.line = 0;
  BOOST_TEST(p.text() == "weight: expected an integer, got 'heavy'");
}

BOOST_AUTO_TEST_CASE(values_packed_for_the_summary_come_back) {
  const Article a =
      parse_article("---\ntitle: T\nw: 5\nr: 2.5\ntags: [a]\nd: soon\n---\nBody\n", {}, "a.md");
  const std::vector<DeclaredColumn> cols =
      parse_schema("w int, r real, t text = title, tags list, d date, gone text", {});
  const std::string packed = pack_declared(a, cols);
  BOOST_TEST(unpack_declared(packed, 0).integer == 5);
  BOOST_TEST(unpack_declared(packed, 1).real == 2.5);
  BOOST_TEST(unpack_declared(packed, 2).text == "T");
  BOOST_TEST((unpack_declared(packed, 3).kind == DeclaredValue::Kind::Json));
  BOOST_TEST(unpack_declared(packed, 3).text == "[\"a\"]");
  BOOST_TEST((unpack_declared(packed, 4).kind == DeclaredValue::Kind::Null));  // bad_date
  BOOST_TEST((unpack_declared(packed, 5).kind == DeclaredValue::Kind::Null));
  BOOST_TEST((unpack_declared(packed, 6).kind == DeclaredValue::Kind::Null));  // past the end
  // Damaged bytes give Null, never a read past them.
  for (std::size_t n = 0; n < packed.size(); ++n)
    for (std::size_t i = 0; i < cols.size(); ++i) unpack_declared(packed.substr(0, n), i);
  BOOST_TEST((unpack_declared("x", 0).kind == DeclaredValue::Kind::Null));
  // The summary keeps them, and its errors hold the schema's problems after the parse's.
  const Summary s(a, &cols);
  BOOST_TEST(s.declared(0).integer == 5);
  BOOST_TEST(*s.text(Summary::kErrors) == "d (line 6): cannot read the date 'soon'");
  const std::optional<Summary> back = Summary::deserialize(s.serialize());
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST(back->declared(2).text == "T");
}

BOOST_AUTO_TEST_CASE(a_problem_the_parse_told_is_not_told_again) {
  const Article a = parse_article("---\ntitle: T\ndate: someday\n---\n", {}, "a.md");
  BOOST_TEST(a.problems.size() == 1u);  // published_at reads `date` too
  const std::vector<Problem> more =
      check_schema(a, parse_schema("date date required, x int required", {}));
  BOOST_REQUIRE(more.size() == 1u);
  BOOST_TEST(more[0].code == "missing_required");
  BOOST_TEST(more[0].key == "x");
}
