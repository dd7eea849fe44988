// multipart/form-data as browsers and curl send it, and the malformed bodies that must be refused.
#include "platform/http/multipart.hpp"

#include <gtest/gtest.h>

namespace verp::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";
constexpr std::string_view kDash = "------WebKitFormBoundary7MA4YWxkTrZu0gW";

// A body with the given parts (each: header lines, then data), closed properly.
std::string body_of(std::initializer_list<std::pair<std::string, std::string>> parts, std::string_view dash = kDash) {
  std::string body;
  for (const auto& [headers, data] : parts) body += std::string(dash) + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
  return body + std::string(dash) + "--\r\n";
}

std::vector<FormPart> parse_ok(std::string_view type, std::string_view body, std::size_t max_parts = 20) {
  auto parts = parse_multipart(type, body, max_parts);
  EXPECT_TRUE(parts.ok()) << (parts.ok() ? "" : parts.error().detail);
  return parts.ok() ? parts.value() : std::vector<FormPart>();
}

FormPart single(std::string_view headers, std::string_view data = "x") {
  auto parts = parse_ok(kType, body_of({{std::string(headers), std::string(data)}}));
  EXPECT_EQ(parts.size(), 1u);
  return parts.empty() ? FormPart() : parts[0];
}

// The detail of the validation error, "" (and a failure) when parsing succeeded or failed otherwise.
std::string invalid_detail(std::string_view type, std::string_view body) {
  auto parts = parse_multipart(type, body);
  if (parts.ok()) {
    ADD_FAILURE() << "parsed, but should have been refused: " << body;
    return {};
  }
  EXPECT_EQ(parts.error().kind, ErrorKind::validation);
  EXPECT_EQ(parts.error().message_id, "http.multipart_invalid");
  EXPECT_FALSE(parts.error().detail.empty());
  return parts.error().detail;
}

void expect_invalid(std::string_view type, std::string_view body) { invalid_detail(type, body); }

void expect_invalid_headers(std::string_view headers) { expect_invalid(kType, body_of({{std::string(headers), "x"}})); }

TEST(Multipart, ReadsFieldsAndFilesAsABrowserSendsThem) {
  std::string body = body_of({
      {"Content-Disposition: form-data; name=\"note\"", "请尽快发货"},
      {"Content-Disposition: form-data; name=\"attachment\"; filename=\"invoice.pdf\"\r\nContent-Type: application/pdf",
       "%PDF-1.7\r\nbinary bytes\r\n"},
      {"Content-Disposition: form-data; name=\"empty\"", ""},
  });
  auto parts = parse_ok(kType, body);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "note");
  EXPECT_FALSE(parts[0].filename.has_value());
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].data, "请尽快发货");
  EXPECT_EQ(parts[1].name, "attachment");
  EXPECT_EQ(parts[1].filename, "invoice.pdf");
  EXPECT_EQ(parts[1].content_type, "application/pdf");
  EXPECT_EQ(parts[1].data, "%PDF-1.7\r\nbinary bytes\r\n");
  EXPECT_EQ(parts[2].name, "empty");
  EXPECT_EQ(parts[2].data, "");
}

TEST(Multipart, KeepsBinaryDataExactlyIncludingNulsAndCrLfs) {
  // Including the boundary itself where it is not at the start of a line.
  std::string data = std::string("\0\r\n\r\n--\r\n-\xff\x89PNG\r\n\x1a\n", 18) + "x" + std::string(kDash) + "--\r\n";
  std::string body = std::string(kDash) + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n" +
                     data + "\r\n" + std::string(kDash) + "--";
  auto parts = parse_ok(kType, body);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, data);
}

