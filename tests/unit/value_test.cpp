#define BOOST_TEST_MODULE value
#include <boost/test/unit_test.hpp>

#include <limits>

#include "core/value.hpp"

using namespace articles;

namespace {
Value real(double d) {
  Value v;
  v.kind = Value::Kind::Real;
  v.real = d;
  return v;
}
}  // namespace

BOOST_AUTO_TEST_CASE(reals_always_read_back_as_reals) {
  BOOST_TEST(to_json(real(1000.0)) == "1000.0");
  BOOST_TEST(to_json(real(0.1)) == "0.1");
  BOOST_TEST(to_json(real(1e300)) == "1e+300");
  BOOST_TEST(to_json(real(-0.0)) == "-0.0");
}

BOOST_AUTO_TEST_CASE(non_finite_reals_become_strings) {
  BOOST_TEST(to_json(real(std::numeric_limits<double>::infinity())) == "\".inf\"");
  BOOST_TEST(to_json(real(-std::numeric_limits<double>::infinity())) == "\"-.inf\"");
  BOOST_TEST(to_json(real(std::numeric_limits<double>::quiet_NaN())) == "\".nan\"");
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_for_json) {
  std::string out;
  append_json_string(out, "q\"b\\n\n\t\x01\x7f\u00e9");
  BOOST_TEST(out == "\"q\\\"b\\\\n\\n\\t\\u0001\\u007f\u00e9\"");
}

BOOST_AUTO_TEST_CASE(json_type_names_follow_json_tree) {
  Value v;
  BOOST_TEST(std::string(json_type_name(v)) == "null");
  v.kind = Value::Kind::Bool;
  BOOST_TEST(std::string(json_type_name(v)) == "false");
  v.boolean = true;
  BOOST_TEST(std::string(json_type_name(v)) == "true");
  v.kind = Value::Kind::Int;
  BOOST_TEST(std::string(json_type_name(v)) == "integer");
  v.kind = Value::Kind::Map;
  BOOST_TEST(std::string(json_type_name(v)) == "object");
}
