#include "platform/i18n/catalog.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>

#include "platform/i18n/embedded_messages.hpp"

namespace verp::i18n {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// q-value in thousandths, so no floating point is needed: "0.8" -> 800.
int parse_quality(std::string_view q) {
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return 0;
  if (q[0] == '1') return 1000;
  int value = 0, digits = 0;
  for (std::size_t i = 2; i < q.size() && digits < 3; ++i, ++digits) {
    if (!std::isdigit(static_cast<unsigned char>(q[i]))) return 0;
    value = value * 10 + (q[i] - '0');
  }
  while (digits++ < 3) value *= 10;
  return value;
}

}  // namespace

std::string negotiate_locale(std::string_view accept_language) {
  std::string best(kDefaultLocale);
  int best_quality = -1;
  std::size_t start = 0;
  while (start <= accept_language.size()) {
    std::size_t end = accept_language.find(',', start);
    if (end == std::string_view::npos) end = accept_language.size();
    std::string_view item = trim(accept_language.substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    int quality = 1000;
    if (auto semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view param = trim(item.substr(semi + 1));
      if (param.starts_with("q=")) quality = parse_quality(param.substr(2));
      item = trim(item.substr(0, semi));
    }
    const std::string tag = lower(item);
    std::string candidate;
    if (tag == "zh" || tag.starts_with("zh-")) candidate = std::string(kDefaultLocale);
    else if (tag == "en" || tag.starts_with("en-")) candidate = std::string(kEnglish);
    if (candidate.empty() || quality == 0 || quality <= best_quality) continue;
    best = candidate;
    best_quality = quality;
  }
  return best;
}

Status Catalog::load(std::string_view locale, std::string_view json) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) {
    return make_error(ErrorKind::internal, "i18n.bad_catalog", "messages for " + std::string(locale) + ": not a JSON object");
  }
  auto& table = messages_[std::string(locale)];
  for (const auto& [key, value] : parsed.as_object()) {
    if (!value.is_string()) {
      return make_error(ErrorKind::internal, "i18n.bad_catalog", "message " + std::string(key) + " is not a string");
    }
    table[std::string(key)] = std::string(value.as_string());
  }
  return {};
}

bool Catalog::has(std::string_view locale, std::string_view id) const {
  auto table = messages_.find(locale);
  return table != messages_.end() && table->second.find(id) != table->second.end();
}

std::string Catalog::text(std::string_view locale, std::string_view id, const std::vector<MessageArg>& args) const {
  const std::string* pattern = nullptr;
  for (std::string_view candidate : {locale, kEnglish}) {
    auto table = messages_.find(candidate);
    if (table == messages_.end()) continue;
    if (auto it = table->second.find(id); it != table->second.end()) {
      pattern = &it->second;
      break;
    }
  }
  if (pattern == nullptr) return std::string(id);
  std::string out;
  out.reserve(pattern->size());
  for (std::size_t i = 0; i < pattern->size(); ++i) {
    if ((*pattern)[i] == '{') {
      std::size_t close = pattern->find('}', i);
      if (close != std::string::npos) {
        std::string_view name(pattern->data() + i + 1, close - i - 1);
        auto arg = std::find_if(args.begin(), args.end(), [&](const MessageArg& a) { return a.name == name; });
        if (arg != args.end()) {
          out += arg->value;
          i = close;
          continue;
        }
      }
    }
    out += (*pattern)[i];
  }
  return out;
}

std::vector<std::string> Catalog::missing_in(std::string_view locale, std::string_view reference_locale) const {
  std::vector<std::string> missing;
  auto reference = messages_.find(reference_locale);
  if (reference == messages_.end()) return missing;
  for (const auto& [id, text] : reference->second) {
    if (!has(locale, id)) missing.push_back(id);
  }
  return missing;
}

const Catalog& Catalog::built_in() {
  static const Catalog catalog = [] {
    Catalog loaded;
    for (const auto& file : embedded_message_files()) {
      // The files are part of the build and tested (i18n tests), so a failure here is a
      // broken build, not a runtime condition.
      [[maybe_unused]] Status status = loaded.load(file.locale, file.json);
      assert(status.ok() && "embedded message file is not valid JSON");
    }
    return loaded;
  }();
  return catalog;
}

}  // namespace verp::i18n
