#define BOOST_TEST_MODULE keys
#include <boost/test/unit_test.hpp>

#include "core/keys.hpp"
#include "core/yaml_reader.hpp"

using namespace articles;

namespace {

Value yaml(const std::string& block) {
  YamlResult r = read_yaml_block(block, 2);
  BOOST_REQUIRE_MESSAGE(r.ok, r.error.text());
  return r.root;
}

// Each row as `key files type:count... = example`.
std::string shown(const KeyCensus& census) {
  std::string out;
  for (const KeyStats& k : census.rows()) {
    out += k.key + " " + std::to_string(k.files);
    for (std::size_t t = 0; t < k.types.size(); ++t)
      if (k.types[t])
        out += std::string(" ") + key_type_name(static_cast<KeyType>(t)) + ":" +
               std::to_string(k.types[t]);
    out += " = " + k.example + "\n";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(files_types_and_examples_per_key_path) {
  KeyCensus census;
  census.add(yaml("title: A\ntags: [x, y]\ndate: 2024-03-05\nparams:\n  image: a.jpg\n"));
  census.add(yaml("title: B\ntags: x, y\ndate: soon\ndraft: ~\n\"cSpell:ignore\": w\n"));
  census.add(yaml("related:\n  - webUrl: u1\n  - webUrl: u2\n    n: 3\n"));
  BOOST_TEST(shown(census) ==
             "\"cSpell:ignore\" 1 text:1 = w\n"
             "date 2 text:1 date:1 = 2024-03-05\n"
             "draft 1 null:1 = \n"
             "params 1 map:1 = {\"image\":\"a.jpg\"}\n"
             "params.image 1 text:1 = a.jpg\n"
             "related 1 list:1 = [{\"webUrl\":\"u1\"},{\"webUrl\":\"u2\",\"n\":3}]\n"
             "related[] 1 map:2 = {\"webUrl\":\"u1\"}\n"
             "related[].n 1 int:1 = 3\n"
             "related[].webUrl 1 text:2 = u1\n"
             "tags 2 text:1 list:1 = [\"x\",\"y\"]\n"
             "tags[] 1 text:2 = x\n"
             "title 2 text:2 = A\n");
}

BOOST_AUTO_TEST_CASE(examples_are_cut_at_a_character) {
  KeyCensus census;
  census.add(yaml("k: " + std::string(99, 'a') + "\u00e9\u00e9\n"));
  const std::vector<KeyStats> rows = census.rows();
  BOOST_TEST(rows.at(0).example == std::string(99, 'a'));  // é would pass 100 bytes
}

BOOST_AUTO_TEST_CASE(hostile_shapes_stay_bounded) {
  // A path longer than the limit is not counted, nor anything below it.
  std::string deep, indent;
  for (int i = 0; i < 3; ++i) {
    deep += indent + std::string(400, 'k') + std::to_string(i) + ":\n";
    indent += "  ";
  }
  deep += indent + "leaf: 1\n";
  KeyCensus census;
  census.add(yaml(deep));
  BOOST_TEST(census.rows().size() == 2u);  // the first key, and the second below it
  BOOST_TEST(census.skipped() == 1);
  // Past the number of keys, new paths are skipped, known ones still counted.
  KeyCensus many;
  std::string block;
  for (std::size_t i = 0; i < KeyCensus::kMaxKeys + 10; ++i)
    block += "k" + std::to_string(i) + ": 1\n";
  YamlOptions options;
  options.max_nodes = 1000000;
  YamlResult r = read_yaml_block(block, 2, options);
  BOOST_REQUIRE(r.ok);
  many.add(r.root);
  many.add(r.root);
  BOOST_TEST(many.rows().size() == KeyCensus::kMaxKeys);
  BOOST_TEST(many.skipped() == 20);
  BOOST_TEST(many.rows().front().files == 2);
}
