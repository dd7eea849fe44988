// A campaign's message for one recipient: the template with its placeholders filled and its
// links rewritten to tracked links, plus the unsubscribe link and (e-mail) the open pixel.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verp::crm {

// The tracked routes, under /api/v1/ so that the web UI's fallback never takes them.
inline constexpr std::string_view kOpenPath = "/api/v1/public/t/o/";         // {token}.gif
inline constexpr std::string_view kClickPath = "/api/v1/public/t/c/";        // {token}?u={link index}
inline constexpr std::string_view kUnsubscribePath = "/api/v1/public/t/u/";  // {token}

// The links of a template (http:// or https:// up to a space, quote, '<', '>' or a CJK
// punctuation mark), in order: a click names its link by this index, so only links the campaign
// itself holds are ever redirected to.
std::vector<std::string> template_links(std::string_view body);

struct RenderInput {
  std::string_view body;      // the template
  std::string_view name;      // {name}: the person addressed
  std::string_view customer;  // {customer}
  std::string_view company;   // {company}: the sending member company
  std::string_view base_url;  // the campaign's tracking address, without a trailing '/'
  std::string_view token;
};

struct Rendered {
  std::string text;
  std::string html;  // e-mail only
};

Rendered render_message(const RenderInput& input, bool email);

}  // namespace verp::crm