TEST(Multipart, TakesTheBoundaryQuotedOrNotAndInAnyCase) {
  std::string body = body_of({{"Content-Disposition: form-data; name=\"a\"", "1"}}, "--a'b(c)+_,-./:=?d");
  EXPECT_EQ(parse_ok("multipart/form-data; boundary=\"a'b(c)+_,-./:=?d\"", body).size(), 1u);
  std::string simple = body_of({{"Content-Disposition: form-data; name=\"a\"", "1"}}, "--xyz");
  EXPECT_EQ(parse_ok("multipart/form-data; boundary=xyz", simple).size(), 1u);
  EXPECT_EQ(parse_ok("Multipart/Form-Data;BOUNDARY=xyz", simple).size(), 1u);
  EXPECT_EQ(parse_ok("multipart/form-data; charset=utf-8; boundary=\"xyz\"", simple).size(), 1u);
  std::string spaced = body_of({{"Content-Disposition: form-data; name=\"a\"", "1"}}, "--with space");
  EXPECT_EQ(parse_ok("multipart/form-data; boundary=\"with space\"", spaced).size(), 1u);
}

TEST(Multipart, RefusesABadContentTypeOrBoundary) {
  std::string body = body_of({{"Content-Disposition: form-data; name=\"a\"", "1"}}, "--xyz");
  EXPECT_EQ(invalid_detail("application/x-www-form-urlencoded", body), "Content-Type is not multipart/form-data");
  EXPECT_EQ(invalid_detail("multipart/mixed; boundary=xyz", body), "Content-Type is not multipart/form-data");
  EXPECT_EQ(invalid_detail("multipart/form-data", body), "Content-Type has no boundary");
  expect_invalid("", body);
  expect_invalid("multipart/form-data; boundary=", body);
  expect_invalid("multipart/form-data; boundary=\"\"", body);
  expect_invalid("multipart/form-data; boundary=\"xyz", body);
  expect_invalid("multipart/form-data; boundary=xyz; boundary=abc", body);
  expect_invalid("multipart/form-data; boundary=\"x yz \"", body);                // ends in a space
  expect_invalid("multipart/form-data; boundary=x<y", body);                      // not a boundary character
  expect_invalid("multipart/form-data; boundary=" + std::string(71, 'a'), body);  // over 70
  EXPECT_EQ(parse_ok("multipart/form-data; boundary=" + std::string(70, 'a'),
                     body_of({{"Content-Disposition: form-data; name=\"a\"", "1"}}, "--" + std::string(70, 'a')))
                .size(),
            1u);
}

TEST(Multipart, IgnoresThePreambleAndTheEpilogue) {
  std::string body = "This is the preamble.\r\nIt is to be ignored.\r\n" +
                     body_of({{"Content-Disposition: form-data; name=\"a\"", "1"}}) +
                     "This is the epilogue, also ignored.\r\n" + std::string(kDash) + "\r\nnot a part";
  auto parts = parse_ok(kType, body);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, "1");
}

TEST(Multipart, AcceptsTransportPaddingAfterABoundary) {
  std::string body = std::string(kDash) + "  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n" +
                     std::string(kDash) + "--";
  EXPECT_EQ(parse_ok(kType, body).size(), 1u);
}

TEST(Multipart, AcceptsAFormWithNoParts) { EXPECT_TRUE(parse_ok(kType, std::string(kDash) + "--\r\n").empty()); }

TEST(Multipart, RefusesABodyWithoutItsBoundaries) {
  EXPECT_EQ(invalid_detail(kType, ""), "no opening boundary");
  EXPECT_EQ(invalid_detail(kType, "name=value"), "no opening boundary");
  std::string unclosed = std::string(kDash) + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1";
  EXPECT_EQ(invalid_detail(kType, unclosed), "no closing boundary");
  EXPECT_EQ(invalid_detail(kType, unclosed + "\r\n" + std::string(kDash)), "boundary line not ended by CRLF");
  // A boundary that only begins like ours is not a delimiter.
  EXPECT_EQ(invalid_detail(kType, unclosed + "\r\n" + std::string(kDash) + "X--"), "boundary line not ended by CRLF");
  std::string truncated_headers = std::string(kDash) + "\r\nContent-Disposition: form-data; name=\"a\"\r\n";
  EXPECT_EQ(invalid_detail(kType, truncated_headers), "part headers not ended by an empty line");
}

