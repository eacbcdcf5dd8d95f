#define BOOST_TEST_MODULE links
#include <boost/test/unit_test.hpp>

#include "core/links.hpp"
#include "core/tree.hpp"
#include "core/yaml_reader.hpp"
#include "hostile_text.hpp"

using namespace articles;

namespace {

// Each link as `kind target [text] @line`, one per line.
std::string shown(const std::vector<DocLink>& links) {
  std::string out;
  for (const DocLink& l : links) {
    out += std::string(link_kind_name(l.kind)) + " " + l.target;
    if (l.text) out += " [" + *l.text + "]";
    if (l.embed) out += " !";
    out += " @" + std::to_string(l.line) + "\n";
  }
  return out;
}

std::string md(std::string_view text) {
  return shown(markdown_links(text, 1));
}

// What each step of a link reader gives, shown.
template <class Reader>
std::vector<std::string> steps_of(Reader& reader) {
  std::vector<std::string> out;
  std::vector<DocLink> some;
  while (reader.next(&some)) out.push_back(shown(some));
  return out;
}

// An index over `paths` (sorted here), each an article unless it has a binary extension; the
// aliases and URLs of a path follow it after '|' (`a.md|alias:x|url:/p/`).
LinkIndex index_of(std::vector<std::string> specs) {
  std::sort(specs.begin(), specs.end());
  LinkIndex index;
  for (const std::string& spec : specs) {
    const std::size_t bar = spec.find('|');
    const std::string path = spec.substr(0, bar);
    std::string packed;
    for (std::size_t p = bar; p != std::string::npos;) {
      const std::size_t next = spec.find('|', p + 1);
      const std::string item = spec.substr(p + 1, next == std::string::npos ? next : next - p - 1);
      packed += (item.rfind("alias:", 0) == 0 ? "a" + item.substr(6) : "u" + item.substr(4));
      packed.push_back('\0');
      p = next;
    }
    const bool article = path.size() < 4 || path.substr(path.size() - 4) != ".png";
    index.add(path, article, {}, packed.empty() ? std::nullopt : std::optional(packed));
  }
  return index;
}

std::string resolved(const LinkIndex& index, std::string_view target, bool wiki,
                     const std::string& from) {
  const LinkIndex::Match m = index.resolve(link_target(target, wiki), from);
  std::string out = m.path ? *m.path : "-";
  out += " " + std::to_string(m.candidates) + " ";
  out += m.resolved ? (*m.resolved ? "1" : "0") : "null";
  return out;
}

Article parse(std::string_view text, const char* name = "a.md") {
  return parse_article(text, {}, name);
}

}  // namespace

BOOST_AUTO_TEST_CASE(inline_links_images_and_their_text) {
  BOOST_TEST(md("See [the plan](plan.md#timeline \"Plan\") and ![a crane](img/crane.png).") ==
             "markdown plan.md#timeline [the plan] @1\nmarkdown img/crane.png [a crane] ! @1\n");
  BOOST_TEST(md("[spaced](<my note.md>) [parens](a_(b).md) [empty]()") ==
             "markdown my note.md [spaced] @1\nmarkdown a_(b).md [parens] @1\n");
  // A badge: an image inside a link's text is a link of its own.
  BOOST_TEST(md("[![build](https://ci.example/b.svg)](https://ci.example/)") ==
             "markdown https://ci.example/ [![build](https://ci.example/b.svg)] @1\n"
             "markdown https://ci.example/b.svg [build] ! @1\n");
  // Link text with brackets and backticks.
  BOOST_TEST(md("[a [nested] `]` text](x.md)") == "markdown x.md [a [nested] `]` text] @1\n");
}

BOOST_AUTO_TEST_CASE(reference_links_use_their_definitions) {
  const std::string text =
      "Read [the guide][g], [Setup][] and [faq].\n[no such][zzz] [plain brackets]\n\n"
      "[g]: guide.md#start \"Guide\"\n[setup]: <setup notes.md>\n[FAQ]: https://a.example/faq\n"
      "[^1]: a footnote, no link [^1]\n";
  BOOST_TEST(md(text) ==
             "markdown guide.md#start [the guide] @1\nmarkdown setup notes.md [Setup] @1\n"
             "markdown https://a.example/faq [faq] @1\n");
}

