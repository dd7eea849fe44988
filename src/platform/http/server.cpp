// The only translation unit that includes Beast and Asio (they cost ~20 s to compile).
#include "platform/http/server.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "platform/base/log.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/url_target.hpp"

namespace verp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// Lets the process hold more sockets than the usual soft limit of 1024 descriptors.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

Request to_request(const bhttp::request<bhttp::string_body>& message, const std::string& remote) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) request.headers.add(std::string(field.name_string()), std::string(field.value()));
  request.body = message.body();
  request.remote_address = remote;
  return request;
}

}  // namespace

// Wakes a streaming connection's coroutine: a timer used as an event (cancel = wake up), so a
// stream waits without a thread. Touched on the connection's strand, except `pending`.
struct StreamSignal {
  explicit StreamSignal(const asio::any_io_executor& executor) : timer(executor) {}
  asio::steady_timer timer;
  std::atomic<bool> pending{false};  // something to read(); set by BodyStream's wake
  bool peer_closed = false;
};

// One accepted socket; shared between its coroutine and the shutdown logic.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::atomic<bool> idle{true};  // waiting for the next request: safe to close at shutdown
  std::shared_ptr<StreamSignal> signal;  // while streaming a body; on the strand only
};

class Server::Impl {
 public:
  Impl(ServerOptions options, Dispatcher& dispatcher)
      : options_(std::move(options)),
        dispatcher_(dispatcher),
        acceptor_(io_),
        pool_(static_cast<std::size_t>(worker_count(options_))) {}

  ~Impl() { stop(); }

  Status start() {
    raise_descriptor_limit();
    beast::error_code ec;
    auto address = asio::ip::make_address(options_.address, ec);
    if (ec) return make_error(ErrorKind::unavailable, "http.unavailable", "bad listen address " + options_.address);
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return make_error(ErrorKind::unavailable, "http.unavailable",
                        "cannot listen on " + options_.address + ":" + std::to_string(options_.port) + ": " +
                            ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    dispatcher_.metrics().add_collector([this](std::string& out) { render_metrics(out); });
    asio::co_spawn(io_, accept_loop(), asio::detached);
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
      io_threads_.emplace_back([this] { io_.run(); });
    }
    running_ = true;
    return {};
  }

  std::uint16_t port() const { return port_; }

  void wait_for_signal() {
    asio::signal_set signals(io_, SIGINT, SIGTERM);
    signals.async_wait([this](const beast::error_code& ec, int signal) {
      if (ec) return;
      log::info("server.signal", {{"signal", std::to_string(signal)}});
      request_stop();
    });
    std::unique_lock lock(stop_mutex_);
    stop_requested_cv_.wait(lock, [this] { return stop_requested_; });
    lock.unlock();
    signals.cancel();
    stop();
  }

  void request_stop() {
    std::lock_guard lock(stop_mutex_);
    stop_requested_ = true;
    stop_requested_cv_.notify_all();
  }

  void stop() {
    request_stop();
    if (!running_.exchange(false)) return;
    stopping_ = true;
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    close_idle_connections();
    const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
    while (open_connections_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      close_idle_connections();
    }
    if (open_connections_.load() > 0) {
      log::warn("server.shutdown_forced", {{"connections", std::to_string(open_connections_.load())}});
    }
    io_.stop();
    for (auto& thread : io_threads_) thread.join();
    io_threads_.clear();
    pool_.join();
    log::info("server.stopped");
  }

  ServerStats stats() const {
    return ServerStats{open_connections_.load(), accepted_.load(), rejected_.load(), in_flight_.load()};
  }

 private:
  static int worker_count(const ServerOptions& options) {
    if (options.worker_threads > 0) return options.worker_threads;
    return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  }

