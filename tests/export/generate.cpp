// Prints the canonical lifecycle as Graphviz DOT, Mermaid or JSON, from its
// table (docs/diagrams.md). With a file name, writes there instead.
//
//     hireguard_diagram dot docs/lifecycle.dot
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include <hireguard/export/diagram.hpp>
#include <hireguard/hiring/lifecycle.hpp>

int main(int argc, char** argv) {
    std::string_view const format = argc > 1 ? argv[1] : "";
    std::string text;
    if (format == "dot") {
        text = hireguard::to_dot<hireguard::lifecycle>("lifecycle");
    } else if (format == "mermaid") {
        text = hireguard::to_mermaid<hireguard::lifecycle>();
    } else if (format == "json") {
        text = hireguard::to_json<hireguard::lifecycle>();
    } else {
        std::cerr << "usage: " << argv[0] << " dot|mermaid|json [output file]\n";
        return 2;
    }
    if (argc < 3) {
        std::cout << text;
        return std::cout ? 0 : 1;
    }
    std::ofstream out(argv[2], std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        std::cerr << argv[0] << ": cannot write " << argv[2] << '\n';
        return 1;
    }
    return 0;
}
