// A problem found in a file: a row of article_issues, and a part of the `error` column
// (docs/article_issues.md has the codes). Plain data.
#pragma once

#include <cstdint>
#include <string>

namespace articles {

struct Problem {
  std::string code;      // from the vocabulary of docs/article_issues.md: `yaml_syntax`, ...
  bool warning = false;  // nothing was lost (a repeated key, repaired text); else an error
  std::uint32_t line = 0, column = 0;  // 1-based, in the file; 0 when not known
  std::string key;                     // the front-matter key it concerns (a dotted path), when one
  std::string message;                 // what is wrong, without where

  // A problem whose text is `L:C: message` (or only the message), as the readers write it.
  static Problem located(std::string code, const std::string& text, bool warning = false);

  // As the `error` column shows it: `L:C: message` when the column is known, else
  // `key (line L): message` when the key is, else the message.
  std::string text() const;

  bool operator==(const Problem& o) const {
    return code == o.code && warning == o.warning && line == o.line && column == o.column &&
           key == o.key && message == o.message;
  }
};

}  // namespace articles