BOOST_AUTO_TEST_CASE(wiki_links_and_embeds) {
  BOOST_TEST(md("[[Note]] [[Note|shown]] [[Note#Heading]] [[Note^block]] ![[img.png]]") ==
             "wiki Note @1\nwiki Note [shown] @1\nwiki Note#Heading @1\nwiki Note^block @1\n"
             "embed img.png ! @1\n");
  // Unclosed, empty and nested brackets are text; `\|` in a table separates the shown text.
  BOOST_TEST(md("[[open [[]] [[ ]] [[|x]] | [[A\\|b]] |") == "wiki A [b] @1\n");
  BOOST_TEST(md("x [[a [[b]] y") == "wiki b @1\n");
}

BOOST_AUTO_TEST_CASE(urls_autolinks_and_other_schemes) {
  BOOST_TEST(
      md("<https://a.example/x> <mailto:me@a.example> https://b.example/y.") ==
      "url https://a.example/x @1\nurl mailto:me@a.example @1\nurl https://b.example/y @1\n");
}

BOOST_AUTO_TEST_CASE(no_links_in_code_or_comments) {
  const std::string text =
      "`[[a]]` and ``[b](c.md)``\n\n```\n[[fenced]] https://f.example/\n```\n\n"
      "    [indented](code.md)\n\n<!--\n[[commented]]\n-->\n<!-- [[inline]] --> [[after]]\n"
      "<div>\n[[html]]\n</div>\n\n- item [[listed]]\n> quoted [q](q.md)\n# Head [[ing]]\n";
  BOOST_TEST(md(text) == "wiki listed @17\nmarkdown q.md [q] @18\nwiki ing @19\n");
  // A line that opens with a comment is an HTML block (CommonMark); a comment inside a line
  // hides only itself.
  BOOST_TEST(md("text <!-- [[x]] --> [[y]] <!-- [[z]]") == "wiki y @1\n");
}

BOOST_AUTO_TEST_CASE(lines_count_from_the_body_start) {
  const Article a = parse(
      "---\ntitle: T\nnext: \"[[Other|o]]\"\nweb: https://a.example/\n---\n"
      "Text\n\n[[Body]]\n");
  BOOST_TEST(shown(article_links(a)) ==
             "front_matter Other [o] @3\nfront_matter https://a.example/ @4\nwiki Body @8\n");
  // A plain (not Markdown) file: its URLs only, as written.
  const Article plain = parse("Headline\n\nSee [[x]] at https://a.example/p.\n", "p.txt");
  BOOST_TEST(shown(article_links(plain)) == "url https://a.example/p @3\n");
}

BOOST_AUTO_TEST_CASE(links_are_read_a_line_at_a_time) {
  // A definition after its use, a line without links, two links on a line, a code block.
  const std::string text =
      "[ref] and [[w]]\n\nnone here\n```\n[[code]]\n```\n[a](a.md) <https://b.example/>\n\n"
      "[ref]: https://r.example/\n";
  MarkdownLinkReader reader(text, 1);
  std::vector<std::string> steps = steps_of(reader);
  BOOST_TEST(steps.size() == 2u);
  BOOST_TEST(steps[0] == "markdown https://r.example/ [ref] @1\nwiki w @1\n");
  BOOST_TEST(steps[1] == "markdown a.md [a] @7\nurl https://b.example/ @7\n");
  std::vector<DocLink> some(1);
  BOOST_TEST(!reader.next(&some));  // and stays at its end, with nothing
  BOOST_TEST(some.empty());
  // The same as markdown_links, whole.
  BOOST_TEST(steps[0] + steps[1] == md(text));
  // An article's: its front matter's first, then its body's.
  const Article a = parse("---\nweb: https://a.example/\n---\n[[One]]\n\n[[Two]]\n");
  ArticleLinkReader links(a);
  steps = steps_of(links);
  BOOST_TEST(steps.size() == 3u);
  BOOST_TEST(steps[0] == "front_matter https://a.example/ @2\n");
  BOOST_TEST(steps[2] == "wiki Two @6\n");
  // A text that is not Markdown: its bare URLs, a line at a time (CRLF, a "://" without a
  // scheme, the last line without a line break), the same as found in the whole body.
  const Article plain = parse(
      "Title\n\nsee https://a.example/x and http://b.example/.\r\nno link\nfoo:// bar\n"
      "last https://c.example",
      "p.txt");
  ArticleLinkReader urls(plain);
  steps = steps_of(urls);
  BOOST_TEST(steps.size() == 2u);
  BOOST_TEST(steps[0] == "url https://a.example/x @3\nurl http://b.example/ @3\n");
  BOOST_TEST(steps[1] == "url https://c.example @6\n");
  std::vector<DocLink> whole;
  for (Link& l : text_links(plain.body, plain.body_line)) {
    DocLink d;
    d.target = l.url;
    d.line = l.line;
    whole.push_back(d);
  }
  BOOST_TEST(steps[0] + steps[1] == shown(whole));
  // Without links at all: nothing, at once.
  const Article text_only = parse("Just text.\n", "n.txt");  // outlives its reader
  ArticleLinkReader none(text_only);
  BOOST_TEST(!none.next(&some));
}

