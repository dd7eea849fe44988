// Catalog: user-visible text by message id, in zh-CN (the default) and English.
//
// Code never holds user text; it names a message id ("http.not_found") and arguments, and the
// catalog renders "{name}" placeholders in the caller's language. Each layer or module ships
// messages.<locale>.json files that are embedded into the binary at build time and loaded
// into one Catalog at start-up. After loading, a Catalog is read-only and thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::i18n {

inline constexpr std::string_view kDefaultLocale = "zh-CN";
inline constexpr std::string_view kEnglish = "en";

// Picks "zh-CN" or "en" from an Accept-Language header, honouring q-values; zh-CN when the
// header is empty or names neither language.
std::string negotiate_locale(std::string_view accept_language);

class Catalog {
 public:
  // Adds the messages of a flat JSON object {"id": "text", ...}. A later load of the same id
  // replaces the earlier text. Fails on malformed JSON or non-string values.
  Status load(std::string_view locale, std::string_view json);

  // Text for `id` in `locale`, falling back to English, then to the id itself, so a missing
  // translation shows up as an id rather than as nothing.
  std::string text(std::string_view locale, std::string_view id, const std::vector<MessageArg>& args = {}) const;

  bool has(std::string_view locale, std::string_view id) const;
  // Ids present in one locale and missing in another: tests keep the two files in step.
  std::vector<std::string> missing_in(std::string_view locale, std::string_view reference_locale) const;

  // The catalog with every message shipped in the binary (platform and modules).
  static const Catalog& built_in();

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages_;
};

}  // namespace verp::i18n
