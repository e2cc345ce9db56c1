// Reading the corpora of tests/json/ (written by make_corpus.py).
#ifndef HIREGUARD_TESTS_JSON_CORPUS_HPP
#define HIREGUARD_TESTS_JSON_CORPUS_HPP

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace corpus {

inline std::string read(std::filesystem::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::filesystem::path dir(char const* sub) {
    return std::filesystem::path(HIREGUARD_JSON_CORPUS) / sub;
}

/// The .json files of a corpus directory, by name.
inline std::vector<std::filesystem::path> documents(char const* sub) {
    std::vector<std::filesystem::path> out;
    for (auto const& entry : std::filesystem::directory_iterator(dir(sub)))
        if (entry.path().extension() == ".json") out.push_back(entry.path());
    return out;
}

/// A malformed corpus's EXPECTED list: file name -> the field restore must
/// name ("" for the document itself, written "-").
inline std::map<std::string, std::string> expected_fields(char const* sub) {
    std::map<std::string, std::string> expected;
    std::istringstream lines(read(dir(sub) / "EXPECTED"));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string file, field;
        words >> file >> field;
        expected[file] = field == "-" ? "" : field;
    }
    return expected;
}

}  // namespace corpus

#endif
