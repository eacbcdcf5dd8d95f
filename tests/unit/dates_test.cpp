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
    // The year first with slashes (blogs, East Asian sites): never ambiguous.
    {"2022/11/07", "2022-11-07T00:00:00Z"},
    {"2022/1/7 9:05", "2022-01-07T09:05:00Z"},
    {"2022/11/07T23:25:00+01:00", "2022-11-07T22:25:00Z"},
    {"2022/11-07", nullptr},
    {"2022-11/07", nullptr},
    {"2022/02/30", nullptr},
    // YAML 1.1 timestamps: one-digit month, day and hour; blanks before the zone; short zones.
    {"2015-03-17 09:00:00 -4", "2015-03-17T13:00:00Z"},
    {"2016-03-23 9:00:00 -4", "2016-03-23T13:00:00Z"},
    {"2001-12-14t21:59:43.10-05:00", "2001-12-15T02:59:43Z"},
    {"2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43Z"},
    {"2001-12-15 2:59:43.10", "2001-12-15T02:59:43Z"},
    {"2024-3-5", "2024-03-05T00:00:00Z"},
    {"2024-3-5 8:30", "2024-03-05T08:30:00Z"},
    {"2024-03-05T08:30:00 UTC", "2024-03-05T08:30:00Z"},
    {"2024-03-05 08:30:00 +0530", "2024-03-05T03:00:00Z"},
    {"2024-03-05T08:30:00+5", "2024-03-05T03:30:00Z"},
    {"0000-00-00", nullptr},
    {"0000-01-01", nullptr},
    {"2024-02-30", nullptr},
    {"2024-03-05 08:30:00 +", nullptr},
    {"2024-03-05 08:30:00 +12345", nullptr},
    // RFC 2822 / RFC 1123.
    {"Tue, 05 Mar 2024 08:30:00 +0000", "2024-03-05T08:30:00Z"},
    {"Tue, 5 Mar 2024 08:30:00 -0500", "2024-03-05T13:30:00Z"},
    {"05 Mar 2024 08:30 GMT", "2024-03-05T08:30:00Z"},
    {"Sat, 14 Sep 2024 10:00:00 EDT", "2024-09-14T14:00:00Z"},
    {"5 March 2024", "2024-03-05T00:00:00Z"},
    {"Tue, 31 Feb 2024 08:30:00 +0000", nullptr},
    {"Tue, 05 Foo 2024 08:30:00 +0000", nullptr},
    // Numeric with slashes: month first, day first when the first number is over 12.
    {"03/17/2015", "2015-03-17T00:00:00Z"},
    {"3/5/2024", "2024-03-05T00:00:00Z"},
    {"17/03/2015", "2015-03-17T00:00:00Z"},
    {"03/17/2015 14:05", "2015-03-17T14:05:00Z"},
    {"13/13/2015", nullptr},
    {"02/30/2024", nullptr},
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

BOOST_AUTO_TEST_CASE(american_daylight_saving_time_by_the_day) {
  // 2024: from 10 March to 3 November; 2021: 14 March to 7 November; 2006: 2 April to 29 October.
  BOOST_TEST(!us_daylight_saving(2024, 3, 9));
  BOOST_TEST(us_daylight_saving(2024, 3, 10));
  BOOST_TEST(us_daylight_saving(2024, 7, 1));
  BOOST_TEST(us_daylight_saving(2024, 11, 2));
  BOOST_TEST(!us_daylight_saving(2024, 11, 3));
  BOOST_TEST(!us_daylight_saving(2024, 1, 15));
  BOOST_TEST(!us_daylight_saving(2021, 3, 13));
  BOOST_TEST(us_daylight_saving(2021, 3, 14));
  BOOST_TEST(us_daylight_saving(2021, 11, 6));
  BOOST_TEST(!us_daylight_saving(2021, 11, 7));
  BOOST_TEST(!us_daylight_saving(2006, 4, 1));
  BOOST_TEST(us_daylight_saving(2006, 4, 2));
  BOOST_TEST(us_daylight_saving(2006, 10, 28));
  BOOST_TEST(!us_daylight_saving(2006, 10, 29));
  BOOST_TEST(!us_daylight_saving(2006, 11, 1));
}
