#define BOOST_TEST_MODULE article
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>
#include <vector>

#include "article_fixtures.hpp"
#include "core/article.hpp"
#include "core/dates.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

// Each tests/fixtures/articles/NAME.expected names the rule it checks on its first line (a
// `#` comment) and lists `field: value` lines, the value in JSON (null for NULL); the fixture
// NAME.* beside it is parsed and each listed field compared.

namespace {

const std::string& kDir = testing::kArticleFixtures;

std::vector<std::string> fixture_names() {
  std::vector<std::string> out;
  for (const auto& n : testing::article_fixture_names())
    if (n.size() > 9 && n.compare(n.size() - 9, 9, ".expected") == 0)
      out.push_back(n.substr(0, n.size() - 9));
  return out;
}

std::string input_for(const std::string& stem) {
  for (const auto& n : testing::article_fixture_names())
    if (n.rfind(stem + ".", 0) == 0 && n != stem + ".expected") return kDir + n;
  return "";
}

std::string json(const std::optional<std::string>& s) {
  if (!s) return "null";
  Value v;
  v.kind = Value::Kind::Text;
  v.text = *s;
  return to_json(v);
}
std::string json(const std::optional<std::int64_t>& i) {
  return i ? std::to_string(*i) : "null";
}

std::map<std::string, std::string> render(const Article& a) {
  return {
      {"format", json(std::optional<std::string>(format_name(a.format)))},
      {"front_matter_format",
       syntax_name(a.syntax) ? json(std::optional<std::string>(syntax_name(a.syntax))) : "null"},
      {"title", json(a.title)},
      {"title_source", title_source_name(a.title_source)
                           ? json(std::optional<std::string>(title_source_name(a.title_source)))
                           : "null"},
      {"updated_at", json(a.updated_at)},
      {"category", json(a.category)},
      {"type", json(a.type)},
      {"excerpt", json(a.excerpt)},
      {"published_at", json(a.published_at)},
      {"quality", json(a.quality)},
      {"heat", json(a.heat)},
      {"published", json(a.published)},
      {"provider_name", json(a.provider_name)},
      {"provider_domain", json(a.provider_domain)},
      {"original_url", json(a.original_url)},
      {"web_url", json(a.web_url)},
      {"topics", json(a.topics)},
      {"images", json(a.images)},
      {"related_count", std::to_string(a.related_count)},
      {"secured", json(a.secured)},
      {"body", json(a.body)},
      {"word_count", std::to_string(a.word_count)},
      {"front_matter", json(front_matter_json(a))},
      {"error", json(a.error_text())},
  };
}

// Decodes the JSON string escapes the expected files use (\" \\ \n \r \t \uXXXX), so that a
// value such as "Caf\uFFFD" compares with what to_json writes for the same text.
std::string canonical(const std::string& json_value) {
  if (json_value.empty() || json_value[0] != '"') return json_value;
  std::string raw;
  for (std::size_t i = 1; i + 1 < json_value.size(); ++i) {
    char c = json_value[i];
    if (c != '\\') {
      raw.push_back(c);
      continue;
    }
    char e = json_value[++i];
    if (e == 'n')
      raw.push_back('\n');
    else if (e == 'r')
      raw.push_back('\r');
    else if (e == 't')
      raw.push_back('\t');
    else if (e == 'u') {
      unsigned cp = static_cast<unsigned>(std::stoul(json_value.substr(i + 1, 4), nullptr, 16));
      i += 4;
      if (cp < 0x80)
        raw.push_back(static_cast<char>(cp));
      else if (cp < 0x800) {
        raw.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        raw.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        raw.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        raw.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        raw.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    } else
      raw.push_back(e);
  }
  return json(std::optional<std::string>(raw));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_fixture_has_expectations) {
  BOOST_TEST(fixture_names().size() >= 20u);
  for (const auto& stem : fixture_names()) BOOST_TEST(!input_for(stem).empty(), stem);
}

BOOST_DATA_TEST_CASE(fixture, data::make(fixture_names()), stem) {
  std::string input = input_for(stem);
  BOOST_REQUIRE_MESSAGE(!input.empty(), "no input file for " << stem);
  // Parsed under its own file name: Markdown by extension, the title chain's last step.
  Article a =
      parse_article(testing::read_whole_file(input), {}, input.substr(input.rfind('/') + 1));
  auto got = render(a);
  std::istringstream expected(testing::read_whole_file(kDir + stem + ".expected"));
  std::string line;
  int checked = 0;
  while (std::getline(expected, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t colon = line.find(": ");
    BOOST_REQUIRE_MESSAGE(colon != std::string::npos, "bad line in " << stem << ": " << line);
    std::string field = line.substr(0, colon);
    BOOST_REQUIRE_MESSAGE(got.count(field), "unknown field " << field);
    BOOST_TEST(got[field] == canonical(line.substr(colon + 2)), stem << " " << field);
    ++checked;
  }
  BOOST_TEST(checked > 0);
}

BOOST_AUTO_TEST_CASE(first_line_headline_strips_heading_marks_and_unicode_space) {
  std::string_view rest;
  BOOST_TEST(first_line_headline("\n\n# Title\nbody", &rest).value() == "Title");
  BOOST_TEST(rest == "body");
  BOOST_TEST(first_line_headline("###\tDeep\n", nullptr).value() == "Deep");
  BOOST_TEST(first_line_headline("#hashtag\n", nullptr).value() == "#hashtag");
  BOOST_TEST(first_line_headline("\u00A0\u3000\nreal\u00A0\n", nullptr).value() == "real");
  BOOST_TEST(!first_line_headline(" \n\t\n", nullptr).has_value());
}

BOOST_AUTO_TEST_CASE(text_and_not_text) {
  using namespace std::string_literals;
  BOOST_TEST(is_binary("a\0b"s));
  BOOST_TEST(is_binary(std::string(8191, 'x') + '\0'));
  BOOST_TEST(!is_binary(std::string(8192, 'x') + '\0'));  // past the first 8 KB
  BOOST_TEST(!is_binary("\xFF\xFEt\0i\0t\0l\0e\0"s));     // UTF-16 LE holds NULs
  BOOST_TEST(!is_binary("\xFE\xFF\0t\0i"s));              // and UTF-16 BE
  BOOST_TEST(is_binary("%PDF-1.7\n"));
  BOOST_TEST(is_binary("RIFF\x10\0\0\0WEBPVP8 "s));
  BOOST_TEST(!is_binary("RIFF is a word"));
  BOOST_TEST(!is_binary("Plain text.\n"));
  Article a = parse_article("GIF89a....", {}, "photo.md");
  BOOST_TEST(std::string(format_name(a.format)) == "binary");
  BOOST_TEST(!a.title.has_value());
  BOOST_TEST(title_source_name(a.title_source) == nullptr);
  BOOST_TEST(a.error_text().value_or("") == "not a text file");
}

BOOST_AUTO_TEST_CASE(the_title_chain_without_a_file_name) {
  Article fm = parse_article("---\ndate: 2024-01-01\n---\n\nFirst line\n\n# Heading\n");
  BOOST_TEST(fm.title.value_or("") == "Heading");
  BOOST_TEST(std::string(title_source_name(fm.title_source)) == "heading");
  Article first = parse_article("---\ndate: 2024-01-01\n---\n\n## First line\n");
  BOOST_TEST(first.title.value_or("") == "First line");
  BOOST_TEST(std::string(title_source_name(first.title_source)) == "first_line");
  Article plain = parse_article("# Looks like Markdown\n\nBut has no name.\n");
  BOOST_TEST(std::string(title_source_name(plain.title_source)) == "inferred");
  Article named = parse_article("# Looks like Markdown\n\nAnd is.\n", {}, "doc.md");
  BOOST_TEST(named.title.value_or("") == "Looks like Markdown");
  BOOST_TEST(named.body == "# Looks like Markdown\n\nAnd is.\n");
}

// Jekyll, Hugo and Zola name posts by their date: it is published_at when nothing states one.
BOOST_AUTO_TEST_CASE(a_date_starting_the_file_name_is_published_at_when_none_is_stated) {
  BOOST_TEST(file_name_date("2024-03-05-harbour-cranes.md").value_or("") == "2024-03-05T00:00:00Z");
  BOOST_TEST(file_name_date("2024-03-05_harbour.md").value_or("") == "2024-03-05T00:00:00Z");
  for (const char* name : {"2024-03-05.md", "2024-3-05-x.md", "2024-02-30-x.md",
                           "x-2024-03-05-x.md", "2024-03-05x.md", "20240305-x.md", "2024-03-0"})
    BOOST_TEST(!file_name_date(name).has_value(), name);
  const std::string post = "---\ntitle: Cranes\n---\nText.\n";
  BOOST_TEST(parse_article(post, {}, "2024-03-05-cranes.md").published_at.value_or("") ==
             "2024-03-05T00:00:00Z");
  BOOST_TEST(!parse_article(post, {}, "cranes.md").published_at.has_value());
  // A date the front matter or the text states wins; an unreadable one stays NULL with its note.
  BOOST_TEST(parse_article("---\ndate: 2024-04-01\n---\n", {}, "2024-03-05-cranes.md")
                 .published_at.value_or("") == "2024-04-01T00:00:00Z");
  const Article bad = parse_article("---\ndate: soon\n---\n", {}, "2024-03-05-cranes.md");
  BOOST_TEST(!bad.published_at.has_value());
  BOOST_TEST(bad.error_text().value_or("") == "date (line 2): cannot read the date 'soon'");
  // An unreadable updated date is no reason to leave published_at out.
  BOOST_TEST(parse_article("---\nlastmod: soon\n---\n", {}, "2024-03-05-cranes.md")
                 .published_at.value_or("") == "2024-03-05T00:00:00Z");
  const std::string page =
      "Home\n\nRobots Bake Bread in Lyon\n\nMarch 12, 2024\n\nA family bakery in Lyon now runs "
      "two robots through the night, and the owners say that the bread has never been better.\n";
  BOOST_TEST(parse_article(page, {}, "2024-03-13-bakery.txt").published_at.value_or("") ==
             "2024-03-12T00:00:00Z");
  BOOST_TEST(parse_article("Note\n\nNo date here.\n", {}, "2024-03-13-note.txt")
                 .published_at.value_or("") == "2024-03-13T00:00:00Z");
  ParseOptions light;
  light.read_text = false;
  BOOST_TEST(!parse_article(page, light, "2024-03-13-bakery.txt").published_at.has_value());
}

BOOST_AUTO_TEST_CASE(plain_text_without_a_headline_has_no_title_and_keeps_its_text) {
  const std::string para =
      "The meeting moved to Thursday because the board took the room for the whole of "
      "Wednesday, and the reports of last week are to be brought along.\n";
  const Article note = parse_article(para, {}, "meeting.txt");
  BOOST_TEST(!note.title.has_value());
  BOOST_TEST(std::string(title_source_name(note.title_source)) == "inferred");
  BOOST_TEST(!note.title_confidence.has_value());
  BOOST_TEST(note.body == para);  // one line: the body, not the preamble
  BOOST_TEST(note.word_count == 27);
  // A one-line title: the title, and the body too.
  const Article line = parse_article("Shopping list\n", {}, "list.txt");
  BOOST_TEST(line.title.value_or("") == "Shopping list");
  BOOST_TEST(line.body == "Shopping list\n");
  // Blank text: an empty body, as ever.
  BOOST_TEST(parse_article(" \n\n", {}, "blank.txt").body == "");
}

BOOST_AUTO_TEST_CASE(without_the_reading_of_text_a_page_keeps_all_but_what_that_reading_finds) {
  const std::string page =
      "Home\nNews\n\nRobots Bake Bread in Lyon\n\nBy Claire Martin\n\nMarch 12, 2024\n\n"
      "A family bakery in Lyon now runs two robots through the night, and the owners say that "
      "the bread has never been better.\n\nThe machines knead the dough while the bakers sleep, "
      "and the first loaves come out of the oven at five.\n";
  const Article full = parse_article(page, {}, "bakery.txt");
  ParseOptions light;
  light.read_text = false;
  BOOST_TEST(light.cache_variant() != ParseOptions{}.cache_variant());
  const Article a = parse_article(page, light, "bakery.txt");
  BOOST_TEST(full.title.value_or("") == "Robots Bake Bread in Lyon");
  BOOST_TEST(full.byline.value_or("") == "Claire Martin");
  BOOST_TEST(!full.blocks.empty());
  BOOST_TEST(!a.title.has_value());
  BOOST_TEST(!a.title_confidence.has_value());
  BOOST_TEST(!a.byline.has_value());
  BOOST_TEST(!a.published_at.has_value());
  BOOST_TEST(a.blocks.empty());
  BOOST_TEST(std::string(title_source_name(a.title_source)) == "inferred");
  BOOST_TEST(a.body == full.body);
  BOOST_TEST(a.word_count == full.word_count);
  BOOST_TEST(std::string(format_name(a.format)) == "plain");
  // A Markdown file's title comes from its heading, not from that reading: it stays.
  const Article md = parse_article("# Heading\n\nText.\n", light, "doc.md");
  BOOST_TEST(md.title.value_or("") == "Heading");
  // Front matter is read as ever.
  const Article fm = parse_article("---\ntitle: T\nauthor: A\n---\nBody\n", light, "a.md");
  BOOST_TEST(fm.title.value_or("") == "T");
  BOOST_TEST(fm.byline.value_or("") == "A");
}
