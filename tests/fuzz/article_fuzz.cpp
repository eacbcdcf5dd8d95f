// Fuzz target: the whole per-file pipeline, bytes to every field of every table's rows, and
// the summary's stored form.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/article.hpp"
#include "core/links.hpp"
#include "core/summary.hpp"
#include "core/tree.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace articles;
  Article a = parse_article(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto* f :
       {&a.title, &a.byline, &a.category, &a.type, &a.excerpt, &a.published_at, &a.provider_name,
        &a.provider_domain, &a.original_url, &a.web_url, &a.topics, &a.images, &a.secured})
    if (*f) require_clean_text(**f, "a text field");
  require_clean_text(a.body, "body");
  const std::string clean = clean_body(a);
  require_clean_text(clean, "clean_body");
  std::string joined;
  std::uint32_t last_line = 0;
  for (const ParagraphRow& row : paragraph_rows(a)) {
    require_clean_text(std::string(row.text), "paragraph text");
    require(!row.text.empty(), "an empty paragraph row");
    require(row.line > last_line, "paragraph rows out of line order");
    last_line = row.line;
    if (row.kind == BlockKind::Paragraph || row.kind == BlockKind::ListItem ||
        row.kind == BlockKind::Heading)
      joined += (joined.empty() ? "" : "\n\n") + std::string(row.text);
  }
  if (a.format == Format::Plain) require(joined == clean, "clean_body is not its rows joined");
  if (auto e = a.error_text()) require_clean_text(*e, "error");
  const std::optional<std::string> fm = front_matter_json(a);
  require(fm.has_value() == a.front_matter.has_value(), "front_matter");
  if (fm) require_clean_text(*fm, "front_matter JSON");
  require_clean_text(article_json(a), "article_parse JSON");
  for (const auto& r : related_entries(a)) require_clean_text(r.entry, "related entry");
  for (const auto& l : text_links(a.body, a.body_line)) {
    require_clean_text(l.url, "body link");
    require(!l.host.empty(), "a link without a host");
  }
  // Sections: at least one; positions, lines and parents in order; anchors unique.
  const std::vector<Section> sections = article_sections(a);
  require(!sections.empty(), "no section");
  std::unordered_set<std::string> anchors;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Section& sec = sections[i];
    require(sec.level >= 0 && sec.level <= 6, "a section level out of range");
    require((sec.level == 0) == !sec.heading.has_value(), "a heading at level 0, or none above");
    require(sec.end_line >= sec.line, "a section ending before it starts");
    if (i > 0) require(sec.line > sections[i - 1].end_line, "sections out of line order");
    if (sec.parent) require(*sec.parent < i && sections[*sec.parent].level < sec.level, "a parent");
    if (sec.heading) require_clean_text(*sec.heading, "heading");
    if (sec.anchor) {
      require_clean_text(*sec.anchor, "anchor");
      require(anchors.insert(*sec.anchor).second, "an anchor given twice");
    }
    require_clean_text(std::string(sec.text), "section text");
  }
  // Links: clean text, body lines in order, and every target resolved against a small index
  // (this article among others, under its own names) to one of its files or to none.
  LinkIndex index;
  index.add("a.md", true, {a.web_url.value_or(""), a.original_url.value_or("")}, a.link_names);
  index.add("d/b.md", true, {}, std::nullopt);
  index.add("d/e/c.png", false, {}, std::nullopt);
  const Anchors own(a);
  std::uint32_t link_line = 0;
  for (const DocLink& l : article_links(a)) {
    require_clean_text(l.target, "link target");
    if (l.text) require_clean_text(*l.text, "link text");
    if (l.kind != LinkKind::FrontMatter) {
      require(l.line >= link_line && l.line >= a.body_line, "body links out of line order");
      link_line = l.line;
    }
    const LinkTarget t = link_target(l);
    require_clean_text(t.name, "link target name");
    if (t.anchor) {
      require_clean_text(*t.anchor, "link anchor");
      own.has(*t.anchor);
    }
    const LinkIndex::Match m = index.resolve(t, "d/x.md");
    require(!m.path || *m.path == "a.md" || *m.path == "d/b.md" || *m.path == "d/e/c.png",
            "a link resolved to a file not in the index");
    require((m.path != nullptr) == (m.resolved && *m.resolved), "resolved and target_path");
    require((m.path == nullptr) == (m.candidates == 0), "candidates without a target");
  }
  // The persistent cache's form: a summary comes back equal; the raw input, read as a stored
  // summary, is refused or gives fields within its bytes.
  const Summary summary(a);
  const std::optional<Summary> back = Summary::deserialize(summary.serialize());
  require(back && *back == summary, "a summary does not come back from its bytes");
  if (auto raw = Summary::deserialize(std::string_view(reinterpret_cast<const char*>(data), size)))
    for (int f = 0; f < Summary::kFieldCount; ++f)
      if (auto t = raw->text(static_cast<Summary::Field>(f)))
        require(t->size() <= size, "a stored summary's field past its bytes");
  return 0;
}
