#define BOOST_TEST_MODULE scraped
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "core/headline_model.hpp"
#include "core/scraped.hpp"

using namespace articles;
namespace data = boost::unit_test::data;

namespace {

struct Read {
  std::string text;
  ScrapedReading r;
  explicit Read(std::string t) : text(std::move(t)), r(read_scraped_text(text)) {}
  std::string headline() const {
    if (!r.headline) return "";
    const TextBlock& b = r.blocks[*r.headline];
    return text.substr(b.offset, b.length);
  }
  std::string kind_of(const std::string& line) const {
    for (const TextBlock& b : r.blocks)
      if (text.compare(b.offset, b.length, line) == 0) return block_kind_name(b.kind);
    return "absent";
  }
  std::string clean() const { return clean_body_of(text, r.blocks); }
};

// Three paragraphs of running English prose.
const std::string kProse =
    "The harbour authority said on Monday that the new cranes would be running by the end of "
    "the year, and that the old diesel machines would be sold.\n\n"
    "Workers at the harbour welcomed the plan, but their union asked for training before the "
    "electric cranes are switched on for the first time.\n\n"
    "The cranes were built in Finland and will arrive by ship in the spring, when the harbour "
    "is at its quietest and the work can be done without delays.\n";

// Six paragraphs that repeat their words, so that lines reusing them share much with the article.
// The value of `f` for the candidate whose line is `line`; -1 when it is no candidate.
double feature(const std::string& text, const std::string& line, int f) {
  HeadlineCandidates hc = headline_candidates(text);
  ScrapedReading r = read_scraped_text(text);
  for (const HeadlineCandidate& c : hc.candidates) {
    const TextBlock& b = r.blocks[c.block];
    if (text.substr(b.offset, b.length) == line) return c.features[f];
  }
  return -1;
}

// The candidates that extend the candidate whose line is `line` (a longer title beginning with
// its text), as lines.
std::vector<std::string> lines_extending(const std::string& text, const std::string& line) {
  HeadlineCandidates hc = headline_candidates(text);
  ScrapedReading r = read_scraped_text(text);
  auto line_of = [&](const HeadlineCandidate& c) {
    const TextBlock& b = r.blocks[c.block];
    return text.substr(b.offset, b.length);
  };
  std::vector<std::string> out;
  for (const HeadlineCandidate& c : hc.candidates)
    if (line_of(c) == line)
      for (std::size_t k : c.extended_by) out.push_back(line_of(hc.candidates[k]));
  return out;
}

const std::string kLongProse =
    "The harbour cranes will run on electric power by the end of the year, the port said on "
    "Monday, and the old diesel cranes will be sold.\n\n"
    "Electric cranes are quieter than diesel cranes, and the workers of the harbour say that "
    "the port will be a better place to work.\n\n"
    "The union of the harbour workers asked the port for training before the electric cranes "
    "are switched on for the first time.\n\n"
    "The port expects the electric cranes to unload a ship faster than the diesel cranes, "
    "because they start and stop more quickly.\n\n"
    "Ships that call at the harbour will also plug into electric power at the quay, so that "
    "their diesel engines can be switched off.\n\n"
    "The port will pay for the cranes with the money from the sale of the diesel cranes and a "
    "loan from the city.\n";

BOOST_AUTO_TEST_CASE(titled_file_keeps_its_first_line) {
  Read a("Harbour Cranes Go Electric in Rotterdam\n\n" + kProse);
  BOOST_TEST(a.headline() == "Harbour Cranes Go Electric in Rotterdam");
  BOOST_TEST(a.clean().find("The harbour authority said") == 0u);
  BOOST_TEST(a.kind_of("Harbour Cranes Go Electric in Rotterdam") == "headline");
}

BOOST_AUTO_TEST_CASE(main_region_leaves_menus_and_link_lists_out) {
  Read a("Home\nNews\nSport\nWeather\nSign in\n\nHarbour cranes go electric\n\n" + kProse +
         "\nMore from News\nStorm closes coast road\nCouncil budget vote delayed\nTrain strike "
         "called off\nCookie settings\nPrivacy\n");
  BOOST_TEST(a.kind_of("Sign in") == "boilerplate");
  BOOST_TEST(a.kind_of("Council budget vote delayed") == "boilerplate");
  BOOST_TEST(a.clean().find("Cookie") == std::string::npos);
  BOOST_TEST(a.clean().find("The harbour authority said") == 0u);
  BOOST_TEST(a.clean().find("without delays.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(headline_shares_words_with_the_article) {
  // The line nearest the text is a promotion; the headline is two lines above it.
  Read a(
      "Menu\nSearch\n\nElectric cranes arrive in the harbour this year\n\nSubscribe for "
      "unlimited access today\n\n" +
      kProse);
  BOOST_TEST(a.headline() == "Electric cranes arrive in the harbour this year");
}

BOOST_AUTO_TEST_CASE(headline_repeated_on_the_page_wins_and_a_breadcrumb_gives_way) {
  Read a(
      "8 °C\nRotterdam\nHomeNewsPortsHarbour cranes go electric in Rotterdam\n\nHarbour cranes "
      "go electric in Rotterdam\n\nDate:\n\nRelated stories\n\n" +
      kProse);
  BOOST_TEST(a.headline() == "Harbour cranes go electric in Rotterdam");
  BOOST_TEST(a.kind_of("8 °C") == "boilerplate");
}

BOOST_AUTO_TEST_CASE(a_standfirst_sentence_does_not_take_the_headline) {
  Read a(
      "Menu\n\nHarbour cranes go electric\n\nThe port says the switch will cut its emissions "
      "by a third, and the work will be finished before the end of the year.\n\n" +
      kProse);
  BOOST_TEST(a.headline() == "Harbour cranes go electric");
}

BOOST_AUTO_TEST_CASE(byline_below_the_headline_is_found_and_left_out_of_the_body) {
  Read a("Menu\n\nHarbour cranes go electric in Rotterdam\n\nBy Ana Ruiz\n\n" + kProse);
  BOOST_REQUIRE(a.r.byline);
  BOOST_TEST(*a.r.byline == "Ana Ruiz");
  BOOST_TEST(a.kind_of("By Ana Ruiz") == "byline");
  BOOST_TEST(a.clean().find("Ana Ruiz") == std::string::npos);
}

// Heuristic: the byline is the names alone: what a page glues after them (a date, a time, a
// handle, a link, what follows a separator) and a second byline word are left out.
BOOST_AUTO_TEST_CASE(the_byline_is_the_names_without_what_follows_them) {
  const std::pair<std::string, std::string> cases[] = {
      {"By Ana Ruiz | March 3, 2021 | Updated 9:05", "Ana Ruiz"},
      {"By Ana Ruiz @anaruiz March 3, 2021", "Ana Ruiz"},
      {"By June Carter July 10, 2015", "June Carter"},
      {"By Ana Ruiz 03.03.2021, 9:05", "Ana Ruiz"},
      {"Von Jan Berg - 12. Mai 2023", "Jan Berg"},
      {"Autor von: Jan Berg", "Jan Berg"},
      {"Par Ana Ruiz et Tom Brown", "Ana Ruiz et Tom Brown"},
      {"By Ana Ruiz, Tom Brown and Lee Chan", "Ana Ruiz, Tom Brown and Lee Chan"},
      {"By Ana Ruiz https://example.com/ana", "Ana Ruiz"},
      {"By 3 staff writers", "3 staff writers"},
  };
  for (const auto& [line, name] : cases) {
    Read a("Menu\n\nHarbour cranes go electric in Rotterdam\n\n" + line + "\n\n" + kProse);
    BOOST_TEST_INFO(line);
    BOOST_REQUIRE(a.r.byline);
    BOOST_TEST(*a.r.byline == name);
  }
}

BOOST_AUTO_TEST_CASE(dateline_below_the_headline_gives_published_at) {
  Read a(
      "Menu\n\nHarbour cranes go electric in Rotterdam\n\nPublished 9:05 AM EST Mar 3, "
      "2021\n\n" +
      kProse);
  BOOST_REQUIRE(a.r.published_at);
  BOOST_TEST(*a.r.published_at == "2021-03-03T14:05:00Z");
  BOOST_TEST(a.kind_of("Published 9:05 AM EST Mar 3, 2021") == "dateline");
}

struct DateCase {
  const char* line;
  const char* normalised;  // "" for none
};
std::ostream& operator<<(std::ostream& os, const DateCase& c) {
  return os << c.line;
}
const DateCase kDates[] = {
    {"Published 9:05 AM EST Mar 3, 2021", "2021-03-03T14:05:00Z"},
    {"Wednesday, January 22, 2025", "2025-01-22T00:00:00Z"},
    {"22.01.2025", "2025-01-22T00:00:00Z"},
    {"08.04.2015 12:46", "2015-04-08T12:46:00Z"},
    {"22 janvier 2025", "2025-01-22T00:00:00Z"},
    {"21 de abril de 2015", "2015-04-21T00:00:00Z"},
    {"3. März 2021", "2021-03-03T00:00:00Z"},
    {"2019-04-28 at 6:01 pm", "2019-04-28T18:01:00Z"},
    {"2019/04/28 18:01", "2019-04-28T18:01:00Z"},
    {"5 gennaio 2024", "2024-01-05T00:00:00Z"},
    {"5 januari 2024", "2024-01-05T00:00:00Z"},
    {"Opublikowano: 5 stycznia 2024, 10:15", "2024-01-05T10:15:00Z"},
    {"05 января 2024", "2024-01-05T00:00:00Z"},
    {"12. oktober 2023", "2023-10-12T00:00:00Z"},
    {"2024年1月5日 10:15", "2024-01-05T10:15:00Z"},
    {"2024年01月05日に公開", "2024-01-05T00:00:00Z"},
    {"2024년 1월 5일", "2024-01-05T00:00:00Z"},
    {"2024年13月5日", ""},
    {"2024年1月", ""},
    {"Published 3:15 p.m. EST Mar 3, 2021", "2021-03-03T20:15:00Z"},
    {"March 3, 2021 11:05 a.m.", "2021-03-03T11:05:00Z"},
    {"12:30 p.m. March 3, 2021", "2021-03-03T12:30:00Z"},
    {"Publié le 5 janvier 2024 à 10h15", "2024-01-05T10:15:00Z"},
    {"5 janvier 2024 à 25h15", "2024-01-05T00:00:00Z"},
    {"Published 3:15 p.m. ET Mar 3, 2021", "2021-03-03T20:15:00Z"},
    {"Updated 10:02 a.m. ET, July 4, 2023", "2023-07-04T14:02:00Z"},
    {"Nov 7, 2021 1:30 a.m. PT", "2021-11-07T09:30:00Z"},
    {"Oct 31, 2021 1:30 pm CT", "2021-10-31T18:30:00Z"},
    {"5 janvier 2024 à 10h15 et mis à jour à 11h", "2024-01-05T10:15:00Z"},
    {"2019/04-28", ""},
    {"Feb. 21, 2019", "2019-02-21T00:00:00Z"},
    {"16 November 2017 • 2:15pm", "2017-11-16T14:15:00Z"},
    {"February 30, 2024", ""},
    {"March 18 at 12:22 PM", ""},
    {"Updated 5 minutes ago", ""},
};

BOOST_DATA_TEST_CASE(dates_stated_in_text, data::make(kDates), c) {
  std::optional<std::string> d = find_text_date(c.line);
  BOOST_TEST((d ? *d : std::string()) == c.normalised);
}

BOOST_AUTO_TEST_CASE(short_and_repeated_lines_inside_the_text_are_boilerplate) {
  Read a("Harbour cranes go electric in Rotterdam\n\n" + kProse.substr(0, kProse.find("\n\n")) +
         "\n\nAdvertisement\n\n• The cranes are electric and quiet\n\n" +
         kProse.substr(kProse.find("\n\n") + 2) + "\nAdvertisement\n");
  BOOST_TEST(a.kind_of("Advertisement") == "boilerplate");
  BOOST_TEST(a.kind_of("• The cranes are electric and quiet") == "list_item");
}

BOOST_AUTO_TEST_CASE(stop_words_of_other_languages_make_prose) {
  Read a(
      "Accueil\nMonde\n\nLes grues du port passent à l'électrique\n\n"
      "Le port a annoncé lundi que les nouvelles grues seraient en service à la fin de "
      "l'année, et que les anciennes machines seraient vendues.\n\n"
      "Les ouvriers du port ont salué le projet, mais leur syndicat a demandé une formation "
      "avant la mise en service des grues.\n");
  BOOST_TEST(a.headline() == "Les grues du port passent à l'électrique");
  BOOST_TEST(a.kind_of("Accueil") == "boilerplate");
}

// A page in a language none of the stop-word lists covers (Greek here): its prose is told by
// the length of its lines and the end of their sentences, and the model picks its headline.
BOOST_AUTO_TEST_CASE(prose_in_a_language_without_a_stop_word_list_is_told_by_length) {
  const std::string text =
      "Αρχική\nΕιδήσεις\nΑθλητισμός\n\nΟι γερανοί του λιμανιού γίνονται ηλεκτρικοί\n\n"
      "Η λιμενική αρχή ανακοίνωσε τη Δευτέρα ότι οι νέοι ηλεκτρικοί γερανοί θα λειτουργούν "
      "μέχρι το τέλος του έτους και ότι τα παλιά μηχανήματα ντίζελ θα πωληθούν.\n\n"
      "Οι εργαζόμενοι στο λιμάνι χαιρέτισαν το σχέδιο, αλλά το σωματείο τους ζήτησε "
      "εκπαίδευση πριν από την πρώτη λειτουργία των νέων γερανών.\n\n"
      "Οι γερανοί κατασκευάστηκαν στη Φινλανδία και θα φτάσουν με πλοίο την άνοιξη, όταν το "
      "λιμάνι είναι πιο ήσυχο και οι εργασίες μπορούν να γίνουν χωρίς καθυστερήσεις.\n";
  BOOST_TEST(!headline_candidates(text).fixed.has_value());
  Read a(text);
  BOOST_TEST(a.kind_of("Αρχική") == "boilerplate");
  BOOST_TEST(a.kind_of("Οι γερανοί του λιμανιού γίνονται ηλεκτρικοί") == "headline");
  BOOST_TEST(a.clean().find("Αθλητισμός") == std::string::npos);
}

// Polish shares a few stop words with Czech, too few for prose: it has a list of its own.
BOOST_AUTO_TEST_CASE(a_polish_page_is_read_by_its_own_stop_words) {
  Read a(
      "Strona główna\nWiadomości\nSport\n\nDźwigi w porcie przejdą na prąd\n\n"
      "Zarząd portu poinformował w poniedziałek, że nowe dźwigi elektryczne będą działać do "
      "końca roku, a stare maszyny z silnikami diesla zostaną sprzedane.\n\n"
      "Pracownicy portu przyjęli plan z zadowoleniem, ale ich związek zawodowy poprosił o "
      "szkolenie, zanim nowe dźwigi zostaną uruchomione po raz pierwszy.\n\n"
      "Dźwigi zbudowano w Finlandii i przypłyną statkiem wiosną, gdy w porcie jest najciszej i "
      "prace można wykonać bez opóźnień.\n");
  BOOST_TEST(a.headline() == "Dźwigi w porcie przejdą na prąd");
  BOOST_TEST(a.kind_of("Wiadomości") == "boilerplate");
  BOOST_TEST(a.kind_of("Dźwigi zbudowano w Finlandii i przypłyną statkiem wiosną, gdy w porcie "
                       "jest najciszej i prace można wykonać bez opóźnień.") == "paragraph");
}

// Chinese is written without spaces: a line counts two of its letters as a word, and a
// sentence ends at 。 as well.
BOOST_AUTO_TEST_CASE(a_line_of_an_unspaced_script_counts_its_letters) {
  const std::string text =
      "首页\n新闻\n体育\n\n港口起重机年底前改用电力\n\n"
      "港口管理局周一表示，新的电动起重机将在今年年底前投入使用，旧的柴油机器将被出售。\n\n"
      "工会表示他们将继续与港口管理局进行新一轮谈判。\n\n"
      "港口工人欢迎这项计划，但工会要求在电动起重机首次启动之前进行培训。\n\n"
      "这些起重机在芬兰制造，将于春季由船运抵，届时港口最为安静，工作可以顺利完成。\n";
  BOOST_TEST(!headline_candidates(text).fixed.has_value());
  Read a(text);
  BOOST_TEST(a.kind_of("首页") == "boilerplate");
  BOOST_TEST(a.kind_of("港口工人欢迎这项计划，但工会要求在电动起重机首次启动之前进行培训。") ==
             "paragraph");
  // 12 words, a sentence by its 。 (without it, a heading)
  BOOST_TEST(a.kind_of("工会表示他们将继续与港口管理局进行新一轮谈判。") == "paragraph");
  // 12 letters in one run: 1 + 12 / 2 words.
  BOOST_TEST(feature(text, "港口起重机年底前改用电力", kWords) == 7.0 / 30,
             boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_word_of_any_length_ties_a_headline_to_its_article) {
  // The headline is one run of 26 letters (78 bytes), a word to the reader, that two prose
  // lines repeat: its overlap counts them, however long the word.
  const std::string run = "港口起重机年底前改用电力港口管理局周一表示新的电动起重机";
  const std::string text = "首页\n新闻\n体育\n\n" + run +
                           "\n\n"
                           "港口管理局周一表示，" +
                           run +
                           "，旧的柴油机器将被出售。\n\n"
                           "工会表示他们将继续与港口管理局进行新一轮谈判。\n\n"
                           "港口工人欢迎这项计划，" +
                           run +
                           "，但工会要求在首次启动之前进行培训。\n\n"
                           "这些起重机在芬兰制造，将于春季由船运抵，届时港口最为安静。\n";
  BOOST_TEST(feature(text, run, kOverlap) > 0.3);
}

// A word is the same word whatever its letter case and wherever it stands in its line: the
// reader takes a word's first eight ASCII bytes at once where eight bytes are left, one by one
// near a line's end, and a word that runs on past them or into letters past ASCII goes on byte
// by byte. The six words of the headline stand in each of three prose lines: an overlap of 1.
BOOST_AUTO_TEST_CASE(a_word_is_read_alike_wherever_it_stands_in_its_line) {
  const std::string headline = "Harbour CRANES go2030 eco_mode electrification Hafenstraße";
  const std::string text =
      "Home\nNews\n\n" + headline +
      "\n\n"
      "The harbour said that the cranes will go2030 in eco_mode for the electrification of the "
      "hafenstraße.\n\n"
      "A HARBOUR official said that the Electrification and the eco_mode of the Go2030 plan of "
      "Hafenstraße would see the crANes.\n\n"
      "By the end of the year the hafenstraße ELECTRIFICATION and eco_MODE of go2030 would let the "
      "harbour see cranes.\n";
  BOOST_TEST(feature(text, headline, kOverlap) == 1.0, boost::test_tools::tolerance(1e-9));
  // One word differs in one letter in every prose line: five of six words.
  std::string other = text;
  for (std::size_t at = other.find("o2030", other.find(headline) + headline.size());
       at != std::string::npos; at = other.find("o2030", at + 1))
    other[at + 4] = '1';
  BOOST_TEST(feature(other, headline, kOverlap) == 5.0 / 6, boost::test_tools::tolerance(1e-9));
}

// A headline's words in other forms in its article ("Wahl" in "Wahlen", "Mineralöl" in
// "Mineralölabsatz"): the whole words do not tie them, their first five letters do.
// A headline above a long menu or table of contents is still a candidate: the candidates start
// 200 lines above the article's text.
BOOST_AUTO_TEST_CASE(a_headline_150_lines_above_the_text_is_a_candidate) {
  const std::string headline = "Harbour cranes to switch to electric power";
  std::string menu;
  for (int i = 0; i < 150; ++i) menu += "• Section " + std::to_string(i) + "\n";
  const std::string text = headline + "\n\n" + menu + "\n" + kProse;
  BOOST_TEST(feature(text, headline, kDistance) > 7.0);  // log2(1 + 151)
  // Past 200 lines, it is none (a line standing once on the page).
  std::string longer;
  for (int i = 0; i < 210; ++i) longer += "• Section " + std::to_string(i) + "\n";
  BOOST_TEST(feature(headline + "\n\n" + longer + "\n" + kProse, headline, kDistance) == -1);
}

BOOST_AUTO_TEST_CASE(a_headline_word_in_another_form_ties_it_by_its_stem) {
  const std::string headline = "Mineralölabsatz sinkt nach der Wahl und Überschwemmungen";
  const std::string text = "Startseite\nWirtschaft\n\n" + headline +
                           "\n\n"
                           "Der Absatz von Mineralöl ist im November deutlich gesunken, wie das "
                           "Bundesamt am Montag in einer Mitteilung bekannt gab.\n\n"
                           "Nach den Wahlen und der Überschwemmung im Herbst hatten die Händler "
                           "mit einem Anstieg gerechnet, doch die Nachfrage blieb schwach.\n\n"
                           "Die Mineralölwirtschaft rechnet für das kommende Jahr mit einer "
                           "Erholung, wenn die Preise wieder fallen und die Wahlversprechen "
                           "eingelöst werden.\n";
  // No word of the headline stands whole in the article ...
  BOOST_TEST(feature(text, headline, kOverlap) == 0.0);
  // ... but the first five letters of two of its four content words do: "miner" (Mineralöl,
  // Mineralölwirtschaft: two prose lines) and "übers", six bytes (Überschwemmung: one); not
  // those of "sinkt", nor "wahl" (a word of four letters is its own prefix; "Wahlen" is
  // "wahle"). Saturating at three lines: log 3 / log 4 and log 2 / log 4, of four words.
  const double expected = (std::log(3.0) + std::log(2.0)) / std::log(4.0) / 4;
  BOOST_TEST(feature(text, headline, kStemOverlap) == expected, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::string(headline_feature_name(kStemOverlap)) == "stem_overlap");
}

// A paragraph the article has said already, word for word (a pull quote, a caption template, a
// page that prints its text twice), is boilerplate: the clean body says it once.
BOOST_AUTO_TEST_CASE(a_paragraph_said_twice_is_kept_once) {
  const std::string quote =
      "Workers at the harbour welcomed the plan, but their union asked for training before the "
      "electric cranes are switched on for the first time.";
  const std::string text = "News\nSport\n\nHarbour cranes to switch to electric power\n\n" +
                           kProse + "\n" + quote + "\n\nThe port expects the first ship in May.\n";
  Read a(text);
  BOOST_TEST(a.headline() == "Harbour cranes to switch to electric power");
  std::vector<std::string> kinds;
  for (const TextBlock& b : a.r.blocks)
    if (text.compare(b.offset, b.length, quote) == 0) kinds.push_back(block_kind_name(b.kind));
  BOOST_TEST(kinds == (std::vector<std::string>{"paragraph", "boilerplate"}),
             boost::test_tools::per_element());
  const std::string clean = a.clean();
  BOOST_TEST(clean.find(quote) != std::string::npos);
  BOOST_TEST(clean.find(quote, clean.find(quote) + 1) == std::string::npos);
  BOOST_TEST(clean.find("The cranes were built in Finland") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_without_prose_keeps_every_line) {
  Read a("Shopping list\n\n• bread\n• milk\n\neggs\n");
  BOOST_TEST(a.headline() == "Shopping list");
  BOOST_TEST(a.kind_of("• bread") == "list_item");
  BOOST_TEST(a.kind_of("eggs") == "paragraph");
  BOOST_TEST(a.clean() == "• bread\n\n• milk\n\neggs");
}

BOOST_AUTO_TEST_CASE(a_note_of_one_paragraph_has_no_headline) {
  const std::string para =
      "I went to the market today and bought some apples, pears and a loaf of bread, and the "
      "weather was fine, so I stayed longer than I had planned to.";
  Read a(para + "\n");
  BOOST_TEST(!a.r.headline);
  BOOST_TEST(a.kind_of(para) == "paragraph");
  BOOST_TEST(a.clean() == para);
  // Under a title it is the article's text, as ever.
  Read titled("Market day\n\n" + para + "\n");
  BOOST_TEST(titled.headline() == "Market day");
  BOOST_TEST(titled.clean() == para);
}

BOOST_AUTO_TEST_CASE(a_line_too_long_for_a_headline_is_none) {
  // No prose: the first line would be the headline, but it has more words than a candidate may.
  std::string words;
  for (int i = 0; i < 36; ++i) words += (i ? " w" : "w") + std::to_string(i);
  Read list(words + "\n\n• bread\n• milk\n");
  BOOST_TEST(!list.r.headline);
  BOOST_TEST(list.kind_of(words) == "paragraph");
  BOOST_TEST(list.kind_of("• milk") == "list_item");
  Read shorter(words.substr(0, words.rfind(' ')) + "\n\n• bread\n");  // 35 words: it is
  BOOST_TEST(shorter.headline() == words.substr(0, words.rfind(' ')));
  // Prose whose every line is longer than a candidate may be: no candidate, no headline.
  std::string long_line, other_line;
  for (int i = 0; i < 4; ++i) long_line += kProse.substr(0, kProse.find('\n')) + " ";
  long_line.pop_back();
  std::string third = kProse.substr(kProse.rfind("The cranes"));  // ends with a line break
  third.back() = ' ';
  for (int i = 0; i < 4; ++i) other_line += third;
  other_line.pop_back();
  Read prose(long_line + "\n\n" + other_line + "\n");
  BOOST_TEST(!prose.r.headline);
  BOOST_TEST(prose.clean() == long_line + "\n\n" + other_line);
}

BOOST_AUTO_TEST_CASE(lines_whose_lower_case_is_longer_are_read) {
  // Ⱥ and Ⱦ take a byte more in lower case: a line of them is compared by a key longer than the
  // line (article_fuzz found the key written past its end).
  std::string caps;
  for (int i = 0; i < 40; ++i) caps += i % 2 ? "\u023A" : "\u023E";
  Read a("Home\n" + caps + "\n" + caps + " " + caps + "\n\n" + kProse);
  BOOST_TEST(a.r.blocks.size() == 6u);
  BOOST_TEST(a.clean().find("The harbour authority said") == 0u);
}

BOOST_AUTO_TEST_CASE(blank_text_has_no_headline) {
  Read a(" \n\n\t\n");
  BOOST_TEST(!a.r.headline);
  BOOST_TEST(a.r.blocks.empty());
  BOOST_TEST(a.clean() == "");
}

BOOST_AUTO_TEST_CASE(lines_are_numbered_and_trimmed_with_crlf) {
  Read a("  Title line  \r\n\r\n  second line\r\n");
  BOOST_REQUIRE(a.r.blocks.size() == 2u);
  BOOST_TEST(a.r.blocks[0].line == 1u);
  BOOST_TEST(a.r.blocks[1].line == 3u);
  BOOST_TEST(a.headline() == "Title line");
  BOOST_TEST(a.kind_of("second line") == "paragraph");
}

// Heuristic: a short line that the article names in its opening sentence is a title, not a
// menu item (an encyclopedia's "X" above "An X is ...", under a one-line description).
BOOST_AUTO_TEST_CASE(a_short_headline_named_in_the_opening_wins) {
  Read a(
      "Tidal turbine\n\nFrom the free encyclopedia\nJump to navigation\nRenewable power device "
      "used in coastal waters\n\n"
      "A tidal turbine is a machine that turns the energy of tidal currents into electricity, "
      "much as a wind turbine does with the energy of the wind.\n\n"
      "The first tidal turbines were tested in the sea in the early years of this century, and "
      "several of them now feed the grid of the islands where they stand.\n\n"
      "Tidal turbines are expensive to build, because the sea is hard on every machine that is "
      "placed in it, but their output is known years in advance.\n");
  BOOST_TEST(a.headline() == "Tidal turbine");
}

// Feature: a line repeated within three lines, maybe with a credit after it, is an image's
// alternative text and its caption (the model weighs it against being the headline).
BOOST_AUTO_TEST_CASE(an_image_caption_under_its_alt_text_is_marked_a_caption) {
  const std::string caption = "Electric cranes unload a ship at the harbour quay";
  const std::string text = "Menu\n\nHarbour cranes go electric\n\nShare\nCopy link\nPrint\n\n" +
                           caption + "\n" + caption + " - Photo Agency\n\n" + kLongProse;
  BOOST_TEST(feature(text, caption, kCaption) == 1);
  BOOST_TEST(feature(text, "Harbour cranes go electric", kCaption) == 0);
}

// The tokens the vocabulary weighs: words in lower case with their digits written 0, and each
// other character that is not white space; each once, in the order they first come.
BOOST_AUTO_TEST_CASE(a_line_gives_its_tokens_once_each) {
  using V = std::vector<std::string>;
  BOOST_TEST(headline_tokens("Foto: © AFP / Jeff, 12.03.2021") ==
                 (V{"foto", ":", "©", "afp", "/", "jeff", ",", "00", ".", "0000"}),
             boost::test_tools::per_element());
  BOOST_TEST(headline_tokens("ÉTÉ  été\u00a0Été | été") == (V{"été", "|"}),
             boost::test_tools::per_element());
  BOOST_TEST(headline_tokens("• Next story »") == (V{"•", "next", "story", "»"}),
             boost::test_tools::per_element());
  BOOST_TEST(headline_tokens(" \t ").empty());
  BOOST_TEST(headline_tokens("Covid19-Straße2 A4") == (V{"covid00", "-", "straße0", "a0"}),
             boost::test_tools::per_element());
  // Only the first 32 tokens of a line, repeats counted: a long paragraph by its start.
  std::string words, repeats;
  for (int i = 0; i < 40; ++i)
    words += "w" + std::string(1, static_cast<char>('a' + i % 26)) +
             std::string(1, static_cast<char>('a' + i / 26)) + " ";
  for (int i = 0; i < 32; ++i) repeats += "same ";
  BOOST_TEST(headline_tokens(words).size() == 32u);
  BOOST_TEST(headline_tokens(words).back() == "wfb");
  BOOST_TEST(headline_tokens(repeats + "late") == (V{"same"}), boost::test_tools::per_element());
  // The 32nd token a word: the mark right after it is not one.
  std::string thirty_one;
  for (int i = 0; i < 31; ++i) thirty_one += "! ";
  BOOST_TEST(headline_tokens(thirty_one + "end?") == (V{"!", "end"}),
             boost::test_tools::per_element());
}

// Model: a candidate's vocabulary score is the learned weights of the tokens of its own line,
// the line above it and the line below it, each in its slot.
BOOST_AUTO_TEST_CASE(a_candidate_weighs_the_tokens_of_its_lines) {
  const std::string text = "Menu\n\nHome\nHarbour cranes go electric\nBy Ann Lee\n\n" + kLongProse;
  HeadlineCandidates hc = headline_candidates(text);
  ScrapedReading r = read_scraped_text(text);
  auto line = [&](std::size_t b) { return text.substr(r.blocks[b].offset, r.blocks[b].length); };
  std::size_t checked = 0;
  for (const HeadlineCandidate& c : hc.candidates) {
    double expected = 0;
    for (int slot = 0; slot < kTokenSlots; ++slot) {
      const auto at = static_cast<std::ptrdiff_t>(c.block) + kTokenOffsets[slot];
      if (at < 0 || at >= static_cast<std::ptrdiff_t>(r.blocks.size())) continue;
      for (const std::string& t : headline_tokens(line(static_cast<std::size_t>(at))))
        if (const double* w = token_weights(t)) expected += w[slot];
    }
    BOOST_TEST(c.vocabulary == expected, boost::test_tools::tolerance(1e-9));
    checked += c.vocabulary != 0;
  }
  BOOST_TEST(checked > 0u);  // the vocabulary knows some of these words
  BOOST_TEST(token_weights("harbourcranesgoelectric") == nullptr);
}

// Features: a breadcrumb run into the headline holds it (and the headline is held); the model
// weighs both, and the context features tell a headline under the line holding it.
BOOST_AUTO_TEST_CASE(a_line_holding_another_candidate_is_marked_and_so_is_the_line_held) {
  const std::string headline = "Harbour cranes go electric in Rotterdam";
  const std::string glued = "HomeNewsWorld" + headline;
  const std::string text = "Home\nNews\nWorld\n\n" + glued + "\n" + headline + "\n\n" + kLongProse;
  BOOST_TEST(feature(text, glued, kHolds) == 1);
  BOOST_TEST(feature(text, glued, kHeld) == 0);
  BOOST_TEST(feature(text, headline, kHeld) == 1);
  BOOST_TEST(feature(text, headline, kHolds) == 0);
  BOOST_TEST(feature(text, headline, context_feature(0, kHolds)) == 1);  // above.holds
  // Run into at both ends: the headline's first and last words are parts of longer ones there.
  const std::string both = "HomeNews" + headline + "Gallery";
  const std::string text2 = "Home\nNews\n\n" + both + "\n" + headline + "\n\n" + kLongProse;
  BOOST_TEST(feature(text2, both, kHolds) == 1);
  BOOST_TEST(feature(text2, headline, kHeld) == 1);
}

// The candidates: below the article's start, every line down to 11 lines, then only the lines
// that are not prose down to 29.
BOOST_AUTO_TEST_CASE(short_lines_further_below_the_start_are_candidates) {
  const std::string aside = "Read more about the port";
  const std::string sentence =
      "The harbour master said that the new cranes are the quietest machines that the port has "
      "ever bought, and the workers agree with her.";
  std::string text = "Menu\n\nHarbour cranes go electric\n\n";
  for (int i = 0; i < 8; ++i) text += kLongProse;  // 48 prose lines
  auto after_paragraphs = [](std::string t, int paragraphs, const std::string& insert) {
    std::size_t at = 0;
    for (int n = 0; n < paragraphs + 2; ++n) at = t.find("\n\n", at) + 2;
    return t.insert(at, insert + "\n\n");
  };
  const std::string near = after_paragraphs(text, 18, aside + "\n\n" + sentence);
  BOOST_TEST(feature(near, aside, kWords) > 0);
  BOOST_TEST(feature(near, sentence, kWords) == -1);  // prose, 19 lines below the start
  BOOST_TEST(feature(after_paragraphs(text, 4, sentence), sentence, kWords) > 0);
  BOOST_TEST(feature(after_paragraphs(text, 38, aside), aside, kWords) == -1);
}

// Feature: the line after an image's file name (its alternative text) is a caption (the model
// weighs it against being the headline).
BOOST_AUTO_TEST_CASE(a_caption_after_an_image_file_name_is_marked_a_caption) {
  const std::string caption = "Electric harbour cranes unload a ship at the quay";
  const std::string text =
      "Menu\n\nHarbour cranes go electric\n\nShare\nCopy link\nPrint\nSave\nComments\n\n"
      "harbour-cranes.jpg\n" +
      caption + "\n\n" + kLongProse;
  BOOST_TEST(feature(text, caption, kCaption) == 1);
  BOOST_TEST(feature(text, "Harbour cranes go electric", kCaption) == 0);
}

// Heuristic: a short line that stands alone twice above the text (the page's title, and the
// heading of an infobox) and that the opening names is a title however far above the text it
// sits, here above some 120 lines of an infobox.
BOOST_AUTO_TEST_CASE(a_repeated_title_far_above_the_text_wins_when_the_opening_names_it) {
  std::string box;
  for (int i = 0; i < 40; ++i)
    box += "Berth " + std::to_string(i) + "                     " + std::to_string(100 + i) +
           " m\n(quay wall)\n• Depth  " + std::to_string(10 + i % 7) + " m\n";
  Read a(
      "Menu\n\nTidal turbine\n\nFrom the free encyclopedia\nJump to navigation\n\n"
      "Tidal turbine\n\n" +
      box +
      "\nA tidal turbine is a machine that turns the energy of tidal currents into "
      "electricity, much as a wind turbine does with the energy of the wind.\n\n"
      "The first tidal turbines were tested in the sea in the early years of this century, "
      "and several of them now feed the grid of the islands where they stand.\n\n"
      "Tidal turbines are expensive to build, because the sea is hard on every machine that "
      "is placed in it, but their output is known years in advance.\n");
  BOOST_TEST(a.headline() == "Tidal turbine");
}

// Heuristic: a short best line (a product's name in a review's scorecard, named by the opening)
// gives way to a line that begins with it and goes on with words: the review's title. A line that
// goes on after a separator is a page title with the site's name, and does not take it.
BOOST_AUTO_TEST_CASE(a_name_gives_way_to_the_title_that_extends_it) {
  const std::string page =
      "Harbour Crane X2 - Kranwelt Magazin Online Hamburg\n\nMenu\nReviews\nNews\n\n";
  const std::string rest =
      "Only the largest ports will need all of it.\n\nAna Ruiz, @anaruiz\n\nShare\nTweet\n"
      "Save\n\nHarbour Crane X2\n\nScores\n87\n\nKey specs\n\n• Lift  60 t\n• Reach  50 m\n"
      "• Power  Electric\n• Cab  Remote\n• Speed  3 m/s\n\nFrom $2,000,000\n\nBuy now\n\n"
      "The Harbour Crane X2 is the quietest crane a port can buy, and it unloads a ship faster "
      "than any diesel crane the harbour has used before.\n\n" +
      kLongProse;
  Read review(page + "Harbour Crane X2 review: quiet power for the busy quay\n\n" + rest);
  BOOST_TEST(review.headline() == "Harbour Crane X2 review: quiet power for the busy quay");
  // Without the review's title, only the page title goes on after the name, past a separator:
  // it does not extend the name (which of the two is the headline is then the model's choice).
  const std::string no_review = page + rest;
  BOOST_TEST(
      lines_extending(page + "Harbour Crane X2 review: quiet power for the busy quay\n\n" + rest,
                      "Harbour Crane X2") ==
      std::vector<std::string>{"Harbour Crane X2 review: quiet power for the busy quay"});
  BOOST_TEST(lines_extending(no_review, "Harbour Crane X2").empty());
}

// Heuristic: a line repeated three times or more that holds the words of another line (with
// markup left in it, or an apostrophe dropped) is a caption template around that line, not the
// headline.
BOOST_AUTO_TEST_CASE(a_caption_template_around_the_headline_gives_way_to_it) {
  const std::string alt =
      "Illustration for article titled The emHarbour/em Cranes Go Electric at the Ports Quay";
  Read a(
      "Menu\n\nThe Harbour Cranes Go Electric at the Port's Quay\n\nShare\nCopy link\n"
      "Print\nSave\nComments\n\n" +
      alt + "\n\n" + kLongProse + "\n" + alt + "\n\n" + kProse + "\n" + alt + "\n\n" + kProse);
  BOOST_TEST(a.headline() == "The Harbour Cranes Go Electric at the Port's Quay");
}

// Heuristic: a title that names a year is not a dateline; only short lines are.
BOOST_AUTO_TEST_CASE(a_headline_naming_a_year_is_not_a_dateline) {
  Read a(
      "Menu\n\nHarbour cranes bought in 2019 will finally go electric\n\nThe port says the cranes "
      "will be quieter\n\n" +
      kProse);
  BOOST_TEST(a.headline() == "Harbour cranes bought in 2019 will finally go electric");
}

// Feature: a short line stating a year or a time of day is `meta`, wherever in the line it
// stands (the reading passes eight bytes without a digit at once); digits that are neither are
// not.
BOOST_AUTO_TEST_CASE(a_year_or_a_time_anywhere_in_a_short_line_makes_it_meta) {
  const std::string text =
      "Menu\n\nNew cranes for the harbour\n\nPublished on Tuesday in 2021 by the harbour\n\n"
      "Ünderwritten in Hafenstraße at 9:05 today\n\nRoom 12345 of the Harbour Hall\n\n"
      "Lines 1 2 3 and 45 of the Harbour Book\n\n" +
      kLongProse;
  BOOST_TEST(feature(text, "Published on Tuesday in 2021 by the harbour", kMeta) == 1);
  BOOST_TEST(feature(text, "Ünderwritten in Hafenstraße at 9:05 today", kMeta) == 1);
  BOOST_TEST(feature(text, "Room 12345 of the Harbour Hall", kMeta) == 0);
  BOOST_TEST(feature(text, "Lines 1 2 3 and 45 of the Harbour Book", kMeta) == 0);
}

// Feature: the article's own first prose line (a long caption or lead without a full stop) is
// marked as the article's own prose; a title line above it is not.
BOOST_AUTO_TEST_CASE(the_first_prose_line_is_marked_own_prose) {
  const std::string lead =
      "The electric harbour cranes will unload a ship faster when the diesel cranes are sold";
  const std::string text =
      "Menu\n\nNew cranes for the harbour\n\nShare\nCopy link\nPrint\nSave\n"
      "Comments\n\n" +
      lead + "\n" + kLongProse;
  BOOST_TEST(feature(text, lead, kOwnProse) == 1);
  BOOST_TEST(feature(text, "New cranes for the harbour", kOwnProse) == 0);
  BOOST_TEST(feature(text, "New cranes for the harbour", kNearestShaped) == 1);
}

// Feature: a candidate carries the line features of the line above it and of the two below it;
// a context line that is no candidate (a byline, a prose line too long to be one, no line at
// all) has them 0 and its `none` feature 1.
BOOST_AUTO_TEST_CASE(a_candidate_carries_the_features_of_the_lines_around_it) {
  const std::string text =
      "Menu\n\nHarbour news\n\nNew cranes for the port and the ships\n\nBy Ann Smith, 12 "
      "March 2021\n\n" +
      kLongProse;
  const std::string rubric = "Harbour news", headline = "New cranes for the port and the ships";
  const int above = 0, below = 1, below2 = 2;
  BOOST_TEST(kContextOffsets[above] == -1);
  BOOST_TEST(kContextOffsets[below] == 1);
  BOOST_TEST(kContextOffsets[below2] == 2);
  for (int f = 0; f < kLineFeatures; ++f) {
    BOOST_TEST(feature(text, headline, context_feature(above, f)) == feature(text, rubric, f));
    BOOST_TEST(feature(text, rubric, context_feature(below, f)) == feature(text, headline, f));
    BOOST_TEST(feature(text, "Menu", context_feature(below2, f)) == feature(text, headline, f));
    BOOST_TEST(feature(text, headline, context_feature(below, f)) == 0);  // the byline
  }
  BOOST_TEST(feature(text, headline, context_feature(above, kTitleLength)) == 0);
  BOOST_TEST(feature(text, rubric, context_feature(below, kTitleLength)) == 1);
  BOOST_TEST(feature(text, headline, context_none(below)) == 1);
  BOOST_TEST(feature(text, headline, context_none(above)) == 0);
  BOOST_TEST(feature(text, "Menu", context_none(above)) == 1);  // the first line
  BOOST_TEST(feature(text, rubric, context_none(below2)) == 1);
  BOOST_TEST(std::string(headline_feature_name(context_feature(below2, kOverlap))) ==
             "below2.overlap");
  BOOST_TEST(std::string(headline_feature_name(context_none(above))) == "above.none");
  BOOST_TEST(std::string(headline_feature_name(kHeadlineFeatures - 1)) == "below2.none");
  BOOST_TEST(std::string(headline_feature_name(kHeadlineFeatures)).empty());
}

// Feature: where a line stands among menus: the share of list items and of short lines above
// it, of list items below it, right after a menu or a run of short lines, longer than the line
// above.
BOOST_AUTO_TEST_CASE(a_line_right_after_a_menu_is_marked_so) {
  const std::string headline = "New cranes for the port and the ships";
  const std::string text = "Harbour Times\nSign in\n\n• News\n• Sport\n• Weather\n• Jobs\n\n" +
                           headline + "\n\nThe cranes this week\n\n" + kLongProse;
  BOOST_TEST(feature(text, headline, kMenuAbove) == 4.0 / 6.0);
  BOOST_TEST(feature(text, headline, kShortAbove) == 1.0);
  BOOST_TEST(feature(text, headline, kAfterMenu) == 1);
  BOOST_TEST(feature(text, headline, kAfterShorts) == 1);
  BOOST_TEST(feature(text, headline, kLongerThanAbove) == 1);
  BOOST_TEST(feature(text, headline, kMenuBelow) == 0);
  BOOST_TEST(feature(text, "• Weather", kMenuBelow) == 0.2);  // • Jobs of the five below
  BOOST_TEST(feature(text, "• Weather", kAfterMenu) == 0);    // Sign in is no list item
  BOOST_TEST(feature(text, "• Weather", kAfterShorts) == 1);
  BOOST_TEST(feature(text, "• Weather", kLongerThanAbove) == 0);
  BOOST_TEST(feature(text, "Harbour Times", kMenuAbove) == 0);  // the first line
  BOOST_TEST(feature(text, "Harbour Times", kAfterShorts) == 0);
  BOOST_TEST(feature(text, "The cranes this week", kAfterMenu) == 0);
  BOOST_TEST(feature(text, "The cranes this week", kLongerThanAbove) == 0);  // under a title
}

// Heuristic: the line right above the byline is the headline, more than a rubric above it.
BOOST_AUTO_TEST_CASE(the_line_right_above_the_byline_beats_a_rubric) {
  Read a(
      "Menu\n\nnews /\nHarbour news\n\nNew cranes: the port, the "
      "union and the ships\n\nBy Ann Smith and Tom Brown, 12 March 2021\n\n" +
      kLongProse);
  BOOST_TEST(a.headline() == "New cranes: the port, the union and the ships");
}

// Feature: a line below the byline (a gallery's or a photo's title) is marked so; the line
// above the byline is not, and has a byline below it.
BOOST_AUTO_TEST_CASE(a_gallery_title_below_the_byline_is_marked_below_byline) {
  const std::string text =
      "Menu\n\nPort votes to sell its diesel cranes\nBy Ann Smith March 12 at 9:00 AM\n1 of 12\n"
      "Full screen\nElectric harbour cranes unload a ship at the quay\nView photos\n\n" +
      kLongProse;
  BOOST_TEST(feature(text, "Electric harbour cranes unload a ship at the quay", kBelowByline) == 1);
  BOOST_TEST(feature(text, "Port votes to sell its diesel cranes", kBelowByline) == 0);
  BOOST_TEST(feature(text, "Port votes to sell its diesel cranes", kAboveByline) == 1);
}

// Heuristic: a news feed after the article (list items that start with a time of day, with
// prose between them) ends the article.
BOOST_AUTO_TEST_CASE(a_news_feed_after_the_article_is_boilerplate) {
  std::string feed;
  for (int h = 14; h > 10; --h)
    feed += "\u2022 " + std::to_string(h) + ":05 The city council meets on the budget again\n\n" +
            "The council said on Monday that it would vote on the budget for the schools of "
            "the city before the end of the month, after a long debate.\n\n";
  Read a("Menu\n\nHarbour cranes go electric\n\n" + kLongProse + "\nLatest news\n\n" + feed);
  BOOST_TEST(a.clean().find("council") == std::string::npos, a.clean());
  BOOST_TEST(a.kind_of("\u2022 14:05 The city council meets on the budget again") == "boilerplate");
  BOOST_TEST(a.clean().find("a loan from the city.") != std::string::npos);
}

// Heuristic: no bonus for the first line of a page: a site's name there is not a headline.
BOOST_AUTO_TEST_CASE(a_site_name_on_the_first_line_is_not_the_headline) {
  Read a(
      "Harbour Cranes Blog\nThis Blog\n\nThis Blog\n\nWhy the harbour cranes are going quiet\n\n"
      "Posted by Ann Smith, editor\n\n" +
      kLongProse);
  BOOST_TEST(a.headline() == "Why the harbour cranes are going quiet");
}

// Heuristic: where code listings split the prose, the article may begin above the densest
// run: its headline is looked for above the first paragraph too.
BOOST_AUTO_TEST_CASE(the_headline_may_sit_above_a_code_listing) {
  std::string code;
  for (int i = 0; i < 18; ++i)
    code += "  crane_" + std::to_string(i) + ".power = \"electric\";  // set " + std::to_string(i) +
            "\n";
  Read a("Home\nArticles\nAbout\n\nSoftware for the electric harbour cranes\n\nby Ann Smith\n\n" +
         kProse + "\n" + code + "\nWhat the harbour cranes answer\n\n" + kLongProse);
  BOOST_TEST(a.headline() == "Software for the electric harbour cranes");
}

}  // namespace

// A text of more than 100,000 non-blank lines (a log, a table of short rows, a hostile file) is
// weighed on its first 100,000; the rest is one block, trimmed, that continues the article when
// the article's prose runs to the last line weighed, and is boilerplate otherwise.
BOOST_AUTO_TEST_CASE(the_lines_past_the_first_hundred_thousand_are_one_block) {
  constexpr std::size_t kWeighed = 100000;
  // Lines of one length, each of its own (a line said twice is said once: boilerplate).
  auto line_at = [](std::size_t i) {
    std::string day = std::to_string(1000000 + i).substr(1);
    return "The council voted on the budget for the harbour and the new school on day " + day + ".";
  };
  const std::string line = line_at(0);
  std::string prose_lines;
  for (std::size_t i = 0; i < kWeighed + 5; ++i) prose_lines += line_at(i) + "\n\n";
  // The title and 99,999 lines weighed, six lines left.
  const Read prose("The harbour budget passes after a long night\n\n" + prose_lines + "  \n\n");
  BOOST_TEST(prose.r.blocks.size() == kWeighed + 1);
  BOOST_TEST(prose.headline() == "The harbour budget passes after a long night");
  const TextBlock& rest = prose.r.blocks.back();
  BOOST_TEST(rest.line == 2 * kWeighed + 1);  // the first line past the limit
  BOOST_TEST(block_kind_name(rest.kind) == std::string("paragraph"));
  const std::string text = prose.text.substr(rest.offset, rest.length);
  BOOST_TEST(text.rfind("The council", 0) == 0);
  BOOST_TEST(text.size() == 5 * (line.size() + 2) + line.size());  // trimmed at its end
  BOOST_TEST(block_kind_name(prose.r.blocks[kWeighed - 1].kind) == std::string("paragraph"));

  // The article ends before the limit: what follows the limit is boilerplate.
  std::string menu;
  for (std::size_t i = 0; i < kWeighed + 10; ++i) menu += "• Item\n";
  const Read page("Harbour budget passes\n\n" + kProse + "\n" + menu);
  BOOST_TEST(page.r.blocks.size() == kWeighed + 1);
  BOOST_TEST(block_kind_name(page.r.blocks.back().kind) == std::string("boilerplate"));
  BOOST_TEST(page.headline() == "Harbour budget passes");

  // Exactly at the limit: every line is a block of its own.
  std::string at_limit;
  for (std::size_t i = 0; i < kWeighed; ++i) at_limit += "row\n";
  BOOST_TEST(Read(at_limit).r.blocks.size() == kWeighed);
}

// Lines of one length that differ only away from their first, middle and last eight bytes (a
// log, a table) were counted in one chain of the reader's table of equal lines: 60,000 of them
// took 32 s, these would take minutes. Counted by a hash of every byte, a fraction of a second.
BOOST_AUTO_TEST_CASE(lines_alike_at_their_ends_are_counted_in_linear_time,
                     *boost::unit_test::timeout(60)) {
  std::string rows;
  for (std::size_t i = 0; i < 99000; ++i) {
    std::string row(150, 'a');
    for (std::size_t p = 20, k = i; p < 25; ++p, k /= 26) row[p] = static_cast<char>('a' + k % 26);
    rows += row + "\n";
  }
  const Read page("Home\nArticles\nAbout\n\nHarbour budget passes after a long night\n\n" + kProse +
                  "\n" + rows);
  BOOST_TEST(page.headline() == "Harbour budget passes after a long night");
  BOOST_TEST(page.kind_of(std::string(20, 'a') + "baaaa" + std::string(125, 'a')) == "boilerplate");
}

// A candidate's text is looked for in the lines around it by a search that takes time linear
// in each line: "qq rr ss baaa...a" in lines of "aaaa..." made a search that compares from
// every place take time proportional to both sizes (100 such candidates under 200 such lines
// would take minutes); a candidate has at most 1,000 bytes, and a hostile page's far lines are
// not searched.
BOOST_AUTO_TEST_CASE(a_candidate_is_looked_for_in_linear_time, *boost::unit_test::timeout(60)) {
  std::string page;
  for (std::size_t i = 0; i < 200; ++i) page += std::string(20000, 'a') + "\n";
  for (std::size_t i = 0; i < 100; ++i) page += "qq rr ss b" + std::string(880 + i, 'a') + "\n";
  const Read read(page + "\nHarbour budget passes after a long night\n\n" + kProse);
  BOOST_TEST(read.headline() == "Harbour budget passes after a long night");
  // Longer lines are no candidates.
  const std::string long_line = "qq rr ss b" + std::string(1000, 'a');
  BOOST_TEST(feature(long_line + "\n\n" + kProse, long_line, kOverlap) == -1);
  const std::string short_line = "qq rr ss b" + std::string(980, 'a');
  BOOST_TEST(feature(short_line + "\n\n" + kProse, short_line, kOverlap) >= 0);
}

// A line that stands again alone elsewhere, in other letter case and spacing, is repeated; the
// same words in another order (a line of the same words, not of the same text) are not.
BOOST_AUTO_TEST_CASE(a_line_standing_again_alone_is_repeated) {
  const std::string line = "Harbour cranes arrive in spring";
  const std::string page = "Home\nNews\n\n" + line + "\n\n" + kProse;
  BOOST_TEST(feature(page, line, kRepeated) == 0);
  BOOST_TEST(feature(page + "\nHARBOUR  cranes Arrive in\tspring\n", line, kRepeated) == 1);
  BOOST_TEST(feature(page + "\nSpring cranes arrive in harbour\n", line, kRepeated) == 0);
  BOOST_TEST(feature(page + "\nSpring cranes arrive in harbour\nharbour cranes arrive in spring\n",
                     line, kRepeated) == 1);
  // Among many lines of the same words (counted by their texts rather than compared in turn).
  std::string many;
  for (int k = 1; k <= 40; ++k)
    many += "Cranes arrive in spring harbour" + std::string(k, '!') + "\n";
  BOOST_TEST(feature(page + "\n" + many, line, kRepeated) == 0);
  BOOST_TEST(feature(page + "\n" + many + "harbour cranes arrive in spring\n", line, kRepeated) ==
             1);
}

// A line is found again inside a longer one where the words around it run on into its first and
// last words ("Harbour ... spring" in "NewHarbour ... springtime"), in a line of prose (its
// text as written) or in another (its key); not where its words stand in another order.
BOOST_AUTO_TEST_CASE(a_line_is_found_again_inside_longer_words) {
  const std::string line = "Harbour cranes arrive in spring";
  const std::string page = "Home\nNews\n\n" + line + "\n\n" + kProse;
  BOOST_TEST(feature(page + "\nPORT NEWS | NewHarbour cranes arrive in springtime again\n", line,
                     kRepeated) == 1);
  BOOST_TEST(feature(page + "\nThe port said that NewHarbour cranes arrive in springtime, and the "
                            "council agreed that the budget for the new quay would be voted on "
                            "after the summer recess.\n",
                     line, kRepeated) == 1);
  BOOST_TEST(feature(page + "\nPORT NEWS | NewHarbour cranes in spring arrive again\n", line,
                     kRepeated) == 0);
}

// A line is found again inside a longer one whatever its letter case and runs of white space
// (the lines' keys: lower case, each run of white space one space, eight ASCII bytes at a time
// where they allow it), at every alignment of the text and with letters past ASCII.
BOOST_AUTO_TEST_CASE(a_line_is_found_again_whatever_its_case_and_spacing) {
  for (std::size_t k = 0; k < 16; ++k) {
    const std::string lead = std::string(k, 'x') + (k ? " " : "");
    for (const std::string& tail : {std::string(" Arrive In Spring"), std::string(" Über Häfen")}) {
      const std::string line = lead + "Harbour Cranes" + tail;
      std::string shouted;
      for (char c : line)  // (ASCII letters upper case, the others as they are)
        shouted += c == ' ' ? std::string(k % 2 ? "  " : " \t ")
                            : std::string(1, c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
      const std::string text =
          "Home\nNews\n\n" + line + "\n\n" + kProse + "\nPORT NEWS |  " + shouted + " \n";
      BOOST_TEST(feature(text, line, kRepeated) == 1, line);
      const std::string other = "Home\nNews\n\n" + line + "\n\n" + kProse + "\nPORT NEWS | " +
                                lead + "Harbour Crane" + tail + "\n";
      BOOST_TEST(feature(other, line, kRepeated) == 0, line);
    }
  }
}
