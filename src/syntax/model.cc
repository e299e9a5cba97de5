#include "syntax/model.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "syntax/binary_io.h"
#include "syntax/model_file.h"
#include "syntax/str_cat.h"
#include "syntax/transition_system.h"

namespace verbatim::syntax {

Model::Model(std::vector<std::string> labels, Lexicon lexicon, Tagger tagger, Parser parser)
    : labels_(std::move(labels)), lexicon_(std::move(lexicon)), tagger_(std::move(tagger)), parser_(std::move(parser)) {}

std::string Model::Serialize() const {
  std::string payload;
  ByteWriter w(payload);
  w.Put<uint32_t>(static_cast<uint32_t>(labels_.size()));
  for (const std::string& l : labels_) w.PutString(l);
  w.Put<uint32_t>(static_cast<uint32_t>(parser_.root_label()));
  lexicon_.AppendTo(w);
  tagger_.table().AppendTo(w);
  parser_.moves().AppendTo(w);
  parser_.labels().AppendTo(w);
  return WrapModelPayload(payload);
}

absl::StatusOr<Model> Model::FromBytes(std::string_view bytes) {
  absl::StatusOr<std::string_view> payload = UnwrapModelPayload(bytes);
  if (!payload.ok()) return payload.status();
  ByteReader r(*payload);
  Model m;
  uint32_t n = 0, root = 0;
  if (auto s = r.Get(n, "labels"); !s.ok()) return s;
  if (n == 0 || n > 255) return absl::DataLossError(Cat("syntax model: bad label count ", n));
  for (uint32_t i = 0; i < n; ++i) {
    std::string l;
    if (auto s = r.GetString(l, "labels"); !s.ok()) return s;
    m.labels_.push_back(std::move(l));
  }
  if (auto s = r.Get(root, "labels"); !s.ok()) return s;
  if (root >= n) return absl::DataLossError("syntax model: bad root label");
  absl::StatusOr<Lexicon> lex = Lexicon::Read(r);
  if (!lex.ok()) return lex.status();
  absl::StatusOr<WeightTable> tags = WeightTable::Read(r, "tagger");
  if (!tags.ok()) return tags.status();
  absl::StatusOr<WeightTable> moves = WeightTable::Read(r, "parser moves");
  if (!moves.ok()) return moves.status();
  absl::StatusOr<WeightTable> labels = WeightTable::Read(r, "parser labels");
  if (!labels.ok()) return labels.status();
  if (tags->num_classes() != kNumUposClasses || moves->num_classes() != kNumMoves ||
      labels->num_classes() != static_cast<int>(n)) {
    return absl::DataLossError("syntax model: table sizes do not match");
  }
  if (r.remaining() != 0) return absl::DataLossError("syntax model: trailing bytes after the tables");
  m.lexicon_ = *std::move(lex);
  m.tagger_ = Tagger(*std::move(tags));
  m.parser_ = Parser(*std::move(moves), *std::move(labels), static_cast<int>(root));
  return m;
}

absl::StatusOr<Model> Model::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(Cat(path.string(), ": cannot open model file"));
  std::ostringstream ss;
  ss << in.rdbuf();
  absl::StatusOr<Model> m = FromBytes(ss.str());
  if (!m.ok()) return absl::Status(m.status().code(), Cat(path.string(), ": ", m.status().message()));
  return m;
}

std::vector<Upos> Model::Tag(std::span<const std::string_view> words) const {
  thread_local std::vector<WordInfo> info;
  thread_local std::vector<uint8_t> tags;
  lexicon_.Describe(words, info);
  tags.assign(words.size(), 0);
  tagger_.Tag(info, tags);
  std::vector<Upos> out(words.size());
  for (size_t i = 0; i < words.size(); ++i) out[i] = static_cast<Upos>(tags[i]);
  return out;
}

std::vector<WordSyntax> Model::ParseTagged(std::span<const std::string_view> words, std::span<const Upos> upos) const {
  thread_local std::vector<WordInfo> info;
  thread_local std::vector<uint8_t> tags;
  thread_local std::vector<int> heads;
  thread_local std::vector<uint16_t> labels;
  lexicon_.Describe(words, info);
  tags.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) tags[i] = static_cast<uint8_t>(upos[i]);
  heads.assign(words.size(), 0);
  labels.assign(words.size(), 0);
  parser_.Parse(info, tags, heads, labels);
  std::vector<WordSyntax> out(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    out[i] = {upos[i], heads[i] - 1, labels[i], labels_[labels[i]]};
  }
  return out;
}

std::vector<WordSyntax> Model::Parse(std::span<const std::string_view> words) const {
  thread_local std::vector<WordInfo> info;
  thread_local std::vector<uint8_t> tags;
  thread_local std::vector<int> heads;
  thread_local std::vector<uint16_t> labels;
  lexicon_.Describe(words, info);
  tags.assign(words.size(), 0);
  tagger_.Tag(info, tags);
  heads.assign(words.size(), 0);
  labels.assign(words.size(), 0);
  parser_.Parse(info, tags, heads, labels);
  std::vector<WordSyntax> out(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    out[i] = {static_cast<Upos>(tags[i]), heads[i] - 1, labels[i], labels_[labels[i]]};
  }
  return out;
}

size_t Model::feature_count() const {
  return tagger_.table().size() + parser_.moves().size() + parser_.labels().size();
}

size_t Model::memory_bytes() const {
  return tagger_.table().memory_bytes() + parser_.moves().memory_bytes() + parser_.labels().memory_bytes();
}

}  // namespace verbatim::syntax
