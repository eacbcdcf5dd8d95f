#define BOOST_TEST_MODULE dates
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "core/dates.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

namespace {
struct Case {
  const char* in;
  const char* out;  // nullptr: not a date
};
std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.in;
}

const Case kCases[] = {
    {"2022-11-07T23:25:00Z", "2022-11-07T23:25:00Z"},
    {"2022-11-07t23:25:00z", "2022-11-07T23:25:00Z"},
    {"2022-11-07 23:25:00Z", "2022-11-07T23:25:00Z"},
    {"2022-11-07T23:25:00+02:00", "2022-11-07T21:25:00Z"},
    {"2022-11-07T23:25:00+0200", "2022-11-07T21:25:00Z"},
    {"2022-11-07T23:25:00 +0200", "2022-11-07T21:25:00Z"},
    {"2022-11-07 23:25:00 -05:30", "2022-11-08T04:55:00Z"},
    {"2022-11-07T23:25:00-05", "2022-11-08T04:25:00Z"},
    {"2022-12-31T23:30:00-01:00", "2023-01-01T00:30:00Z"},
    {"2022-01-01T00:10:00+01:00", "2021-12-31T23:10:00Z"},
    {"2022-11-07T23:25:59.999999Z", "2022-11-07T23:25:59Z"},
    {"2022-11-07T23:25:07,5+01:00", "2022-11-07T22:25:07Z"},
    {"2022-11-07T23:25", "2022-11-07T23:25:00Z"},
    {"2022-11-07T23:25:00", "2022-11-07T23:25:00Z"},
    {"2022-11-07", "2022-11-07T00:00:00Z"},
    {" 2022-11-07 ", "2022-11-07T00:00:00Z"},
    {"2024-02-29", "2024-02-29T00:00:00Z"},
    {"2023-02-29", nullptr},
    {"2022-13-01", nullptr},
    {"2022-11-31", nullptr},
    {"2022-11-07T24:00:00Z", nullptr},
    {"2022-11-07T23:60:00Z", nullptr},
    {"2022-11-07T23:25:00+25:00", nullptr},
    {"2022-11-07T23:25:00.Z", nullptr},
    {"2022-11-07T23:25:00Zjunk", nullptr},
    {"22-11-07", nullptr},
    {"yesterday", nullptr},
    {"", nullptr},
    {"2022/11/07", nullptr},
};
}  // namespace

BOOST_DATA_TEST_CASE(dates_normalise_to_utc, data::make(kCases), c) {
  auto got = normalize_date(c.in);
  if (c.out) {
    BOOST_TEST(got.has_value());
    BOOST_TEST(got.value_or("<none>") == c.out);
  } else {
    BOOST_TEST(!got.has_value(), got.value_or(""));
  }
}
