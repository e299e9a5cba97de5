#include "cli/attribution_commands.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

#include "cli/commands.h"
#include "eval/polnear.h"
#include "quotes/attribution_training.h"
#include "syntax/embedded_model.h"

namespace verbatim::cli {

int TrainAttribution(const std::string& polnear_dir, const std::string& dev_dir, const std::string& out_path,
                     int epochs, std::ostream& out, std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<const syntax::Model*> syntax = syntax::EmbeddedModel();
  if (!syntax.ok()) {
    err << "verbatim: the embedded syntax model: " << syntax.status().message() << "\n";
    return kNothingProcessed;
  }
  // PolNeAR spans as the training API takes them; `articles` owns the documents.
  auto convert = [](const std::vector<eval::AnnotatedArticle>& articles) {
    std::vector<quotes::AnnotatedDocument> docs;
    for (const eval::AnnotatedArticle& a : articles) {
      quotes::AnnotatedDocument d;
      d.doc = &a.doc;
      for (const eval::Attribution& g : a.gold) {
        quotes::AnnotatedAttribution x;
        x.content = {g.content.begin, g.content.end};
        if (g.source) x.source = text::ByteRange{g.source->begin, g.source->end};
        if (g.cue) x.cue = text::ByteRange{g.cue->begin, g.cue->end};
        d.attributions.push_back(x);
      }
      docs.push_back(std::move(d));
    }
    return docs;
  };
  absl::StatusOr<std::vector<eval::AnnotatedArticle>> articles = eval::ReadPolnearSplit(polnear_dir, true);
  if (!articles.ok()) {
    err << "verbatim: " << articles.status().message() << "\n";
    return kNothingProcessed;
  }
  std::vector<eval::AnnotatedArticle> dev_articles;
  if (!dev_dir.empty()) {
    absl::StatusOr<std::vector<eval::AnnotatedArticle>> d = eval::ReadPolnearSplit(dev_dir, false);
    if (!d.ok()) {
      err << "verbatim: " << d.status().message() << "\n";
      return kNothingProcessed;
    }
    dev_articles = *std::move(d);
  }
  std::vector<quotes::AnnotatedDocument> train = convert(*articles), dev = convert(dev_articles);
  err << "train attribution: " << train.size() << " annotated articles for training, " << dev.size()
      << " for development figures\n";
  quotes::AttributionTrainOptions options;
  options.epochs = epochs;
  quotes::AttributionModel model = quotes::TrainAttributionModel(
      train, dev, **syntax, options, [&](const quotes::AttributionEpoch& e) {
        char line[320];
        std::snprintf(line, sizeof line,
                      "epoch %2d  dev: cue P %.3f R %.3f (%zu of %zu cues found)  content %.3f (%zu reachable)  "
                      "source %.3f (%zu reachable)\n",
                      e.epoch, e.cue_precision, e.cue_recall, e.cues_found, e.attributions, e.content_accuracy,
                      e.content_examples, e.source_accuracy, e.source_examples);
        err << line << std::flush;
      });
  std::string bytes = model.Serialize();
  std::ofstream file(out_path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file) {
    err << "verbatim: " << out_path << ": cannot write the model\n";
    return kNothingProcessed;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "wrote " << out_path << " (" << bytes.size() << " bytes, " << model.feature_count() << " features) in "
      << static_cast<int>(seconds) << " s\n";
  return kOk;
}

}  // namespace verbatim::cli
