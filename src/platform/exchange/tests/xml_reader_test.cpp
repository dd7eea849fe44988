// XmlReader: the events the workbook readers rely on, and everything malformed refused.
#include "platform/exchange/xml_reader.hpp"

#include <gtest/gtest.h>

namespace verp::exchange {
namespace {

// The events of `xml` as text: "<a", ">a" (end), "'text'", "done", or "error: ...".
std::vector<std::string> events(std::string_view xml) {
  std::vector<std::string> out;
  XmlReader reader(xml);
  for (int guard = 0; guard < 1000; ++guard) {
    switch (reader.next()) {
      case XmlReader::Event::start:
        out.push_back("<" + std::string(reader.name()));
        break;
      case XmlReader::Event::end:
        out.push_back(">" + std::string(reader.name()));
        break;
      case XmlReader::Event::text: {
        std::string text;
        if (!reader.append_text(text)) {
          out.push_back("bad text");
          return out;
        }
        out.push_back("'" + text + "'");
        break;
      }
      case XmlReader::Event::done:
        out.push_back("done");
        return out;
      case XmlReader::Event::error:
        out.push_back("error: " + reader.error());
        return out;
    }
  }
  out.push_back("no end");
  return out;
}

bool fails(std::string_view xml) {
  std::vector<std::string> seen = events(xml);
  return !seen.empty() && (seen.back().starts_with("error") || seen.back() == "bad text");
}

using Events = std::vector<std::string>;

TEST(XmlReader, GivesStartTextAndEndEventsWithPrefixesRemoved) {
  EXPECT_EQ(events("<?xml version=\"1.0\"?>\n<x:a xmlns:x=\"u\"><b>hi</b><x:c/></x:a>\n"),
            (Events{"<a", "<b", "'hi'", ">b", "<c", ">c", ">a", "done"}));
}

TEST(XmlReader, SkipsAByteOrderMarkCommentsAndProcessingInstructions) {
  EXPECT_EQ(events("\xEF\xBB\xBF<!-- c --><a><!-- <b> --><?pi x?>t</a><!-- after -->"),
            (Events{"<a", "'t'", ">a", "done"}));
}

TEST(XmlReader, DecodesReferencesAndNormalisesLineEnds) {
  EXPECT_EQ(events("<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x4e2D;&#x1F600;\r\nx\ry&#13;</a>"),
            (Events{"<a", "'<>&\"'A中\xF0\x9F\x98\x80\nx\ny\r'", ">a", "done"}));
}

TEST(XmlReader, PassesCdataThrough) {
  EXPECT_EQ(events("<a>x<![CDATA[<b>&amp;]]>y</a>"), (Events{"<a", "'x'", "'<b>&amp;'", "'y'", ">a", "done"}));
}

TEST(XmlReader, FindsAttributesByTheirExactName) {
  XmlReader reader("<c r=\"A1\" t='s' x:s=\"9\" s = \"2\" v=\"&lt;&amp;\"/>");
  ASSERT_EQ(reader.next(), XmlReader::Event::start);
  EXPECT_EQ(reader.attribute("r"), "A1");
  EXPECT_EQ(reader.attribute("t"), "s");
  EXPECT_EQ(reader.attribute("s"), "2");
  EXPECT_EQ(reader.attribute("missing"), std::nullopt);
  std::string decoded;
  ASSERT_TRUE(XmlReader::decode(*reader.attribute("v"), decoded));
  EXPECT_EQ(decoded, "<&");
  EXPECT_EQ(reader.next(), XmlReader::Event::end);
  EXPECT_EQ(reader.next(), XmlReader::Event::done);
  EXPECT_EQ(reader.next(), XmlReader::Event::done);
}

TEST(XmlReader, RefusesMalformedDocuments) {
  for (std::string_view xml : {
           "",
           "   ",
           "text",
           "<a>",
           "<a></b>",
           "<a><b></a></b>",
           "</a>",
           "<a/><b/>",
           "<a/>text",
           "<a x></a>",
           "<a x=1></a>",
           "<a x=\"1></a>",
           "<a x=\"<\"></a>",
           "<a/ >",
           "<a",
           "<>",
           "<a><!-- open</a>",
           "<a><![CDATA[open</a>",
           "<?pi",
           "<!DOCTYPE a><a/>",
           "<a>&#0;</a>",
           "<a>&#xD800;</a>",
           "<a>&#x110000;</a>",
           "<a>&unknown;</a>",
           "<a>& </a>",
           "<a>&#;</a>",
           "<a>&#x;</a>",
           "<a>&#12a;</a>",
           "<![CDATA[x]]><a/>",
           "<a></a >x",
           "<a\"b/>",
       }) {
    EXPECT_TRUE(fails(xml)) << xml;
  }
}

TEST(XmlReader, RefusesElementsNestedTooDeeply) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "<a>";
  EXPECT_TRUE(fails(deep));
  std::string fine;
  for (int i = 0; i < 100; ++i) fine += "<a>";
  for (int i = 0; i < 100; ++i) fine += "</a>";
  EXPECT_FALSE(fails(fine));
}

TEST(XmlReader, AllowsEndTagsWithSpaceAndWhiteSpaceAroundTheRoot) {
  EXPECT_EQ(events(" \n<a></a >\n"), (Events{"<a", ">a", "done"}));
}

}  // namespace
}  // namespace verp::exchange
