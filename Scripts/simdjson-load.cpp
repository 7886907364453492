// Reads a JSONL trace with simdjson's On Demand API and visits every field of every line, as
// LoopLens's reader does: the reference point of Scripts/compare-load.sh.
#include <simdjson.h>
#include <chrono>
#include <cstdio>

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson-load FILE.jsonl\n");
        return 2;
    }
    auto start = std::chrono::steady_clock::now();
    simdjson::padded_string json;
    if (simdjson::padded_string::load(argv[1]).get(json)) return 1;
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document_stream documents;
    if (parser.iterate_many(json).get(documents)) return 1;
    size_t lines = 0, fields = 0;
    for (auto document : documents) {
        simdjson::ondemand::object object;
        if (document.get_object().get(object)) return 1;
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key)) return 1;
            std::string_view raw = field.value().raw_json_token();
            fields += key.size() + raw.size() > 0;
        }
        lines++;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%.3f %zu %zu\n", seconds, lines, fields);
    return 0;
}
