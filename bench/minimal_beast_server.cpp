// The yardstick for verp's HTTP overhead: the least a Beast server can do for the same two
// endpoints (/healthz and a small JSON document), with the same coroutine model and no
// routing, middleware, metrics or logging. `make bench` runs it beside verp and prints the
// ratio. Usage: minimal_beast_server [threads]; prints "port=N" once listening.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    stream.expires_after(std::chrono::seconds(30));
    auto [ec, n] = co_await http::async_read(stream, buffer, request, kNoThrow);
    if (ec) break;
    http::response<http::string_body> response{http::status::ok, request.version()};
    if (request.target() == "/healthz") {
      response.set(http::field::content_type, "application/json");
      response.body() = R"({"status":"ok"})";
    } else {
      response.set(http::field::content_type, "application/json");
      response.body() = R"({"name":"verp","version":"0.1.0","commit":"bench","database":"sqlite"})";
    }
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    auto [wec, m] = co_await http::async_write(stream, response, kNoThrow);
    if (wec || !request.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(tcp::acceptor& acceptor) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()), kNoThrow);
    if (ec) co_return;
    asio::co_spawn(socket.get_executor(), session(beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::printf("port=%u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
  std::fflush(stdout);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { io.stop(); });
  asio::co_spawn(io, listen(acceptor), asio::detached);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
}
