#include "platform/http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace verp::http {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base = fs::temp_directory_path() / ("verp-static-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base);
    root = base / "dist";
    fs::create_directories(root / "assets");
    write(root / "index.html", "<!doctype html><title>verp</title>");
    write(root / "assets" / "index-3f2a1b.js", "console.log('verp')");
    write(root / "favicon.svg", "<svg/>");
    write(root / ".env", "SECRET=1");
    write(base / "secret.txt", "outside the web root");
  }
  void TearDown() override { fs::remove_all(base); }

  static void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

  Response get(const std::string& path) {
    StaticFiles files(root, i18n::Catalog::built_in());
    Request request;
    request.method = "GET";
    request.path = path;
    return files.serve(request);
  }

  fs::path base;
  fs::path root;
};

TEST_F(StaticFilesTest, ServesHashedAssetsAsImmutableWithTheRightType) {
  Response response = get("/assets/index-3f2a1b.js");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(response.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(fs::path(response.file_path).filename(), "index-3f2a1b.js");
}

TEST_F(StaticFilesTest, ServesIndexForTheRootAndForClientRoutesWithoutCaching) {
  for (const char* path : {"/", "/customers", "/sales-orders/SO-2026-000123"}) {
    Response response = get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(fs::path(response.file_path).filename(), "index.html") << path;
    EXPECT_EQ(response.headers.get("Cache-Control"), "no-cache") << path;
    EXPECT_EQ(response.headers.get("Content-Type"), "text/html; charset=utf-8");
  }
}

TEST_F(StaticFilesTest, MissingFileWithAnExtensionIsA404NotTheIndex) {
  EXPECT_EQ(get("/assets/missing-abc.js").status, 404);
  EXPECT_EQ(get("/favicon.png").status, 404);
}

// The server hands StaticFiles the percent-decoded path, so "%2e%2e" arrives as "..",
// "%2f" as "/", and a double-encoded "%252e" as "%2e".
TEST_F(StaticFilesTest, RefusesEveryFormOfPathTraversal) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/../../../../etc/passwd", "/./index.html",
                           "/assets/..\\..\\secret.txt", "/%2e%2e/secret.txt", "/..", "/.env",
                           "/assets/%2e%2e/%2e%2e/secret.txt"}) {
    Response response = get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_TRUE(response.file_path.empty()) << path;
  }
}

TEST_F(StaticFilesTest, RefusesASymlinkThatLeavesTheRoot) {
  fs::create_symlink(base / "secret.txt", root / "linked.txt");
  EXPECT_EQ(get("/linked.txt").status, 404);
}

TEST_F(StaticFilesTest, AnswersNotModifiedWhenTheEtagMatches) {
  Response first = get("/favicon.svg");
  ASSERT_EQ(first.status, 200);
  StaticFiles files(root, i18n::Catalog::built_in());
  Request again;
  again.method = "GET";
  again.path = "/favicon.svg";
  again.headers.add("If-None-Match", std::string(first.headers.get("ETag")));
  EXPECT_EQ(files.serve(again).status, 304);
}

TEST_F(StaticFilesTest, WithoutABuiltUiEverythingIsA404) {
  StaticFiles files(base / "no-such-folder", i18n::Catalog::built_in());
  Request request;
  request.method = "GET";
  request.path = "/";
  EXPECT_EQ(files.serve(request).status, 404);
}

}  // namespace
}  // namespace verp::http