BOOST_AUTO_TEST_CASE(a_thousand_links_on_one_line) {
  std::string line;
  for (int i = 0; i < 1000; ++i)
    line += "[[n" + std::to_string(i) + "]] [t](x" + std::to_string(i) + ".md) ";
  const std::vector<DocLink> links = markdown_links(line, 1);
  BOOST_TEST(links.size() == 2000u);
  BOOST_TEST(links[1998].target == "n999");
  // Unclosed openers do not make the scan quadratic in practice, and give no link.
  BOOST_TEST(markdown_links(std::string(100000, '['), 1).empty());
  BOOST_TEST(markdown_links(std::string(50000, '`') + "x", 1).empty());
}

BOOST_AUTO_TEST_CASE(targets_split_into_name_and_anchor) {
  LinkTarget t = link_target("../b%20c.md?x=1#Install%20it", false);
  BOOST_TEST((t.form == TargetForm::Path));
  BOOST_TEST(t.name == "../b c.md");
  BOOST_TEST(*t.anchor == "Install it");
  t = link_target("HTTPS://a.example/p#top", false);
  BOOST_TEST((t.form == TargetForm::WebUrl));
  BOOST_TEST(*t.anchor == "top");
  BOOST_TEST((link_target("mailto:x@y", false).form == TargetForm::OtherScheme));
  BOOST_TEST((link_target("//cdn.example/x.js", false).form == TargetForm::OtherScheme));
  BOOST_TEST((link_target("{{< ref \"b.md\" >}}", false).form == TargetForm::OtherScheme));
  BOOST_TEST((link_target("{% link b.md %}", false).form == TargetForm::OtherScheme));
  t = link_target("Plan#Phase 1#Timeline", true);
  BOOST_TEST(t.name == "Plan");
  BOOST_TEST(*t.anchor == "Phase 1#Timeline");
  t = link_target("Plan#^june", true);
  BOOST_TEST(*t.anchor == "^june");
  t = link_target("Plan^june", true);
  BOOST_TEST(t.name == "Plan");
  BOOST_TEST(*t.anchor == "^june");
  // Bytes that decode to no valid UTF-8 (or to a NUL) stay as written.
  BOOST_TEST(link_target("a%FF.md", false).name == "a%FF.md");
  BOOST_TEST(link_target("a%00.md", false).name == "a%00.md");
}

BOOST_AUTO_TEST_CASE(relative_paths_resolve_from_the_linking_folder) {
  const LinkIndex index =
      index_of({"index.md", "docs/a.md", "docs/b c.md", "docs/sub/index.md", "docs/guide/_index.md",
                "img/crane.png", "README.md", "docs/pretty.md"});
  BOOST_TEST(resolved(index, "a.md", false, "docs/x.md") == "docs/a.md 1 1");
  BOOST_TEST(resolved(index, "./b%20c.md", false, "docs/x.md") == "docs/b c.md 1 1");
  BOOST_TEST(resolved(index, "../img/crane.png", false, "docs/x.md") == "img/crane.png 1 1");
  BOOST_TEST(resolved(index, "sub/", false, "docs/x.md") == "docs/sub/index.md 1 1");
  BOOST_TEST(resolved(index, "guide", false, "docs/x.md") == "docs/guide/_index.md 1 1");
  BOOST_TEST(resolved(index, "pretty", false, "docs/x.md") == "docs/pretty.md 1 1");
  BOOST_TEST(resolved(index, "..", false, "docs/x.md") == "index.md 1 1");
  BOOST_TEST(resolved(index, "/docs/a.md", false, "docs/sub/index.md") == "docs/a.md 1 1");
  BOOST_TEST(resolved(index, "#top", false, "docs/a.md") == "docs/a.md 1 1");
  // Never above the root, however the steps go; case matters in paths.
  BOOST_TEST(resolved(index, "../../../../etc/passwd", false, "docs/x.md") == "- 0 0");
  BOOST_TEST(resolved(index, "../../index.md", false, "docs/x.md") == "- 0 0");
  BOOST_TEST(resolved(index, "../docs/A.md", false, "docs/x.md") == "- 0 0");
  // A site's pretty URL, relative to the page's own URL (`docs/x.md` is `docs/x/`) when the
  // file's folder has no such page; an index page's URL is its folder.
  BOOST_TEST(resolved(index, "../pretty/", false, "docs/x.md") == "docs/pretty.md 1 1");
  BOOST_TEST(resolved(index, "../pretty/", false, "docs/sub/index.md") == "docs/pretty.md 1 1");
  BOOST_TEST(resolved(index, "../a/", false, "docs/sub/index.md") == "docs/a.md 1 1");
  BOOST_TEST(resolved(index, "../b c.md", false, "docs/x.md") == "- 0 0");  // a file: no retry
  // A bare name not found beside the file: found by name anywhere, as Obsidian writes links.
  BOOST_TEST(resolved(index, "crane.png", false, "docs/x.md") == "img/crane.png 1 1");
}

