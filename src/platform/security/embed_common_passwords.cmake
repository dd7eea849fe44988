# Run at build time: cmake -DINPUT=common_passwords.txt -DOUTPUT=out.cpp -P embed_common_passwords.cmake
# Writes a C++ source holding the list as one raw string literal (see common_passwords.hpp).
file(READ "${INPUT}" content)
set(body "// Generated from common_passwords.txt by embed_common_passwords.cmake; do not edit.\n")
string(APPEND body "#include \"platform/security/common_passwords.hpp\"\n\n")
string(APPEND body "namespace verp::security::detail {\n\n")
string(APPEND body "std::string_view common_passwords_text() {\n")
string(APPEND body "  static constexpr char kText[] = R\"verp_passwords(${content})verp_passwords\";\n")
string(APPEND body "  return {kText, sizeof(kText) - 1};\n}\n\n}  // namespace verp::security::detail\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
