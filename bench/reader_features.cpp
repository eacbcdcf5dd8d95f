// Dumps the headline candidates of plain-text pages with their features, for
// bench/train_reader.py: the features' names, then one JSON object per file, on standard output.
//   build-release/reader_features DIR [DIR ...]
// {"features": ["overlap", ..., "below2.none"]}
// {"dir": D, "path": P, "fixed": N or null, "candidates": [{"block": B, "text": T,
//  "features": [...], "holds": [...], "extended_by": [...]}]}
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/scraped.hpp"
#include "core/text.hpp"
#include "core/value.hpp"

namespace {

std::string json_text(std::string_view s) {
  std::string out;
  articles::append_json_string(out, std::string(s));
  return out;
}

std::vector<std::string> text_files(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".txt") == 0) names.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  std::string names = "{\"features\":[";
  for (int f = 0; f < articles::kHeadlineFeatures; ++f)
    names += (f ? "," : "") + json_text(articles::headline_feature_name(f));
  std::puts((names + "]}").c_str());
  for (int a = 1; a < argc; ++a) {
    const std::string dir = argv[a];
    for (const std::string& name : text_files(dir)) {
      std::ifstream in(dir + "/" + name, std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      const std::string text = articles::decode_file_bytes(bytes.str()).text;
      const articles::ScrapedReading reading = articles::read_scraped_text(text);
      const articles::HeadlineCandidates hc = articles::headline_candidates(text);
      auto block_text = [&](std::size_t b) {
        const auto& t = reading.blocks[b];
        return std::string_view(text).substr(t.offset, t.length);
      };
      std::string out =
          "{\"dir\":" + json_text(dir) + ",\"path\":" + json_text(name) + ",\"fixed\":";
      out += hc.fixed ? std::to_string(*hc.fixed) : "null";
      out += std::string(",\"titled\":") + (hc.titled ? "true" : "false") + ",\"fixed_text\":";
      out +=
          hc.fixed && *hc.fixed < reading.blocks.size() ? json_text(block_text(*hc.fixed)) : "null";
      out += ",\"candidates\":[";
      for (std::size_t k = 0; k < hc.candidates.size(); ++k) {
        const articles::HeadlineCandidate& c = hc.candidates[k];
        if (k) out += ",";
        out += "{\"block\":" + std::to_string(c.block) +
               ",\"text\":" + json_text(block_text(c.block)) + ",\"features\":[";
        for (int f = 0; f < articles::kHeadlineFeatures; ++f) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%s%.6g", f ? "," : "", c.features[f]);
          out += buf;
        }
        out += "],\"tokens\":[";
        for (int slot = 0; slot < articles::kTokenSlots; ++slot) {
          const auto at = static_cast<std::ptrdiff_t>(c.block) + articles::kTokenOffsets[slot];
          out += slot ? ",[" : "[";
          if (at >= 0 && at < static_cast<std::ptrdiff_t>(reading.blocks.size())) {
            const auto tokens = articles::headline_tokens(block_text(static_cast<std::size_t>(at)));
            for (std::size_t t = 0; t < tokens.size(); ++t)
              out += (t ? "," : "") + json_text(tokens[t]);
          }
          out += "]";
        }
        out += "],\"holds\":[";
        for (std::size_t i = 0; i < c.holds.size(); ++i)
          out += (i ? "," : "") + std::to_string(c.holds[i]);
        out += "],\"extended_by\":[";
        for (std::size_t i = 0; i < c.extended_by.size(); ++i)
          out += (i ? "," : "") + std::to_string(c.extended_by[i]);
        out += "]}";
      }
      out += "]}";
      std::puts(out.c_str());
    }
  }
  return 0;
}
