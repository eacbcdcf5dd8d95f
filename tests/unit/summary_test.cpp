#define BOOST_TEST_MODULE summary
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "article_fixtures.hpp"
#include "core/summary.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

// The serialized summary is what the persistent cache stores: every fixture's summary comes
// back equal, and bytes that no serialize() made are refused rather than read as a summary.

namespace {

// Every fixture file but the .expected ones beside them.
std::vector<std::string> fixtures() {
  std::vector<std::string> names;
  for (const std::string& name : testing::article_fixture_names())
    if (name[0] != '.' && name.find(".expected") == std::string::npos) names.push_back(name);
  return names;
}

}  // namespace

BOOST_DATA_TEST_CASE(every_fixture_summary_comes_back_equal, data::make(fixtures()), name) {
  const Summary s(
      parse_article(testing::read_whole_file(testing::kArticleFixtures + name), {}, name));
  const std::string bytes = s.serialize();
  std::optional<Summary> back = Summary::deserialize(bytes);
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST((*back == s));
  for (int f = 0; f < Summary::kFieldCount; ++f) {
    const auto field = static_cast<Summary::Field>(f);
    BOOST_TEST(back->text(field).has_value() == s.text(field).has_value());
    if (s.text(field)) BOOST_TEST(std::string(*back->text(field)) == std::string(*s.text(field)));
  }
}

BOOST_AUTO_TEST_CASE(every_number_and_absence_comes_back) {
  Article a;
  a.format = Format::FrontMatter;
  a.syntax = Syntax::Toml;
  a.title_source = TitleSource::Inferred;
  a.title_confidence = 0.125;
  a.quality = -7;
  a.published = INT64_MIN;
  a.related_count = 3;
  a.word_count = INT64_MAX;
  a.title = "T";
  a.updated_at = "";  // present and empty: not NULL
  const Summary s(a);
  std::optional<Summary> back = Summary::deserialize(s.serialize());
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST((*back == s));
  BOOST_TEST(*back->title_confidence == 0.125);
  BOOST_TEST(!back->heat.has_value());
  BOOST_TEST(*back->published == INT64_MIN);
  BOOST_TEST(back->word_count == INT64_MAX);
  BOOST_TEST(back->text(Summary::kUpdatedAt).has_value());
  BOOST_TEST(back->text(Summary::kUpdatedAt)->empty());
  BOOST_TEST(!back->text(Summary::kByline).has_value());
}

BOOST_AUTO_TEST_CASE(damaged_bytes_are_refused) {
  Article a;
  a.title = "A title";
  a.byline = "By someone";
  a.title_confidence = 0.5;
  const std::string good = Summary(a).serialize();
  BOOST_TEST(Summary::deserialize(good).has_value());
  for (std::size_t n = 0; n < good.size(); ++n)  // every truncation
    BOOST_TEST(!Summary::deserialize(std::string_view(good).substr(0, n)).has_value());
  BOOST_TEST(!Summary::deserialize(good + "x").has_value());  // bytes left over
  std::string other_version = good;
  other_version[0] = static_cast<char>(good[0] + 1);
  BOOST_TEST(!Summary::deserialize(other_version).has_value());
  std::string bad_format = good;
  bad_format[1] = 9;
  BOOST_TEST(!Summary::deserialize(bad_format).has_value());
  std::string bad_confidence = good;  // the double right after the 5 header bytes: NaN
  for (int i = 5; i < 13; ++i) bad_confidence[i] = '\xff';
  BOOST_TEST(!Summary::deserialize(bad_confidence).has_value());
  // Every single-byte change either is refused or gives a summary whose fields stay within
  // its text (the checksum of the store catches the rest).
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string flipped = good;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    if (auto s = Summary::deserialize(flipped))
      for (int f = 0; f < Summary::kFieldCount; ++f)
        if (auto t = s->text(static_cast<Summary::Field>(f))) BOOST_TEST(t->size() <= good.size());
  }
}
