// send_mail against a real SMTP server (tests/smtp_sink.py, aiosmtpd on 127.0.0.1) and
// compose_mail's message checked line by line: Chinese subjects and bodies arrive exactly, the
// structure is valid MIME, and no input can add a header.
#include "platform/notify/mail.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>
#include <set>
#include <thread>

#include "platform/notify/retry.hpp"
#include "stub_process.hpp"

namespace verp::notify {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kFrom = "verp <erp@example.cn>";

std::chrono::system_clock::time_point june_4th_2024_10am() {
  return std::chrono::sys_days{std::chrono::year{2024} / 6 / 4} + 10h;
}

std::vector<std::string> crlf_lines(const std::string& data) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = data.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(data.substr(start, end - start));
  }
  EXPECT_EQ(start, data.size()) << "the message does not end in CRLF";
  return lines;
}

std::string str(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string arg(const Error& error, std::string_view name) {
  for (const MessageArg& a : error.args) {
    if (a.name == name) return a.value;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// The composed message

TEST(ComposeMail, WritesAWellFormedMessage) {
  Mail mail{.to = {"张三 <zhangsan@example.cn>", "li@example.cn"},
            .subject = "采购订单 PO-2024-0012 待审批",
            .text = "您好：\n有一张采购订单等待您审批。\n"};
  auto composed = compose_mail(kFrom, mail, june_4th_2024_10am());
  ASSERT_TRUE(composed.ok()) << composed.error().detail;
  EXPECT_EQ(composed->envelope_from, "erp@example.cn");
  EXPECT_EQ(composed->envelope_to, (std::vector<std::string>{"zhangsan@example.cn", "li@example.cn"}));
  EXPECT_TRUE(std::regex_match(composed->message_id, std::regex(R"(<[0-9a-f]{32}\.[0-9]+@example\.cn>)")))
      << composed->message_id;

  const std::string& data = composed->data;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    ASSERT_LT(c, 0x80) << "non-ASCII byte at " << i;
    if (c == '\n') {
      ASSERT_TRUE(i > 0 && data[i - 1] == '\r') << "bare LF at " << i;
    }
    if (c == '\r') {
      ASSERT_TRUE(i + 1 < data.size() && data[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  const std::vector<std::string> lines = crlf_lines(data);
  for (const std::string& line : lines) EXPECT_LE(line.size(), 78u) << line;
  EXPECT_EQ(lines.at(0), "Date: Tue, 04 Jun 2024 10:00:00 +0000");
  EXPECT_EQ(lines.at(1), "From: \"verp\" <erp@example.cn>");
  EXPECT_TRUE(lines.at(2).starts_with("To: =?UTF-8?B?5byg5LiJ?= <zhangsan@example.cn>,")) << lines.at(2);
  EXPECT_NE(data.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(data.find("\r\nMessage-ID: " + composed->message_id + "\r\n"), std::string::npos);
  EXPECT_NE(data.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(data.find("\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"),
            std::string::npos);
}

TEST(ComposeMail, KeepsAShortAsciiSubjectReadable) {
  auto composed = compose_mail("erp@example.cn", {.to = {"a@example.cn"}, .subject = "Stock alert: M6 screws"},
                               june_4th_2024_10am());
  ASSERT_TRUE(composed.ok());
  EXPECT_NE(composed->data.find("\r\nSubject: Stock alert: M6 screws\r\n"), std::string::npos);
  EXPECT_NE(composed->data.find("\r\nFrom: erp@example.cn\r\n"), std::string::npos);
}

TEST(ComposeMail, FoldsLongHeadersIntoShortLinesOfWholeEncodedWords) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "库存预警📦";
  std::vector<std::string> to;
  for (int i = 0; i < 12; ++i) {
    to.push_back("销售部门经理" + std::to_string(i) + " <manager" + std::to_string(i) + "@example.cn>");
  }
  auto composed = compose_mail(kFrom, {.to = to, .subject = subject, .text = "x"}, june_4th_2024_10am());
  ASSERT_TRUE(composed.ok());
  int continuation = 0;
  for (const std::string& line : crlf_lines(composed->data)) {
    EXPECT_LE(line.size(), 78u) << line;
    if (line.starts_with(" ")) ++continuation;
  }
  EXPECT_GT(continuation, 20);
  // Each encoded word is at most 75 characters (RFC 2047 §2).
  std::regex word(R"(=\?UTF-8\?B\?[A-Za-z0-9+/=]*\?=)");
  for (std::sregex_iterator it(composed->data.begin(), composed->data.end(), word), end; it != end; ++it) {
    EXPECT_LE(it->length(), 75);
  }
}

TEST(ComposeMail, WrapsTheBase64BodyAt76) {
  auto composed = compose_mail(kFrom, {.to = {"a@example.cn"}, .subject = "s", .text = std::string(1000, 'x')},
                               june_4th_2024_10am());
  ASSERT_TRUE(composed.ok());
  const std::vector<std::string> lines = crlf_lines(composed->data);
  const auto blank = std::find(lines.begin(), lines.end(), std::string());
  ASSERT_NE(blank, lines.end());
  ASSERT_GT(lines.end() - blank, 10);
  for (auto line = blank + 1; line + 1 != lines.end(); ++line) EXPECT_EQ(line->size(), 76u);
}

TEST(ComposeMail, HtmlMakesAMultipartAlternative) {
  auto composed = compose_mail(kFrom, {.to = {"a@example.cn"}, .subject = "s", .text = "纯文本", .html = "<p>网页</p>"},
                               june_4th_2024_10am());
  ASSERT_TRUE(composed.ok());
  std::smatch boundary;
  ASSERT_TRUE(std::regex_search(composed->data, boundary,
                                std::regex("Content-Type: multipart/alternative;\r\n boundary=\"([^\"]+)\"\r\n")));
  const std::string b = boundary[1].str();
  const auto text_at = composed->data.find("--" + b + "\r\nContent-Type: text/plain; charset=UTF-8\r\n");
  const auto html_at = composed->data.find("--" + b + "\r\nContent-Type: text/html; charset=UTF-8\r\n");
  ASSERT_NE(text_at, std::string::npos);
  ASSERT_NE(html_at, std::string::npos);
  EXPECT_LT(text_at, html_at);
  EXPECT_TRUE(composed->data.ends_with("--" + b + "--\r\n"));
}

TEST(ComposeMail, RefusesEveryHeaderInjection) {
  const auto refused = [](const std::string& from, const Mail& mail, const std::string& id, const std::string& field) {
    auto composed = compose_mail(from, mail, june_4th_2024_10am());
    ASSERT_FALSE(composed.ok()) << composed->data;
    EXPECT_EQ(composed.error().kind, ErrorKind::validation);
    EXPECT_EQ(composed.error().message_id, id);
    EXPECT_EQ(composed.error().field, field);
    EXPECT_FALSE(should_retry(composed.error()));
  };
  refused(kFrom, {.to = {"a@b.cn\r\nBcc: x@y"}}, "notify.invalid_address", "to[0]");
  refused(kFrom, {.to = {"ok@example.cn", "a@b.cn\nBcc: x@y.cn"}}, "notify.invalid_address", "to[1]");
  refused(kFrom, {.to = {"a@b.cn\r"}}, "notify.invalid_address", "to[0]");
  refused(kFrom, {.to = {"X\r\nBcc: y@z.cn <a@b.cn>"}}, "notify.invalid_address", "to[0]");
  refused(kFrom, {.to = {"\"X\r\n\" <a@b.cn>"}}, "notify.invalid_address", "to[0]");
  refused(kFrom, {.to = {std::string("a@b.cn\0Bcc: x@y.cn", 18)}}, "notify.invalid_address", "to[0]");
  refused("verp <erp@example.cn>\r\nBcc: x@y.cn", {.to = {"a@b.cn"}}, "notify.invalid_address", "from");
  refused(kFrom, {.to = {"a@b.cn"}, .subject = "Hi\r\nBcc: x@y.cn"}, "notify.invalid_subject", "subject");
  refused(kFrom, {.to = {"a@b.cn"}, .subject = "Hi\nthere"}, "notify.invalid_subject", "subject");
  refused(kFrom, {.to = {"a@b.cn"}, .subject = "bad \xff utf-8"}, "notify.invalid_subject", "subject");
  refused(kFrom, {.to = {"a@b.cn"}, .text = "bad \xc3"}, "notify.invalid_text", "text");
  refused(kFrom, {.to = {"a@b.cn"}, .html = "bad \x80"}, "notify.invalid_text", "html");
  refused(kFrom, {}, "notify.no_recipients", "to");
}

TEST(ComposeMail, AcceptsOrdinaryAddressesAndRefusesMalformedOnes) {
  for (const std::string good :
       {"a@b.cn", "first.last+tag@mail.example.com.cn", "o'brien@example.ie", "a@localhost",
        "\"Zhang, San\" <z@example.cn>", "王五 <wang@example.cn>", " spaced@example.cn ", "<bare@example.cn>",
        "Very Long Name Of A Purchasing Department In Shenzhen Factory "
        "Number Two <buyer@example.cn>"}) {
    auto composed = compose_mail(kFrom, {.to = {good}}, june_4th_2024_10am());
    EXPECT_TRUE(composed.ok()) << good << ": " << composed.error().detail;
  }
  for (const std::string bad : {"",
                                "plain",
                                "a@",
                                "@b.cn",
                                "a@@b.cn",
                                "a@b@c.cn",
                                "a b@c.cn",
                                "a@b..cn",
                                ".a@b.cn",
                                "a.@b.cn",
                                "a..b@c.cn",
                                "a@-b.cn",
                                "a@b-.cn",
                                "a@b_c.cn",
                                "a@.cn",
                                "a@b.cn.",
                                "<a@b.cn",
                                "a@b.cn>",
                                "x <a@b.cn> y",
                                "x <<a@b.cn>>",
                                "用户@例子.中国",
                                "a@b.cn, c@d.cn",
                                "\"x\" y\" <a@b.cn>",
                                "x\\y <a@b.cn>",
                                "a(comment)@b.cn",
                                "\"quoted local\"@b.cn",
                                "a@[127.0.0.1]",
                                "a@b.cn\t"}) {
    auto composed = compose_mail(kFrom, {.to = {bad}}, june_4th_2024_10am());
    ASSERT_FALSE(composed.ok()) << bad;
    EXPECT_EQ(composed.error().message_id, "notify.invalid_address") << bad;
  }
  auto long_local = compose_mail(kFrom, {.to = {std::string(65, 'a') + "@b.cn"}}, june_4th_2024_10am());
  EXPECT_FALSE(long_local.ok());
}

TEST(ComposeMail, NamesTheRefusedAddressOnOneLine) {
  auto composed = compose_mail(kFrom, {.to = {"a@b.cn\r\nBcc: x@y"}}, june_4th_2024_10am());
  ASSERT_FALSE(composed.ok());
  EXPECT_EQ(arg(composed.error(), "address"), "a@b.cn??Bcc: x@y");
  auto not_utf8 = compose_mail(kFrom, {.to = {"caf\xe9@b.cn"}}, june_4th_2024_10am());
  ASSERT_FALSE(not_utf8.ok());
  EXPECT_EQ(arg(not_utf8.error(), "address"), "caf?@b.cn");
  auto long_chinese = compose_mail(kFrom, {.to = {std::string(300, 'x') + "张三 <a@b.cn"}}, june_4th_2024_10am());
  ASSERT_FALSE(long_chinese.ok());
  EXPECT_EQ(arg(long_chinese.error(), "address"), std::string(300, 'x') + "张三 <a@b.cn");
  auto cut = compose_mail(kFrom, {.to = {std::string(319, 'x') + "张三"}}, june_4th_2024_10am());
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(arg(cut.error(), "address"), std::string(319, 'x'));
}

// ---------------------------------------------------------------------------------------------
// Through a real SMTP server

class MailToSink : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(sink_.port(), 0) << "tests/smtp_sink.py did not start: is python3-aiosmtpd installed "
                                  "(scripts/install-deps.sh)?";
  }
  MailServer server() const {
    return {.url = "smtp://127.0.0.1:" + std::to_string(sink_.port()), .timeout = 10s, .from = kFrom};
  }
  json::object only_message() {
    auto received = sink_.received();
    EXPECT_EQ(received.size(), 1u);
    return received.empty() ? json::object{} : received.front();
  }

  testing::StubProcess sink_{"smtp_sink.py"};
};

TEST_F(MailToSink, DeliversAChineseSubjectAndBodyExactly) {
  const Mail mail{.to = {"张三 <zhangsan@example.cn>", "li@example.cn"},
                  .subject = "采购订单 PO-2024-0012 待审批（金额 ¥12,800.00）",
                  .text = "您好，张三：\r\n\n采购订单 PO-2024-0012 等待您审批。\n. 以点开头的一行\n📦 M6 螺丝 × 500\n"};
  auto sent = send_mail(server(), mail);
  ASSERT_TRUE(sent.ok()) << sent.error().detail;

  json::object message = only_message();
  EXPECT_EQ(str(message, "mail_from"), "erp@example.cn");
  EXPECT_EQ(message["rcpt_tos"], json::value(json::array{"zhangsan@example.cn", "li@example.cn"}));
  EXPECT_EQ(str(message, "subject"), mail.subject);
  EXPECT_EQ(str(message, "from"), "verp <erp@example.cn>");
  EXPECT_EQ(message["to"],
            json::value(json::array{json::array{"张三", "zhangsan@example.cn"}, json::array{"", "li@example.cn"}}));
  EXPECT_EQ(str(message, "message_id"), sent.value());
  EXPECT_FALSE(str(message, "date").empty());
  EXPECT_EQ(str(message, "content_type"), "text/plain");
  ASSERT_EQ(message["parts"].as_array().size(), 1u);
  const json::object& part = message["parts"].as_array()[0].as_object();
  EXPECT_EQ(str(part, "charset"), "utf-8");
  EXPECT_EQ(str(part, "transfer_encoding"), "base64");
  EXPECT_EQ(str(part, "content"), mail.text);
  EXPECT_TRUE(message["defects"].as_array().empty()) << json::serialize(message["defects"]);
  EXPECT_LE(message["max_line"].to_number<int>(), 78);
  EXPECT_FALSE(message["bare_lf"].as_bool());
  EXPECT_TRUE(message["ascii_only"].as_bool());
}

TEST_F(MailToSink, KeepsALongFoldedChineseSubjectWhole) {
  std::string subject;
  for (int i = 0; i < 15; ++i) subject += "第" + std::to_string(i) + "批：库存低于安全库存，请及时补货。";
  ASSERT_TRUE(send_mail(server(), {.to = {"a@example.cn"}, .subject = subject, .text = ""}).ok());
  json::object message = only_message();
  EXPECT_EQ(str(message, "subject"), subject);
  EXPECT_TRUE(message["defects"].as_array().empty()) << json::serialize(message["defects"]);
}

TEST_F(MailToSink, SendsTextAndHtmlAsMultipartAlternative) {
  const Mail mail{.to = {"a@example.cn"},
                  .subject = "周报",
                  .text = "本周销售额：¥1,234,567.89\n",
                  .html = "<!doctype html><p>本周销售额：<b>¥1,234,567.89</b></p>\n"};
  ASSERT_TRUE(send_mail(server(), mail).ok());
  json::object message = only_message();
  EXPECT_EQ(str(message, "content_type"), "multipart/alternative");
  const json::array& parts = message["parts"].as_array();
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(str(parts[0].as_object(), "content_type"), "text/plain");
  EXPECT_EQ(str(parts[0].as_object(), "content"), mail.text);
  EXPECT_EQ(str(parts[1].as_object(), "content_type"), "text/html");
  EXPECT_EQ(str(parts[1].as_object(), "content"), *mail.html);
  EXPECT_TRUE(message["defects"].as_array().empty()) << json::serialize(message["defects"]);
}

TEST_F(MailToSink, SendsFromManyThreadsAtOnce) {
  std::vector<std::string> ids(12);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        auto sent =
            send_mail(server(), {.to = {"a@example.cn"}, .subject = "并发 " + std::to_string(t * 3 + i), .text = "t"});
        if (sent.ok()) ids[static_cast<std::size_t>(t * 3 + i)] = sent.value();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), 12u);
  EXPECT_FALSE(distinct.contains(""));
  std::set<std::string> subjects;
  for (const json::object& message : sink_.received()) subjects.insert(str(message, "subject"));
  EXPECT_EQ(subjects.size(), 12u);
}

TEST_F(MailToSink, RefusesAHeaderInjectionBeforeConnecting) {
  auto sent = send_mail(server(), {.to = {"a@b.cn\r\nBcc: x@y"}, .subject = "s", .text = "t"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::validation);
  EXPECT_EQ(sent.error().message_id, "notify.invalid_address");
  EXPECT_TRUE(sink_.received().empty());
}

TEST_F(MailToSink, ARefusedRecipientFailsTheMailWithTheSmtpCode) {
  auto sent = send_mail(server(), {.to = {"ok@example.cn", "nobody@reject.example"}, .subject = "s", .text = "t"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(sent.error().message_id, "notify.mail_failed");
  EXPECT_EQ(arg(sent.error(), "smtp_code"), "550");
  EXPECT_NE(sent.error().detail.find("550"), std::string::npos) << sent.error().detail;
  EXPECT_TRUE(sink_.received().empty());
}

TEST_F(MailToSink, RefusesAServerUrlThatIsNotSmtp) {
  for (const std::string url :
       {"", "smtp://", "http://127.0.0.1:25", "127.0.0.1:25", "file:///etc/passwd", "smtp:// 127.0.0.1"}) {
    MailServer bad = server();
    bad.url = url;
    auto sent = send_mail(bad, {.to = {"a@example.cn"}, .subject = "s", .text = "t"});
    ASSERT_FALSE(sent.ok()) << url;
    EXPECT_EQ(sent.error().kind, ErrorKind::validation) << url;
    EXPECT_EQ(sent.error().message_id, "notify.invalid_server") << url;
  }
  EXPECT_TRUE(sink_.received().empty());
}

class MailToAuthenticatingSink : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(sink_.port(), 0) << "tests/smtp_sink.py did not start"; }
  MailServer server(std::string user, std::string password) const {
    return {.url = "smtp://127.0.0.1:" + std::to_string(sink_.port()),
            .user = std::move(user),
            .password = std::move(password),
            .timeout = 10s,
            .from = kFrom};
  }
  testing::StubProcess sink_{"smtp_sink.py", {"--user", "verp", "--password", "s3cret!"}};
};

TEST_F(MailToAuthenticatingSink, LogsInWithTheConfiguredCredentials) {
  ASSERT_TRUE(send_mail(server("verp", "s3cret!"), {.to = {"a@example.cn"}, .subject = "s", .text = "t"}).ok());
  auto received = sink_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(str(received[0], "login"), "verp");
}

TEST_F(MailToAuthenticatingSink, AWrongPasswordOrNoLoginIsUnavailable) {
  for (const auto& [user, password] : {std::pair{"verp", "wrong"}, std::pair{"", ""}}) {
    auto sent = send_mail(server(user, password), {.to = {"a@example.cn"}, .subject = "s", .text = "t"});
    ASSERT_FALSE(sent.ok()) << user;
    EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
    EXPECT_EQ(sent.error().message_id, "notify.mail_failed");
    EXPECT_EQ(sent.error().detail.find("wrong"), std::string::npos) << "the password leaked into the detail";
  }
  EXPECT_TRUE(sink_.received().empty());
}

// ---------------------------------------------------------------------------------------------
// Servers that are not there

TEST(SendMail, AClosedPortIsUnavailableAtOnce) {
  const int port = testing::closed_port();
  ASSERT_NE(port, 0);
  const auto start = std::chrono::steady_clock::now();
  auto sent = send_mail({.url = "smtp://127.0.0.1:" + std::to_string(port), .timeout = 10s, .from = kFrom},
                        {.to = {"a@example.cn"}, .subject = "s", .text = "t"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(sent.error().message_id, "notify.mail_failed");
  EXPECT_TRUE(should_retry(sent.error()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(SendMail, AServerThatNeverGreetsTimesOut) {
  // A listening socket that never accepts: the TCP handshake succeeds, no banner ever comes.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const auto start = std::chrono::steady_clock::now();
  auto sent =
      send_mail({.url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port)), .timeout = 1s, .from = kFrom},
                {.to = {"a@example.cn"}, .subject = "s", .text = "t"});
  const auto took = std::chrono::steady_clock::now() - start;
  ::close(fd);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s);
}

}  // namespace
}  // namespace verp::notify