TEST(Multipart, RefusesBareLineFeeds) {
  std::string body =
      std::string(kDash) + "\nContent-Disposition: form-data; name=\"a\"\n\n1\n" + std::string(kDash) + "--\n";
  expect_invalid(kType, body);
}

TEST(Multipart, DefaultsContentTypeToTextPlainAndKeepsAGivenOneAsSent) {
  EXPECT_EQ(single("Content-Disposition: form-data; name=\"a\"").content_type, "text/plain");
  EXPECT_EQ(single("content-disposition: form-data; name=\"a\"\r\ncontent-type: text/csv; charset=utf-8").content_type,
            "text/csv; charset=utf-8");
  EXPECT_EQ(single("Content-Type:image/png\r\nContent-Disposition: form-data; name=\"a\"").content_type, "image/png");
}

TEST(Multipart, ReadsQuotedAndUnquotedParameters) {
  FormPart part = single("Content-Disposition: FORM-DATA; Name=field_1; FILENAME=report.xlsx");
  EXPECT_EQ(part.name, "field_1");
  EXPECT_EQ(part.filename, "report.xlsx");
  EXPECT_EQ(single("Content-Disposition: form-data; name=\"a;b=c\"").name, "a;b=c");
  EXPECT_EQ(single("Content-Disposition: form-data; name=\"say \\\"hi\\\"\"").name, "say \"hi\"");
  EXPECT_EQ(single("Content-Disposition: form-data ; name = \"a\" ;").name, "a");
}

TEST(Multipart, StripsDirectoriesFromFilenames) {
  auto filename = [](std::string_view quoted) {
    return single("Content-Disposition: form-data; name=\"f\"; filename=" + std::string(quoted)).filename;
  };
  EXPECT_EQ(filename("\"../../x.png\""), "x.png");
  EXPECT_EQ(filename("\"/etc/passwd\""), "passwd");
  EXPECT_EQ(filename("\"C:\\Users\\li\\Desktop\\发票.pdf\""), "发票.pdf");  // IE sends the full path
  EXPECT_EQ(filename("\"..\\..\\windows\\win.ini\""), "win.ini");
  EXPECT_EQ(filename("\"a/b\\c/d.txt\""), "d.txt");
  EXPECT_EQ(filename("\"..\""), "");
  EXPECT_EQ(filename("\"x/.\""), "");
  EXPECT_EQ(filename("\"dir/\""), "");
  EXPECT_EQ(filename("\"\""), "");  // a file input left empty
  EXPECT_EQ(filename("\"a\\\\b.txt\""), "b.txt");
}

