#include "cli/syntax_commands.h"

#include <fstream>
#include <memory>

#include "cli/commands.h"
#include "syntax/conllu.h"
#include "syntax/embedded_model.h"
#include "syntax/model.h"
#include "syntax/train.h"
#include "syntax/ud_eval.h"

namespace verbatim::cli {
namespace {

// The model at `path`, or the embedded one when `path` is empty; nullptr after reporting.
const syntax::Model* OpenModel(const std::string& path, std::unique_ptr<syntax::Model>& holder, std::ostream& err) {
  if (path.empty()) {
    absl::StatusOr<const syntax::Model*> m = syntax::EmbeddedModel();
    if (!m.ok()) {
      err << "verbatim: embedded syntax model: " << m.status().message() << "\n";
      return nullptr;
    }
    return *m;
  }
  absl::StatusOr<syntax::Model> m = syntax::Model::Load(path);
  if (!m.ok()) {
    err << "verbatim: " << m.status().message() << "\n";
    return nullptr;
  }
  holder = std::make_unique<syntax::Model>(*std::move(m));
  return holder.get();
}

}  // namespace

int TrainSyntax(const std::string& train, const std::string& dev, const std::string& out_path,
                const std::vector<std::string>& corpus, int threads, std::ostream& out, std::ostream& err) {
  syntax::SyntaxTrainOptions options;
  options.threads = threads;
  for (const std::string& c : corpus) options.cluster_corpus.emplace_back(c);
  absl::StatusOr<syntax::SyntaxTrainResult> r = syntax::TrainSyntaxModel(train, dev, options, err);
  if (!r.ok()) {
    err << "verbatim train syntax: " << r.status().message() << "\n";
    return kNothingProcessed;
  }
  std::ofstream f(out_path, std::ios::binary | std::ios::trunc);
  f << r->model_bytes;
  f.close();
  if (!f) {
    err << "verbatim: " << out_path << ": cannot write the model\n";
    return kNothingProcessed;
  }
  out << "wrote " << out_path << " (" << r->model_bytes.size() << " bytes); dev " << syntax::FormatUdScores(r->dev)
      << "\n";
  return kOk;
}

int ParseConlluFile(const std::string& path, const std::string& model_path, std::ostream& out, std::ostream& err) {
  std::unique_ptr<syntax::Model> holder;
  const syntax::Model* model = OpenModel(model_path, holder, err);
  if (model == nullptr) return kNothingProcessed;
  absl::StatusOr<std::vector<syntax::ConlluSentence>> sentences = syntax::ReadConllu(path);
  if (!sentences.ok()) {
    err << "verbatim parse: " << sentences.status().message() << "\n";
    return kNothingProcessed;
  }
  std::string buf;
  std::vector<std::string_view> words;
  for (syntax::ConlluSentence& s : *sentences) {
    words.clear();
    for (const syntax::ConlluWord& w : s.words) words.push_back(w.form);
    const std::vector<syntax::WordSyntax> parsed = model->Parse(words);
    for (size_t i = 0; i < parsed.size(); ++i) {
      syntax::ConlluWord& w = s.words[i];
      w.upos.assign(syntax::UposName(parsed[i].upos));
      w.head = parsed[i].head + 1;
      w.deprel.assign(parsed[i].deprel);
      w.deps.assign(1, '_');
    }
    syntax::AppendConllu(s, buf);
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
  return kOk;
}

int EvalUd(const std::string& path, const std::string& model_path, bool gold_tags, std::ostream& out,
           std::ostream& err) {
  std::unique_ptr<syntax::Model> holder;
  const syntax::Model* model = OpenModel(model_path, holder, err);
  if (model == nullptr) return kNothingProcessed;
  absl::StatusOr<std::vector<syntax::ConlluSentence>> sentences = syntax::ReadConllu(path);
  if (!sentences.ok()) {
    err << "verbatim eval: " << sentences.status().message() << "\n";
    return kNothingProcessed;
  }
  const syntax::UdScores s = syntax::EvaluateUd(*model, *sentences, gold_tags);
  char line[512];
  std::snprintf(line, sizeof line,
                "%s: %zu sentences, %zu words (punctuation included)%s\nUPOS  %.2f\nUAS   %.2f\nLAS   %.2f  (full labels, "
                "e.g. nmod:poss)\nLAS   %.2f  (universal labels only, the CoNLL 2018 convention)\n",
                path.c_str(), s.sentences, s.words, gold_tags ? ", gold UPOS given to the parser" : "", s.upos, s.uas,
                s.las, s.las_universal);
  out << line;
  return kOk;
}

}  // namespace verbatim::cli
