#include "quotes/attribution_model.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "syntax/binary_io.h"
#include "syntax/model_file.h"

// Defined in the generated attribution_model_data.S (src/CMakeLists.txt).
extern "C" const char verbatim_attribution_model_data[];
extern "C" const char verbatim_attribution_model_end[];

namespace verbatim::quotes {
namespace {

constexpr size_t kHeaderSize = 28;  // magic, version, payload size, checksum

// Two-class tables: the cue table scores "not a cue" and "a cue"; the ranking tables keep a
// candidate's score as class 0 minus class 1 (attribution_training.cc).
float Margin(const syntax::WeightTable& table, std::span<const uint64_t> keys, int plus, int minus) {
  int32_t scores[2] = {0, 0};
  table.Score(keys, scores);
  return static_cast<float>(scores[plus] - scores[minus]);
}

}  // namespace

AttributionModel::AttributionModel(uint64_t syntax_checksum, absl::flat_hash_map<uint64_t, uint8_t> cue_words,
                                   syntax::WeightTable cue, syntax::WeightTable content,
                                   syntax::WeightTable source)
    : syntax_checksum_(syntax_checksum),
      cue_words_(std::move(cue_words)),
      cue_(std::move(cue)),
      content_(std::move(content)),
      source_(std::move(source)) {}

std::string AttributionModel::Serialize() const {
  std::string payload;
  syntax::ByteWriter w(payload);
  w.Put<uint64_t>(syntax_checksum_);
  std::vector<std::pair<uint64_t, uint8_t>> words(cue_words_.begin(), cue_words_.end());
  std::sort(words.begin(), words.end());
  w.Put<uint32_t>(static_cast<uint32_t>(words.size()));
  for (auto [h, share] : words) {
    w.Put<uint64_t>(h);
    w.Put<uint8_t>(share);
  }
  cue_.AppendTo(w);
  content_.AppendTo(w);
  source_.AppendTo(w);
  std::string file(kAttributionModelMagic);
  syntax::ByteWriter h(file);
  h.Put<uint32_t>(kAttributionModelVersion);
  h.Put<uint64_t>(payload.size());
  h.Put<uint64_t>(syntax::ModelChecksum(payload));
  return file + payload;
}

absl::StatusOr<AttributionModel> AttributionModel::FromBytes(std::string_view bytes) {
  if (bytes.size() < kHeaderSize) {
    return absl::DataLossError(absl::StrCat("attribution model: ", bytes.size(), " bytes, shorter than its header"));
  }
  if (bytes.substr(0, kAttributionModelMagic.size()) != kAttributionModelMagic) {
    return absl::InvalidArgumentError("attribution model: not an attribution model file (bad magic)");
  }
  syntax::ByteReader header(bytes.substr(kAttributionModelMagic.size(), kHeaderSize - kAttributionModelMagic.size()));
  uint32_t version = 0;
  uint64_t size = 0, checksum = 0;
  if (auto s = header.Get(version, "version"); !s.ok()) return s;
  if (auto s = header.Get(size, "size"); !s.ok()) return s;
  if (auto s = header.Get(checksum, "checksum"); !s.ok()) return s;
  if (version != kAttributionModelVersion) {
    return absl::FailedPreconditionError(absl::StrCat("attribution model: format version ", version,
                                                      ", this build reads version ", kAttributionModelVersion));
  }
  std::string_view payload = bytes.substr(kHeaderSize);
  if (payload.size() != size) {
    return absl::DataLossError(absl::StrCat("attribution model: payload of ", payload.size(), " bytes, the header says ", size,
                                            " (truncated or padded file)"));
  }
  if (syntax::ModelChecksum(payload) != checksum) {
    return absl::DataLossError("attribution model: checksum mismatch (corrupt file)");
  }
  syntax::ByteReader r(payload);
  uint64_t syntax_checksum = 0;
  uint32_t n = 0;
  if (auto s = r.Get(syntax_checksum, "syntax checksum"); !s.ok()) return s;
  if (auto s = r.Get(n, "cue vocabulary"); !s.ok()) return s;
  if (n > r.remaining() / 9) return absl::DataLossError("attribution model: cue vocabulary larger than the file");
  absl::flat_hash_map<uint64_t, uint8_t> words;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t h = 0;
    uint8_t share = 0;
    if (auto s = r.Get(h, "cue vocabulary"); !s.ok()) return s;
    if (auto s = r.Get(share, "cue vocabulary"); !s.ok()) return s;
    words.emplace(h, share);
  }
  absl::StatusOr<syntax::WeightTable> cue = syntax::WeightTable::Read(r, "cue table");
  if (!cue.ok()) return cue.status();
  absl::StatusOr<syntax::WeightTable> content = syntax::WeightTable::Read(r, "content table");
  if (!content.ok()) return content.status();
  absl::StatusOr<syntax::WeightTable> source = syntax::WeightTable::Read(r, "source table");
  if (!source.ok()) return source.status();
  if (cue->num_classes() != 2 || content->num_classes() != 2 || source->num_classes() != 2) {
    return absl::DataLossError("attribution model: tables must have two classes");
  }
  if (r.remaining() != 0) return absl::DataLossError("attribution model: trailing bytes after the tables");
  return AttributionModel(syntax_checksum, std::move(words), *std::move(cue), *std::move(content), *std::move(source));
}

absl::StatusOr<AttributionModel> AttributionModel::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot open model file"));
  std::ostringstream ss;
  ss << in.rdbuf();
  absl::StatusOr<AttributionModel> m = FromBytes(ss.str());
  if (!m.ok()) return absl::Status(m.status().code(), absl::StrCat(path.string(), ": ", m.status().message()));
  return m;
}

absl::StatusOr<const AttributionModel*> AttributionModel::Embedded() {
  static const absl::StatusOr<const AttributionModel*>* const model = [] {
    std::string_view bytes(verbatim_attribution_model_data,
                           static_cast<size_t>(verbatim_attribution_model_end - verbatim_attribution_model_data));
    if (bytes.empty()) return new absl::StatusOr<const AttributionModel*>(nullptr);
    absl::StatusOr<AttributionModel> m = FromBytes(bytes);
    if (!m.ok()) return new absl::StatusOr<const AttributionModel*>(m.status());
    return new absl::StatusOr<const AttributionModel*>(new AttributionModel(*std::move(m)));
  }();
  return *model;
}

float AttributionModel::CueScore(std::span<const uint64_t> keys) const { return Margin(cue_, keys, 1, 0); }
float AttributionModel::ContentScore(std::span<const uint64_t> keys) const { return Margin(content_, keys, 0, 1); }
float AttributionModel::SourceScore(std::span<const uint64_t> keys) const { return Margin(source_, keys, 0, 1); }

}  // namespace verbatim::quotes