TEST(Multipart, PrefersFilenameStarAndDecodesItsPercentEncoding) {
  FormPart part = single(
      "Content-Disposition: form-data; name=\"f\"; filename=\"fallback.pdf\"; "
      "filename*=UTF-8''%E5%8F%91%E7%A5%A8%202024.pdf");
  EXPECT_EQ(part.filename, "发票 2024.pdf");
  EXPECT_EQ(single("Content-Disposition: form-data; name=\"f\"; filename*=utf-8'zh-CN'..%2F..%2Fx.png").filename,
            "x.png");
  EXPECT_EQ(single("Content-Disposition: form-data; name=\"f\"; filename*=ISO-8859-1''caf%E9.txt").filename,
            "caf\xC3\xA9.txt");
  // A charset we do not read falls back to filename=.
  EXPECT_EQ(
      single("Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"; filename*=koi8-r''%C1.txt").filename,
      "a.txt");
}

TEST(Multipart, RefusesAMalformedFilenameStar) {
  expect_invalid_headers("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E5%8F");   // cut-off UTF-8
  expect_invalid_headers("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%ZZ.txt");  // bad escape
  expect_invalid_headers("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''x%4");
  expect_invalid_headers("Content-Disposition: form-data; name=\"f\"; filename*=x.txt");            // no charset
  expect_invalid_headers("Content-Disposition: form-data; name=\"f\"; filename*=koi8-r''%C1.txt");  // no fallback
}

TEST(Multipart, DropsControlCharactersFromFilenames) {
  EXPECT_EQ(single("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''a%0D%0Ab%00c%7F.txt").filename,
            "abc.txt");
}

TEST(Multipart, RefusesMalformedPartHeaders) {
  expect_invalid_headers("Content-Type: text/plain");                                // no Content-Disposition
  expect_invalid_headers("Content-Disposition: attachment; name=\"a\"");             // not form-data
  expect_invalid_headers("Content-Disposition: form-data; filename=\"a.txt\"");      // no name
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"; name=\"b\"");  // repeated parameter
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"");
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"\r\nContent-Type: a/b\r\nContent-Type: c/d");
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"\r\nContent-Type:");
  expect_invalid_headers("Content-Disposition: form-data; name=\"a");     // unterminated quote
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"b");  // text after a value
  expect_invalid_headers("Content-Disposition: form-data; name=");        // empty value
  expect_invalid_headers("Content-Disposition: form-data; =\"a\"");       // no parameter name
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"\r\nno colon here");
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"\r\n folded: line");
  expect_invalid_headers("Content-Disposition : form-data; name=\"a\"");    // space before the colon
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\nb\"");  // bare LF
  expect_invalid_headers(std::string("Content-Disposition: form-data; name=\"a\0b\"", 42));
  expect_invalid_headers("Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64");
  expect_invalid(kType, std::string(kDash) + "\r\n\r\nno headers\r\n" + std::string(kDash) + "--");
}

TEST(Multipart, IgnoresOtherPartHeaders) {
  FormPart part = single(
      "Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: binary\r\nX-Custom: 1\r\n"
      "Content-Length: 1");
  EXPECT_EQ(part.name, "a");
  EXPECT_EQ(part.data, "x");
}

TEST(Multipart, AllowsRepeatedFieldNamesInOrder) {
  auto parts = parse_ok(kType, body_of({{"Content-Disposition: form-data; name=\"files\"; filename=\"a.txt\"", "A"},
                                        {"Content-Disposition: form-data; name=\"files\"; filename=\"b.txt\"", "B"}}));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].filename, "a.txt");
  EXPECT_EQ(parts[1].filename, "b.txt");
  EXPECT_EQ(parts[1].data, "B");
}

TEST(Multipart, RefusesMorePartsThanAllowedAsTooLarge) {
  std::string two = body_of(
      {{"Content-Disposition: form-data; name=\"a\"", "1"}, {"Content-Disposition: form-data; name=\"b\"", "2"}});
  EXPECT_EQ(parse_ok(kType, two, 2).size(), 2u);
  auto parts = parse_multipart(kType, two, 1);
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().kind, ErrorKind::too_large);
  EXPECT_EQ(parts.error().message_id, "http.multipart_too_many_parts");
  ASSERT_EQ(parts.error().args.size(), 1u);
  EXPECT_EQ(parts.error().args[0].name, "max");
  EXPECT_EQ(parts.error().args[0].value, "1");

  std::string many;
  for (int i = 0; i < 21; ++i)
    many += std::string(kDash) + "\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nv\r\n";
  many += std::string(kDash) + "--";
  auto defaulted = parse_multipart(kType, many);
  ASSERT_FALSE(defaulted.ok());
  EXPECT_EQ(defaulted.error().kind, ErrorKind::too_large);
  EXPECT_EQ(defaulted.error().args[0].value, "20");
}

}  // namespace
}  // namespace verp::http
