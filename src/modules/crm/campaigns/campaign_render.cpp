#include "modules/crm/campaigns/campaign_render.hpp"

#include <array>

namespace verp::crm {

namespace {

// Where a link ends: ASCII delimiters, or the start of a full-width punctuation mark (，。！）
// as Chinese text writes right after a link.
std::size_t link_end(std::string_view body, std::size_t from) {
  static constexpr std::string_view kStops = " \t\r\n\"'<>()[]{}";
  static constexpr std::array<std::string_view, 8> kWide = {"，", "。", "！", "？", "）", "、", "；", "："};
  std::size_t i = from;
  while (i < body.size()) {
    if (kStops.find(body[i]) != std::string_view::npos) break;
    bool wide = false;
    for (std::string_view mark : kWide) wide = wide || body.substr(i).starts_with(mark);
    if (wide) break;
    ++i;
  }
  // A full stop or comma right after a link belongs to the sentence.
  while (i > from && (body[i - 1] == '.' || body[i - 1] == ',')) --i;
  return i;
}

std::size_t next_link(std::string_view body, std::size_t from) {
  const std::size_t http = body.find("http://", from);
  const std::size_t https = body.find("https://", from);
  return std::min(http, https);
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<br>\n"; break;
      default: out += c;
    }
  }
  return out;
}

// The placeholders filled in a piece of text between links.
std::string fill(std::string_view text, const RenderInput& input) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [key, value] : {std::pair{std::string_view("{name}"), input.name},
                                     std::pair{std::string_view("{customer}"), input.customer},
                                     std::pair{std::string_view("{company}"), input.company}}) {
      if (text.substr(i).starts_with(key)) {
        out += value;
        i += key.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace

std::vector<std::string> template_links(std::string_view body) {
  std::vector<std::string> links;
  for (std::size_t at = next_link(body, 0); at != std::string_view::npos; at = next_link(body, at)) {
    const std::size_t end = link_end(body, at);
    links.emplace_back(body.substr(at, end - at));
    at = end;
  }
  return links;
}

Rendered render_message(const RenderInput& input, bool email) {
  const std::string base(input.base_url);
  const std::string token(input.token);
  Rendered out;
  std::size_t index = 0;
  std::size_t from = 0;
  for (std::size_t at = next_link(input.body, 0); at != std::string_view::npos; at = next_link(input.body, from)) {
    const std::size_t end = link_end(input.body, at);
    const std::string text = fill(input.body.substr(from, at - from), input);
    const std::string tracked = base + std::string(kClickPath) + token + "?u=" + std::to_string(index++);
    out.text += text + tracked;
    if (email) {
      out.html += html_escape(text) + "<a href=\"" + html_escape(tracked) + "\">" +
                  html_escape(input.body.substr(at, end - at)) + "</a>";
    }
    from = end;
  }
  const std::string rest = fill(input.body.substr(from), input);
  const std::string unsubscribe = base + std::string(kUnsubscribePath) + token;
  out.text += rest + "\n\n退订 / Unsubscribe: " + unsubscribe;
  if (email) {
    out.html = "<html><body>" + out.html + html_escape(rest) + "<p style=\"font-size:12px;color:#888\"><a href=\"" +
               html_escape(unsubscribe) + "\">退订 / Unsubscribe</a></p><img src=\"" +
               html_escape(base + std::string(kOpenPath) + token + ".gif") +
               "\" width=\"1\" height=\"1\" alt=\"\"></body></html>";
  }
  return out;
}

}  // namespace verp::crm