  asio::awaitable<void> accept_loop() {
    while (!stopping_) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), kNoThrow);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        // EMFILE and friends: back off a little instead of spinning.
        asio::steady_timer pause(io_, std::chrono::milliseconds(20));
        co_await pause.async_wait(kNoThrow);
        continue;
      }
      if (open_connections_.load() >= options_.max_connections) {
        ++rejected_;
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      ++accepted_;
      ++open_connections_;
      auto connection = std::make_shared<Connection>(std::move(socket));
      const std::uint64_t id = next_connection_id_++;
      {
        std::lock_guard lock(connections_mutex_);
        connections_.emplace(id, connection);
      }
      asio::co_spawn(connection->stream.get_executor(), session(connection, id), asio::detached);
    }
  }

  void close_idle_connections() {
    std::lock_guard lock(connections_mutex_);
    for (auto& [id, weak] : connections_) {
      if (auto connection = weak.lock()) {
        asio::post(connection->stream.get_executor(), [connection] {
          if (connection->idle) connection->stream.cancel();
          if (connection->signal) connection->signal->timer.cancel();  // a stream sees stopping_
        });
      }
    }
  }

  void forget(std::uint64_t id) {
    {
      std::lock_guard lock(connections_mutex_);
      connections_.erase(id);
    }
    --open_connections_;
  }

  asio::awaitable<void> session(std::shared_ptr<Connection> connection, std::uint64_t id) {
    beast::tcp_stream& stream = connection->stream;
    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      auto endpoint = stream.socket().remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    while (!stopping_) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      parser.body_limit(options_.max_body_bytes);

      // Phase 1: wait for the first byte of the next request (keep-alive idle time).
      connection->idle = true;
      if (buffer.size() == 0) {
        stream.expires_after(options_.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kNoThrow);
        if (ec) break;
        buffer.commit(n);
      }
      connection->idle = false;
      // Phase 2: the whole request must arrive within read_timeout, however slowly it drips.
      stream.expires_after(options_.read_timeout);
      auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
      if (ec) {
        if (ec == bhttp::error::body_limit) {
          co_await send_transport_problem(stream, 413, "http.payload_too_large", options_.max_body_bytes);
        } else if (ec == bhttp::error::header_limit) {
          co_await send_transport_problem(stream, 431, "http.headers_too_large", options_.max_header_bytes);
        } else if (ec != beast::error::timeout && ec != asio::error::eof && ec != asio::error::operation_aborted &&
                   ec != asio::error::connection_reset && ec != bhttp::error::end_of_stream) {
          co_await send_transport_problem(stream, 400, "http.bad_request", 0);
        }
        break;
      }
      const auto& message = parser.get();
      const bool keep_alive = message.keep_alive();
      const bool head = message.method() == bhttp::verb::head;
      Request request = to_request(message, remote);

      ++in_flight_;
      Response response = co_await process(request);
      --in_flight_;

      if (response.stream && !head) {
        co_await stream_body(connection, response);
        break;
      }
      if (response.stream) {  // HEAD: the headers the GET would have, and no stream
        std::string ignored;
        response.stream->close(false, ignored);
        response.stream.reset();
      }

      const bool close = !keep_alive || response.close_connection || stopping_;
      stream.expires_after(options_.read_timeout);
      if (!co_await write(stream, request, response, head, !close)) break;
      if (close) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
    forget(id);
  }

  asio::awaitable<Response> process(Request& request) {
    if (Status parsed = parse_target(request); !parsed) {
      request.request_id = choose_request_id(request.headers.get("X-Request-Id"));
      request.locale = i18n::negotiate_locale(request.headers.get("Accept-Language"));
      request.received_at = std::chrono::steady_clock::now();
      Response response = problem_response(parsed.error(), request, dispatcher_.catalog());
      dispatcher_.finish(request, response);
      co_return response;
    }
    Response response;
    if (dispatcher_.prepare(request) == Execution::io_thread) {
      response = dispatcher_.handle(request);
    } else {
      response = co_await run_on_pool(request);
    }
    dispatcher_.finish(request, response);
    co_return response;
  }

  // Writes a streamed body as chunks until it ends, the client hangs up or the server stops. The
  // coroutine sleeps on the signal's timer between writes, so an idle stream costs no thread.
  asio::awaitable<void> stream_body(std::shared_ptr<Connection> connection, Response& response) {
    beast::tcp_stream& stream = connection->stream;
    std::shared_ptr<BodyStream> body = response.stream;
    bhttp::response<bhttp::empty_body> out;
    copy_headers(out, response, /*keep_alive=*/false);
    out.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer(out);
    stream.expires_after(options_.read_timeout);
    auto [header_error, header_bytes] = co_await bhttp::async_write_header(stream, serializer, kNoThrow);
    stream.expires_never();
    std::string farewell;
    if (header_error) {
      body->close(false, farewell);
      co_return;
    }
    auto signal = std::make_shared<StreamSignal>(stream.get_executor());
    connection->signal = signal;
    asio::co_spawn(stream.get_executor(), watch_peer(connection, signal), asio::detached);
    std::weak_ptr<StreamSignal> weak = signal;
    body->start([weak] {
      if (auto woken = weak.lock(); woken && !woken->pending.exchange(true)) {
        asio::post(woken->timer.get_executor(), [woken] { woken->timer.cancel(); });
      }
    });

    bool writable = true;
    bool server_stopping = false;
    std::string chunk;
    for (;;) {
      if (stopping_) {
        server_stopping = true;
        break;
      }
      chunk.clear();
      const bool more = body->read(chunk);
      if (!chunk.empty()) writable = co_await write_chunk(stream, chunk);
      if (!more || !writable) break;
      if (signal->pending.exchange(false)) continue;
      signal->timer.expires_after(body->keepalive_interval());
      auto [waited] = co_await signal->timer.async_wait(kNoThrow);
      if (signal->peer_closed) {
        writable = false;
        break;
      }
      if (!waited && !stopping_) {  // the timer ran out: nothing happened for a while
        chunk.clear();
        body->keepalive(chunk);
        if (!(writable = co_await write_chunk(stream, chunk))) break;
      }
    }
    body->close(server_stopping, farewell);
    connection->signal.reset();
    if (writable && !farewell.empty()) writable = co_await write_chunk(stream, farewell);
    if (writable) {
      stream.expires_after(std::chrono::seconds(5));
      co_await asio::async_write(stream, bhttp::make_chunk_last(), kNoThrow);
    }
  }

  asio::awaitable<bool> write_chunk(beast::tcp_stream& stream, const std::string& data) {
    if (data.empty()) co_return true;  // an empty chunk would end the body
    stream.expires_after(options_.read_timeout);
    auto [ec, n] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(data)), kNoThrow);
    stream.expires_never();
    co_return !ec;
  }

  // Reads (and ignores) whatever the client sends while its stream runs, to notice at once when
  // it hangs up rather than at the next write.
  static asio::awaitable<void> watch_peer(std::shared_ptr<Connection> connection,
                                          std::shared_ptr<StreamSignal> signal) {
    std::array<char, 256> scratch{};
    for (;;) {
      auto [ec, n] = co_await connection->stream.socket().async_read_some(asio::buffer(scratch), kNoThrow);
      if (ec) break;
    }
    signal->peer_closed = true;
    signal->timer.cancel();
  }

  // Runs the handler on the worker pool and resumes the connection's coroutine on its own
  // strand with the response: one post each way, no extra coroutine frame.
  asio::awaitable<Response> run_on_pool(Request& request) {
    return asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        [this, &request](auto handler) {
          asio::post(pool_, [this, &request, handler = std::move(handler)]() mutable {
            Response response = dispatcher_.handle(request);
            auto executor = asio::get_associated_executor(handler);
            asio::dispatch(executor, [handler = std::move(handler), response = std::move(response)]() mutable {
              std::move(handler)(std::move(response));
            });
          });
        },
        asio::use_awaitable);
  }

  template <typename Body>
  static void copy_headers(bhttp::response<Body>& out, const Response& response, bool keep_alive) {
    out.result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : response.headers.all()) out.insert(name, value);
    out.keep_alive(keep_alive);
  }

  // A HEAD answer carries the headers the GET would have, Content-Length included, and no body.
  template <typename Body>
  static asio::awaitable<bool> send(beast::tcp_stream& stream, bhttp::response<Body>& out, bool head) {
    out.prepare_payload();
    if (head) {
      bhttp::response<bhttp::empty_body> headers_only{out.base()};
      auto [ec, n] = co_await bhttp::async_write(stream, headers_only, kNoThrow);
      co_return !ec;
    }
    auto [ec, n] = co_await bhttp::async_write(stream, out, kNoThrow);
    co_return !ec;
  }

  static asio::awaitable<bool> write(beast::tcp_stream& stream, const Request& request, Response& response,
                                     bool head, bool keep_alive) {
    if (!response.file_path.empty()) {
      bhttp::response<bhttp::file_body> out;
      copy_headers(out, response, keep_alive);
      beast::error_code ec;
      out.body().open(response.file_path.c_str(), beast::file_mode::scan, ec);
      if (ec) {
        log::error("http.file_open_failed", {{"request_id", request.request_id}, {"file", response.file_path}});
        co_return false;
      }
      co_return co_await send(stream, out, head);
    }
    bhttp::response<bhttp::string_body> out;
    copy_headers(out, response, keep_alive);
    out.body() = std::move(response.body);
    co_return co_await send(stream, out, head);
  }

  // Answers a request the transport could not even read (too large, malformed), then the
  // caller closes the connection: the rest of the stream cannot be trusted.
  asio::awaitable<void> send_transport_problem(beast::tcp_stream& stream, int status, const char* message_id,
                                               std::size_t limit) {
    Request request;
    request.request_id = choose_request_id({});
    request.received_at = std::chrono::steady_clock::now();
    ErrorKind kind = status == 400 ? ErrorKind::validation : ErrorKind::too_large;
    Response response = problem_response(kind, status, message_id, {{"limit", std::to_string(limit)}}, request,
                                         dispatcher_.catalog());
    response.close_connection = true;
    dispatcher_.finish(request, response);
    stream.expires_after(std::chrono::seconds(5));
    co_await write(stream, request, response, false, false);
  }

  void render_metrics(std::string& out) const {
    const ServerStats s = stats();
    out += "# HELP verp_http_connections_open Open client connections.\n# TYPE verp_http_connections_open gauge\n";
    out += "verp_http_connections_open " + std::to_string(s.connections_open) + "\n";
    out += "# HELP verp_http_connections_accepted_total Connections accepted.\n";
    out += "# TYPE verp_http_connections_accepted_total counter\n";
    out += "verp_http_connections_accepted_total " + std::to_string(s.connections_accepted) + "\n";
    out += "# HELP verp_http_connections_rejected_total Connections refused at the connection cap.\n";
    out += "# TYPE verp_http_connections_rejected_total counter\n";
    out += "verp_http_connections_rejected_total " + std::to_string(s.connections_rejected) + "\n";
    out += "# HELP verp_http_requests_in_flight Requests being handled.\n# TYPE verp_http_requests_in_flight gauge\n";
    out += "verp_http_requests_in_flight " + std::to_string(s.requests_in_flight) + "\n";
  }

  ServerOptions options_;
  Dispatcher& dispatcher_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::thread_pool pool_;
  std::vector<std::thread> io_threads_;
  std::uint16_t port_ = 0;

  std::atomic<bool> running_{false};
  std::atomic<bool> stopping_{false};
  std::mutex stop_mutex_;
  std::condition_variable stop_requested_cv_;
  bool stop_requested_ = false;

  std::mutex connections_mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections_;
  std::atomic<std::uint64_t> next_connection_id_{1};
  std::atomic<std::uint64_t> open_connections_{0};
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> in_flight_{0};
};

Server::Server(ServerOptions options, Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}
Server::~Server() = default;
Status Server::start() { return impl_->start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::wait_for_signal() { impl_->wait_for_signal(); }
void Server::stop() { impl_->stop(); }
ServerStats Server::stats() const { return impl_->stats(); }

}  // namespace verp::http
