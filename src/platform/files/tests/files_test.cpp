// Attachment storage: the store on a private temporary root, libmagic on bytes made in the test
// (images are drawn with libgd), and thumbnails measured by decoding them again.
#include <gd.h>
#include <stdlib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "platform/files/content_type.hpp"
#include "platform/files/file_store.hpp"
#include "platform/files/thumbnail.hpp"

namespace verp::files {
namespace {

namespace fs = std::filesystem;

// sha256("hello"), as printed by sha256sum.
constexpr std::string_view kHelloKey = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

class TempRoot {
 public:
  TempRoot() {
    std::string path = (fs::temp_directory_path() / "verp-files-test-XXXXXX").string();
    if (::mkdtemp(path.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = path;
  }
  ~TempRoot() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Every regular file under `root`, relative to it.
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) found.push_back(fs::relative(entry.path(), root).string());
  }
  return found;
}

// Each stored file must sit at ab/cd/<key> under a well-formed key: nothing else (no temporary
// file) may be left in the store.
void expect_only_stored_files(const fs::path& root) {
  for (const std::string& relative : files_under(root)) {
    std::string name = fs::path(relative).filename().string();
    EXPECT_TRUE(is_file_key(name)) << relative;
    if (is_file_key(name)) {
      EXPECT_EQ(relative, name.substr(0, 2) + "/" + name.substr(2, 2) + "/" + name);
    }
  }
}

// ---- images drawn with libgd ----

struct GdFree {
  void operator()(void* p) const { gdFree(p); }
};

enum class Encoding { png, jpeg, gif, webp };

// A width × height image: a red rectangle on a white field, so it is not blank.
std::string draw_image(int width, int height, Encoding encoding = Encoding::png) {
  gdImagePtr image = gdImageCreateTrueColor(width, height);
  gdImageFilledRectangle(image, 0, 0, width - 1, height - 1, gdTrueColorAlpha(255, 255, 255, 0));
  gdImageFilledRectangle(image, width / 4, height / 4, width / 2, height / 2, gdTrueColorAlpha(200, 0, 0, 0));
  int size = 0;
  void* bytes = nullptr;
  switch (encoding) {
    case Encoding::png:
      bytes = gdImagePngPtr(image, &size);
      break;
    case Encoding::jpeg:
      bytes = gdImageJpegPtr(image, &size, 90);
      break;
    case Encoding::gif:
      bytes = gdImageGifPtr(image, &size);
      break;
    case Encoding::webp:
      bytes = gdImageWebpPtr(image, &size);
      break;
  }
  gdImageDestroy(image);
  std::unique_ptr<void, GdFree> owned(bytes);
  EXPECT_NE(bytes, nullptr);
  return bytes == nullptr ? std::string()
                          : std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

struct Size {
  int width = 0;
  int height = 0;
  bool operator==(const Size&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Size& size) { return out << size.width << "x" << size.height; }

Size png_size(const std::string& png) {
  gdImagePtr image = gdImageCreateFromPngPtr(static_cast<int>(png.size()), const_cast<char*>(png.data()));
  if (image == nullptr) return {};
  Size size{gdImageSX(image), gdImageSY(image)};
  gdImageDestroy(image);
  return size;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// ---- FileStore ----

TEST(FileStore, PutThenReadReturnsTheSameBytesUnderTheirSha256) {
  TempRoot root;
  FileStore store(root.path());
  auto stored = store.put("hello");
  ASSERT_TRUE(stored.ok()) << stored.error().detail;
  EXPECT_EQ(stored->sha256, kHelloKey);
  EXPECT_EQ(stored->size, 5);
  EXPECT_EQ(stored->content_type, "text/plain");
  EXPECT_TRUE(store.contains(kHelloKey));
  auto bytes = store.read(kHelloKey);
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  EXPECT_EQ(bytes.value(), "hello");
}

TEST(FileStore, LaysFilesOutInTwoLevelsOfFoldersNamedByTheKey) {
  TempRoot root;
  FileStore store(root.path());
  ASSERT_TRUE(store.put("hello").ok());
  auto path = store.path_of(kHelloKey);
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path.value(), root.path() / "2c" / "f2" / kHelloKey);
  EXPECT_EQ(read_file(path.value()), "hello");
  EXPECT_EQ(fs::status(path.value()).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(FileStore, KeepsBinaryContentExactly) {
  TempRoot root;
  FileStore store(root.path());
  std::string bytes;
  for (int i = 0; i < 70'000; ++i) bytes += static_cast<char>(i * 7 % 256);
  auto stored = store.put(bytes);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size, 70'000);
  auto read = store.read(stored->sha256);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value(), bytes);
}

TEST(FileStore, StoresTheSameContentOnce) {
  TempRoot root;
  FileStore store(root.path());
  auto first = store.put("same bytes");
  auto second = store.put("same bytes");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->sha256, second->sha256);
  EXPECT_EQ(second->content_type, "text/plain");
  EXPECT_EQ(files_under(root.path()).size(), 1u);
  ASSERT_TRUE(store.put("other bytes").ok());
  EXPECT_EQ(files_under(root.path()).size(), 2u);
}

TEST(FileStore, LeavesNoTemporaryFilesBehind) {
  TempRoot root;
  FileStore store(root.path());
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(store.put("file number " + std::to_string(i)).ok());
  ASSERT_TRUE(store.put("file number 7").ok());
  EXPECT_EQ(files_under(root.path()).size(), 50u);
  expect_only_stored_files(root.path());
}

TEST(FileStore, StoresEmptyContent) {
  TempRoot root;
  FileStore store(root.path());
  auto stored = store.put("");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(stored->size, 0);
  EXPECT_EQ(stored->content_type, "application/x-empty");
  EXPECT_FALSE(is_allowed_attachment_type(stored->content_type));
  auto read = store.read(stored->sha256);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value(), "");
}

TEST(FileStore, RejectsMalformedKeysBeforeTheyBecomePaths) {
  TempRoot root;
  FileStore store(root.path());
  ASSERT_TRUE(store.put("hello").ok());
  std::string upper(kHelloKey);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string with_slash(kHelloKey);
  with_slash[10] = '/';
  std::string longer = std::string(kHelloKey) + "0";
  for (std::string_view key :
       {std::string_view("../etc/passwd"), std::string_view("../../../../etc/passwd"), std::string_view(""),
        kHelloKey.substr(0, 63), std::string_view(upper), std::string_view(with_slash), std::string_view(longer),
        std::string_view("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b982\0", 64)}) {
    auto read = store.read(key);
    ASSERT_FALSE(read.ok()) << key;
    EXPECT_EQ(read.error().kind, ErrorKind::validation) << key;
    EXPECT_EQ(read.error().message_id, "files.invalid_key");
    auto path = store.path_of(key);
    ASSERT_FALSE(path.ok()) << key;
    EXPECT_EQ(path.error().kind, ErrorKind::validation);
    EXPECT_EQ(path.error().message_id, "files.invalid_key");
    EXPECT_FALSE(store.contains(key)) << key;
    EXPECT_FALSE(is_file_key(key)) << key;
  }
  EXPECT_TRUE(is_file_key(kHelloKey));
}

TEST(FileStore, ReportsAnAbsentFileAsNotFound) {
  TempRoot root;
  FileStore store(root.path());
  auto read = store.read(kHelloKey);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::not_found);
  EXPECT_EQ(read.error().message_id, "files.not_found");
  EXPECT_FALSE(store.contains(kHelloKey));
  EXPECT_TRUE(store.path_of(kHelloKey).ok());  // where it would be
}

TEST(FileStore, DetectsADamagedFileAndAPutRepairsIt) {
  TempRoot root;
  FileStore store(root.path());
  ASSERT_TRUE(store.put("hello").ok());
  std::ofstream(store.path_of(kHelloKey).value(), std::ios::binary | std::ios::trunc) << "jello!";
  auto read = store.read(kHelloKey);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::internal);
  EXPECT_EQ(read.error().message_id, "files.read_failed");
  EXPECT_NE(read.error().detail.find("does not match"), std::string::npos) << read.error().detail;

  ASSERT_TRUE(store.put("hello").ok());
  auto repaired = store.read(kHelloKey);
  ASSERT_TRUE(repaired.ok());
  EXPECT_EQ(repaired.value(), "hello");
}

TEST(FileStore, ReportsAnUnwritableRootAsAnInternalError) {
  TempRoot root;
  // A regular file where a folder must go: refused even when the tests run as root.
  std::ofstream(root.path() / "blocker") << "x";
  FileStore store(root.path() / "blocker" / "store");
  auto stored = store.put("hello");
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().kind, ErrorKind::internal);
  EXPECT_EQ(stored.error().message_id, "files.store_failed");
  EXPECT_FALSE(stored.error().detail.empty());
}

TEST(FileStore, ConcurrentPutsOfTheSameAndOfDifferentContentAllSucceed) {
  TempRoot root;
  FileStore store(root.path());
  constexpr int kThreads = 8;
  constexpr int kRounds = 25;
  std::string shared_image = draw_image(40, 30);
  std::vector<std::vector<std::string>> keys(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (const std::string& bytes : {shared_image, std::string("shared text"),
                                         "thread " + std::to_string(t) + " round " + std::to_string(round)}) {
          auto stored = store.put(bytes);
          if (stored.ok()) {
            keys[t].push_back(stored->sha256);
          } else {
            keys[t].push_back("error: " + stored.error().detail);
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::set<std::string> distinct;
  for (const auto& list : keys) {
    ASSERT_EQ(list.size(), static_cast<std::size_t>(kRounds * 3));
    for (const auto& key : list) {
      EXPECT_TRUE(is_file_key(key)) << key;
      distinct.insert(key);
    }
  }
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(2 + kThreads * kRounds));
  EXPECT_EQ(files_under(root.path()).size(), distinct.size());
  expect_only_stored_files(root.path());
  for (const auto& key : distinct) EXPECT_TRUE(store.read(key).ok()) << key;
}

// ---- sniffing and the allow list ----

std::string sniff(std::string_view bytes) {
  auto type = sniff_content_type(bytes);
  EXPECT_TRUE(type.ok()) << (type.ok() ? "" : type.error().detail);
  return type.ok() ? type.value() : std::string();
}

TEST(Sniff, NamesImagesDrawnByLibgdAndAllowsThem) {
  EXPECT_EQ(sniff(draw_image(16, 16, Encoding::png)), "image/png");
  EXPECT_EQ(sniff(draw_image(16, 16, Encoding::jpeg)), "image/jpeg");
  EXPECT_EQ(sniff(draw_image(16, 16, Encoding::gif)), "image/gif");
  EXPECT_EQ(sniff(draw_image(16, 16, Encoding::webp)), "image/webp");
  for (auto type : {"image/png", "image/jpeg", "image/gif", "image/webp"})
    EXPECT_TRUE(is_allowed_attachment_type(type));
}

TEST(Sniff, NamesAPdfByItsHeader) {
  std::string pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  EXPECT_EQ(sniff(pdf), "application/pdf");
  EXPECT_TRUE(is_allowed_attachment_type("application/pdf"));
}

TEST(Sniff, NamesPlainTextAndCsv) {
  EXPECT_EQ(sniff("Delivery note for order 1042.\nPlease sign on receipt.\n"), "text/plain");
  EXPECT_EQ(sniff("供应商名称：华东五金有限公司\n交货日期：2024-05-01\n"), "text/plain");
  EXPECT_EQ(sniff("sku,name,qty\nA-1,bolt,100\nA-2,nut,250\nA-3,washer,75\n"), "text/csv");
  EXPECT_TRUE(is_allowed_attachment_type("text/plain"));
  EXPECT_TRUE(is_allowed_attachment_type("text/csv"));
}

TEST(Sniff, RefusesAnElfExecutable) {
  std::string elf = read_file("/proc/self/exe");
  ASSERT_TRUE(
      elf.starts_with("\x7f"
                      "ELF"));
  std::string type = sniff(elf);
  EXPECT_TRUE(type == "application/x-pie-executable" || type == "application/x-executable" ||
              type == "application/x-sharedlib")
      << type;
  EXPECT_FALSE(is_allowed_attachment_type(type)) << type;
}

TEST(Sniff, RefusesSvgHtmlAndScripts) {
  std::string svg =
      "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
      "<script>alert(document.cookie)</script></svg>\n";
  EXPECT_EQ(sniff(svg), "image/svg+xml");
  EXPECT_FALSE(is_allowed_attachment_type("image/svg+xml"));
  std::string html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n";
  EXPECT_EQ(sniff(html), "text/html");
  EXPECT_FALSE(is_allowed_attachment_type("text/html"));
  std::string script = "#!/bin/sh\nrm -rf /\n";
  EXPECT_EQ(sniff(script), "text/x-shellscript");
  EXPECT_FALSE(is_allowed_attachment_type("text/x-shellscript"));
}

TEST(Sniff, WorksFromManyThreadsAtOnce) {
  std::string png = draw_image(8, 8);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(6, 0);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto type = sniff_content_type(i % 2 == 0 ? std::string_view(png) : std::string_view("plain words\n"));
        if (!type.ok() || type.value() != (i % 2 == 0 ? "image/png" : "text/plain")) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(6, 0));
}

TEST(AllowList, AcceptsOfficeFormatsAndZip) {
  for (auto type : {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/msword",
                    "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/vnd.ms-office",
                    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
                    "application/vnd.oasis.opendocument.presentation", "application/zip"}) {
    EXPECT_TRUE(is_allowed_attachment_type(type)) << type;
  }
}

TEST(AllowList, IgnoresCaseAndParameters) {
  EXPECT_TRUE(is_allowed_attachment_type("Image/PNG"));
  EXPECT_TRUE(is_allowed_attachment_type("text/plain; charset=utf-8"));
  EXPECT_TRUE(is_allowed_attachment_type(" text/csv ;charset=us-ascii"));
}

TEST(AllowList, RefusesEverythingElse) {
  for (auto type : {"",
                    "application/octet-stream",
                    "application/x-empty",
                    "application/x-dosexec",
                    "application/x-executable",
                    "application/x-sharedlib",
                    "application/x-msi",
                    "application/x-mach-binary",
                    "application/java-archive",
                    "application/javascript",
                    "text/javascript",
                    "text/html",
                    "application/xhtml+xml",
                    "text/xml",
                    "application/xml",
                    "image/svg+xml",
                    "text/x-shellscript",
                    "text/x-python",
                    "application/x-bat",
                    "application/vnd.ms-excel.sheet.macroEnabled.12",
                    "application/CDFV2",
                    "image/png/x",
                    "image/pngx",
                    "text/plain-x"}) {
    EXPECT_FALSE(is_allowed_attachment_type(type)) << type;
  }
}

// ---- thumbnails ----

Size thumbnail_size(const std::string& image, int max_edge = 256) {
  auto thumbnail = make_thumbnail(image, max_edge);
  EXPECT_TRUE(thumbnail.ok()) << (thumbnail.ok() ? "" : thumbnail.error().detail);
  if (!thumbnail.ok()) return {};
  EXPECT_EQ(sniff(thumbnail.value()), "image/png");
  return png_size(thumbnail.value());
}

TEST(Thumbnail, ScalesTheLongerSideToTheLimitKeepingTheAspectRatio) {
  EXPECT_EQ(thumbnail_size(draw_image(1000, 500)), (Size{256, 128}));
  EXPECT_EQ(thumbnail_size(draw_image(500, 1000)), (Size{128, 256}));
  EXPECT_EQ(thumbnail_size(draw_image(300, 300)), (Size{256, 256}));
  EXPECT_EQ(thumbnail_size(draw_image(1000, 500), 64), (Size{64, 32}));
  EXPECT_EQ(thumbnail_size(draw_image(3000, 2), 256), (Size{256, 1}));  // never 0 pixels
}

TEST(Thumbnail, NeverUpscales) {
  EXPECT_EQ(thumbnail_size(draw_image(100, 50)), (Size{100, 50}));
  EXPECT_EQ(thumbnail_size(draw_image(256, 10)), (Size{256, 10}));
}

TEST(Thumbnail, ReadsJpegGifAndWebp) {
  EXPECT_EQ(thumbnail_size(draw_image(640, 480, Encoding::jpeg)), (Size{256, 192}));
  EXPECT_EQ(thumbnail_size(draw_image(640, 480, Encoding::gif)), (Size{256, 192}));
  EXPECT_EQ(thumbnail_size(draw_image(640, 480, Encoding::webp)), (Size{256, 192}));
}

TEST(Thumbnail, KeepsTransparency) {
  gdImagePtr image = gdImageCreateTrueColor(400, 200);
  gdImageAlphaBlending(image, 0);
  gdImageSaveAlpha(image, 1);
  gdImageFilledRectangle(image, 0, 0, 399, 199, gdTrueColorAlpha(0, 0, 255, gdAlphaTransparent));
  int size = 0;
  std::unique_ptr<void, GdFree> png(gdImagePngPtr(image, &size));
  gdImageDestroy(image);
  auto thumbnail = make_thumbnail(std::string(static_cast<const char*>(png.get()), static_cast<std::size_t>(size)));
  ASSERT_TRUE(thumbnail.ok());
  gdImagePtr decoded =
      gdImageCreateFromPngPtr(static_cast<int>(thumbnail->size()), const_cast<char*>(thumbnail->data()));
  ASSERT_NE(decoded, nullptr);
  EXPECT_EQ(gdTrueColorGetAlpha(gdImageGetTrueColorPixel(decoded, 10, 10)), gdAlphaTransparent);
  gdImageDestroy(decoded);
}

void expect_not_image(std::string_view bytes) {
  auto thumbnail = make_thumbnail(bytes);
  ASSERT_FALSE(thumbnail.ok());
  EXPECT_EQ(thumbnail.error().kind, ErrorKind::validation);
  EXPECT_EQ(thumbnail.error().message_id, "files.not_image");
}

TEST(Thumbnail, RefusesWhatIsNotAnImage) {
  expect_not_image("hello");
  expect_not_image("");
  expect_not_image("%PDF-1.7\n");
  expect_not_image("<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  std::string png = draw_image(100, 100);
  expect_not_image(png.substr(0, 40));  // a header, then nothing to decode
  expect_not_image(png.substr(0, 8));   // the signature alone
  std::string jpeg = draw_image(100, 100, Encoding::jpeg);
  expect_not_image(jpeg.substr(0, 4));
}

// A small real image whose header claims another size: the claim alone must get it refused.
void expect_too_large(const std::string& bytes, const std::string& width, const std::string& height) {
  auto thumbnail = make_thumbnail(bytes);
  ASSERT_FALSE(thumbnail.ok());
  EXPECT_EQ(thumbnail.error().kind, ErrorKind::validation);
  EXPECT_EQ(thumbnail.error().message_id, "files.image_too_large");
  ASSERT_EQ(thumbnail.error().args.size(), 4u);
  EXPECT_EQ(thumbnail.error().args[0].value, width);
  EXPECT_EQ(thumbnail.error().args[1].value, height);
}

void put_big_endian(std::string& bytes, std::size_t at, std::uint32_t value, int width) {
  for (int i = width - 1; i >= 0; --i, value >>= 8)
    bytes[at + static_cast<std::size_t>(i)] = static_cast<char>(value & 0xFF);
}

TEST(Thumbnail, RefusesDecompressionBombsByTheirHeader) {
  std::string png = draw_image(10, 10);
  put_big_endian(png, 16, 50'000, 4);  // IHDR width
  put_big_endian(png, 20, 50'000, 4);  // IHDR height
  expect_too_large(png, "50000", "50000");
  put_big_endian(png, 16, 10'001, 4);
  put_big_endian(png, 20, 1, 4);
  expect_too_large(png, "10001", "1");
  put_big_endian(png, 16, 8'000, 4);  // each side allowed, 64 megapixels not
  put_big_endian(png, 20, 8'000, 4);
  expect_too_large(png, "8000", "8000");

  std::string gif = draw_image(10, 10, Encoding::gif);
  gif[6] = gif[8] = static_cast<char>(0xFF);  // logical screen 65535 × 65535, little-endian
  gif[7] = gif[9] = static_cast<char>(0xFF);
  expect_too_large(gif, "65535", "65535");

  std::string jpeg = draw_image(10, 10, Encoding::jpeg);
  std::size_t sof = jpeg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  put_big_endian(jpeg, sof + 5, 60'000, 2);  // height
  put_big_endian(jpeg, sof + 7, 60'000, 2);  // width
  expect_too_large(jpeg, "60000", "60000");
}

TEST(Thumbnail, RefusesAMaxEdgeOutsideItsRange) {
  std::string png = draw_image(10, 10);
  for (int max_edge : {0, -5, kMaxImageEdge + 1}) {
    auto thumbnail = make_thumbnail(png, max_edge);
    ASSERT_FALSE(thumbnail.ok());
    EXPECT_EQ(thumbnail.error().kind, ErrorKind::internal);
    EXPECT_EQ(thumbnail.error().message_id, "files.thumbnail_failed");
  }
}

}  // namespace
}  // namespace verp::files
