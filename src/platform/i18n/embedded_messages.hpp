// The messages.<locale>.json files of the platform and every module, embedded at build time
// by cmake/embed_messages.cmake. Generated definition; this header is the contract.
#pragma once

#include <string_view>
#include <vector>

namespace verp::i18n {

struct EmbeddedMessageFile {
  std::string_view origin;  // source path, for error messages
  std::string_view locale;  // "zh-CN" or "en"
  std::string_view json;
};

const std::vector<EmbeddedMessageFile>& embedded_message_files();

}  // namespace verp::i18n
