#include "workbook_parts.hpp"

#include <zip.h>

#include <cstdio>

namespace verp::exchange::test_support {
namespace {

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string read_source(zip_source_t* source) {
  std::string bytes;
  if (zip_source_open(source) != 0) return bytes;
  char buffer[65536];
  for (zip_int64_t n; (n = zip_source_read(source, buffer, sizeof buffer)) > 0;) {
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  zip_source_close(source);
  return bytes;
}

}  // namespace

std::string zip_parts(const Parts& parts, bool deflate) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* output = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (output == nullptr) return {};
  zip_source_keep(output);  // the archive frees its source on close; we still read it after
  zip_t* archive = zip_open_from_source(output, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(output);
    return {};
  }
  for (const auto& [name, content] : parts) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(data);
      continue;
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  }
  std::string bytes;
  if (zip_close(archive) == 0) {
    bytes = read_source(output);
  } else {
    zip_discard(archive);
  }
  zip_source_free(output);
  zip_error_fini(&error);
  return bytes;
}

Parts workbook_parts(std::string_view sheet_data, std::string_view shared_items, std::string_view styles,
                     bool date1904) {
  std::string main(kMain);
  std::string relationships(kRelationships);
  std::string workbook_relationships =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" +
      relationships + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
  if (!shared_items.empty()) {
    workbook_relationships +=
        "<Relationship Id=\"rId2\" Type=\"" + relationships + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  }
  if (!styles.empty()) {
    workbook_relationships += "<Relationship Id=\"rId3\" Type=\"" + relationships + "/styles\" Target=\"styles.xml\"/>";
  }
  workbook_relationships += "</Relationships>";

  Parts parts{
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
       "ContentType=\"application/xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" +
           relationships + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"" + main + "\" xmlns:r=\"" +
                              relationships + "\"><workbookPr" + (date1904 ? " date1904=\"1\"" : "") +
                              "/><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", workbook_relationships},
      {"xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"" + main +
                                       "\"><sheetData>" + std::string(sheet_data) + "</sheetData></worksheet>"},
  };
  if (!shared_items.empty()) {
    parts.emplace_back("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"" + main +
                                                   "\">" + std::string(shared_items) + "</sst>");
  }
  if (!styles.empty()) parts.emplace_back("xl/styles.xml", std::string(styles));
  return parts;
}

std::string make_xlsx(std::string_view sheet_data, std::string_view shared_items, std::string_view styles,
                      bool date1904) {
  return zip_parts(workbook_parts(sheet_data, shared_items, styles, date1904));
}

std::string styles_xml(const std::vector<int>& cell_formats, std::string_view num_fmts) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet xmlns=\"" + std::string(kMain) + "\">";
  if (!num_fmts.empty()) xml += "<numFmts>" + std::string(num_fmts) + "</numFmts>";
  // cellStyleXfs also holds <xf> elements, which must not be mistaken for cell formats.
  xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"" +
         std::to_string(cell_formats.size()) + "\">";
  for (int id : cell_formats) xml += "<xf numFmtId=\"" + std::to_string(id) + "\" applyNumberFormat=\"1\"/>";
  xml += "</cellXfs></styleSheet>";
  return xml;
}

void replace_part(Parts& parts, std::string_view name, std::string content) {
  for (auto& [part_name, part_content] : parts) {
    if (part_name == name) {
      part_content = std::move(content);
      return;
    }
  }
  std::fprintf(stderr, "replace_part: no part %.*s\n", static_cast<int>(name.size()), name.data());
}

}  // namespace verp::exchange::test_support