BOOST_AUTO_TEST_CASE(wiki_links_by_name_then_alias_with_a_fixed_tie_break) {
  const LinkIndex index = index_of({"Plan.md", "work/plan.md", "work/deep/more/plan.md",
                                    "archive/plan.txt", "Budget 2025.md|alias:money|alias:Q1",
                                    "img/crane.png", "ÉTÉ.md", "notes/money.md"});
  // Same folder first, then the shortest path, then byte order; the candidates counted.
  BOOST_TEST(resolved(index, "plan", true, "work/x.md") == "work/plan.md 4 1");
  BOOST_TEST(resolved(index, "PLAN", true, "other/x.md") == "Plan.md 4 1");
  BOOST_TEST(resolved(index, "plan.txt", true, "x.md") == "archive/plan.txt 1 1");
  BOOST_TEST(resolved(index, "deep/more/plan", true, "x.md") == "work/deep/more/plan.md 1 1");
  BOOST_TEST(resolved(index, "work/plan", true, "x.md") == "work/plan.md 1 1");
  BOOST_TEST(resolved(index, "ork/plan", true, "x.md") == "- 0 0");
  // Aliases after names: `money` is a file's name before it is an alias.
  BOOST_TEST(resolved(index, "q1", true, "x.md") == "Budget 2025.md 1 1");
  BOOST_TEST(resolved(index, "money", true, "x.md") == "notes/money.md 1 1");
  BOOST_TEST(resolved(index, "crane.png", true, "x.md") == "img/crane.png 1 1");
  BOOST_TEST(resolved(index, "crane", true, "x.md") == "- 0 0");  // an attachment has no stem
  BOOST_TEST(resolved(index, "été", true, "x.md") == "ÉTÉ.md 1 1");
  BOOST_TEST(resolved(index, "Missing", true, "x.md") == "- 0 0");
  BOOST_TEST(resolved(index, "#Heading", true, "Plan.md") == "Plan.md 1 1");
}

BOOST_AUTO_TEST_CASE(a_name_fifty_files_share) {
  std::vector<std::string> paths;
  for (int i = 0; i < 50; ++i) paths.push_back("f" + std::to_string(i) + "/Same.md");
  const LinkIndex index = index_of(paths);
  BOOST_TEST(resolved(index, "same", true, "f7/x.md") == "f7/Same.md 50 1");
  BOOST_TEST(resolved(index, "same", true, "x.md") == "f0/Same.md 50 1");
}

BOOST_AUTO_TEST_CASE(urls_and_site_paths_match_urls_permalinks_and_aliases) {
  LinkIndex index;
  index.add("a.md", true, {"https://news.example.com/a/harbour/", ""}, std::nullopt);
  std::string packed = std::string("u/posts/cranes/") + '\0' + "u/old/cranes.html" + '\0';
  index.add("b.md", true, {}, packed);
  index.add("c.md", true, {"http://news.example.com/a/harbour"}, std::nullopt);
  auto at = [&](std::string_view t) {
    const LinkIndex::Match m = index.resolve(link_target(t, false), "x.md");
    return (m.path ? *m.path : "-") + " " + std::to_string(m.candidates);
  };
  BOOST_TEST(at("HTTPS://News.Example.com:443/a/harbour/#top") == "a.md 2");
  BOOST_TEST(at("https://www.news.example.com/a/harbour") == "a.md 2");
  BOOST_TEST(at("/posts/cranes") == "b.md 1");
  BOOST_TEST(at("/old/cranes.html?x=1") == "b.md 1");
  BOOST_TEST(at("https://elsewhere.example/posts/cranes/") == "- 0");
  BOOST_TEST(!index.resolve(link_target("https://elsewhere.example/", false), "x.md").resolved);
  BOOST_TEST(!index.resolve(link_target("mailto:a@b.example", false), "x.md").resolved);
}

