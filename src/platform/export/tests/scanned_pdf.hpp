// ScannedPdf: a PDF read back the way a person's tools read it — pages and sizes by poppler's
// pdfinfo, text by pdftotext, barcodes by zbar's zbarimg off the page rendered by pdftoppm —
// for the tests of labels here and of the routes that print them. Needs poppler-utils and
// zbar-tools.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

namespace verp::exporting::testing_support {

// What `command` prints on stdout; a test failure when it does not exit 0.
inline std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed: " << command;
    return out;
  }
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return out;
}

// A PDF on disk for the command-line readers, removed with its rendered pages.
class ScannedPdf {
 public:
  explicit ScannedPdf(const std::string& bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "verp-labels-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    directory_ = pattern;
    std::ofstream(path(), std::ios::binary) << bytes;
  }
  ~ScannedPdf() { std::filesystem::remove_all(directory_); }
  std::string path() const { return (directory_ / "labels.pdf").string(); }

  // pdfinfo's count of pages.
  int pages() const { return std::atoi(info_line("Pages:").c_str()); }
  // pdfinfo's size of the first page, e.g. "595.276 x 841.89 pts (A4)".
  std::string page_size() const { return info_line("Page size:"); }

  // The text on `page` as pdftotext extracts it.
  std::string text(int page) const {
    const std::string number = std::to_string(page);
    return run("pdftotext -f " + number + " -l " + number + " " + path() + " -");
  }

  // Every symbol zbarimg finds on `page` rendered at 300 dpi, as sorted text.
  std::multiset<std::string> scanned(int page) const {
    const std::string png = (directory_ / "page").string();
    run("pdftoppm -r 300 -gray -png -singlefile -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
        path() + " " + png);
    // zbarimg ends each symbol with a newline; it exits 4 when it found none, which fails run().
    std::string text = run("zbarimg --quiet --nodbus --raw " + png + ".png");
    std::multiset<std::string> symbols;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      symbols.insert(text.substr(start, end - start));
      start = end + 1;
    }
    return symbols;
  }

 private:
  // The value pdfinfo prints after `key`, e.g. info_line("Pages:") → "2".
  std::string info_line(std::string_view key) const {
    const std::string info = run("pdfinfo " + path());
    std::size_t at = info.find("\n" + std::string(key));
    if (at == std::string::npos) {
      ADD_FAILURE() << key << " not in " << info;
      return {};
    }
    at = info.find_first_not_of(' ', at + 1 + key.size());
    return info.substr(at, info.find('\n', at) - at);
  }

  std::filesystem::path directory_;
};

}  // namespace verp::exporting::testing_support