BOOST_AUTO_TEST_CASE(link_names_from_front_matter) {
  YamlResult r = read_yaml_block("url: /a/\npermalink: /p/\naliases: [harbour, /old/]\n", 2);
  BOOST_REQUIRE(r.ok);
  const std::optional<std::string> packed = link_names(r.root);
  BOOST_REQUIRE(packed.has_value());
  BOOST_TEST(*packed == std::string("u/a/\0u/p/\0aharbour\0u/old/\0", 26));
  r = read_yaml_block("alias: Home\ntitle: x\n", 2);
  BOOST_TEST(*link_names(r.root) == std::string("aHome\0", 6));
  r = read_yaml_block("aliases: 5\ntitle: x\n", 2);
  BOOST_TEST(!link_names(r.root).has_value());
}

BOOST_AUTO_TEST_CASE(anchors_by_slug_heading_text_and_block) {
  const Article a = parse(
      "# Harbour plan\n\n## Time line\n\nText ^june\n\n## Time line\n\n## Install {#setup}\n\n"
      "^solo\n\n```\n## Not a heading ^code\n```\n\n> Note <a id=\"small-prs\"></a> <A "
      "name='old'>\n");
  const Anchors anchors(a);
  BOOST_TEST(*anchors.has("time-line"));
  BOOST_TEST(*anchors.has("time-line-1"));
  BOOST_TEST(*anchors.has("Time Line"));  // a wiki-link's heading, by its text
  BOOST_TEST(*anchors.has("Harbour plan#Time line"));
  BOOST_TEST(*anchors.has("setup"));
  BOOST_TEST(*anchors.has("^june"));
  BOOST_TEST(*anchors.has("^solo"));
  BOOST_TEST(!*anchors.has("^code"));
  BOOST_TEST(*anchors.has("small-prs"));
  BOOST_TEST(*anchors.has("old"));
  BOOST_TEST(!*anchors.has("not-a-heading"));
  BOOST_TEST(!*anchors.has("time-line-2"));
  BOOST_TEST(!Anchors(parse("Plain\n\n## text\n", "p.txt")).has("text").has_value());
}

// A line of openers that never close (`[`, `[[`, `![`, `[a](`, backtick runs, `<!--`) had each
// one look to the line's end: minutes for a few megabytes. The looking ahead of a line is
// bounded by 16 times its size (and 1 MiB), so each of these takes a fraction of a second; a
// line of many real links, or of many brackets that never close before its links, stays well
// within it.
BOOST_AUTO_TEST_CASE(openers_that_never_close_take_linear_time, *boost::unit_test::timeout(60)) {
  constexpr std::size_t kBytes = testing::kHostileBytes;
  auto repeated = [](std::string_view unit) { return testing::repeated(unit, kBytes); };
  for (std::string_view unit : {"[", "[[", "![", "[a](", "[a](b '", "<!--", "[x][", "<a"})
    BOOST_TEST(markdown_links(repeated(unit), 1).empty(), unit);
  std::string ticks;
  for (std::size_t k = 1; ticks.size() < kBytes; ++k) ticks += std::string(k, '`') + "x";
  BOOST_TEST(markdown_links(ticks, 1).empty());
  const std::vector<DocLink> links = markdown_links(repeated("[t](x.md) "), 1);
  BOOST_TEST(links.size() == (kBytes + 9) / 10);
  BOOST_TEST(links.back().target == "x.md");
  // Nested brackets, each level looked at once more; intervals that never close.
  const std::string nested = std::string(100, '[') + "[t](x.md)" + std::string(100, ']');
  BOOST_TEST(markdown_links(nested, 1).size() == 1u);
  const std::string intervals = repeated("on [0, 1) and [2, 3) of the harbour ").substr(0, 20000);
  BOOST_TEST(markdown_links(intervals + "[t](x.md)", 1).size() == 1u);
}
