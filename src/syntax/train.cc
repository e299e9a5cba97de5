#include "syntax/train.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "syntax/conllu.h"
#include "syntax/model.h"
#include "syntax/str_cat.h"
#include "syntax/transition_system.h"

namespace verbatim::syntax {
namespace {

struct Corpus {
  std::vector<std::vector<std::string_view>> words;
  std::vector<std::vector<uint8_t>> tags;
};

absl::StatusOr<Corpus> WordsAndTags(const std::vector<ConlluSentence>& sentences, const std::filesystem::path& path) {
  Corpus c;
  for (const ConlluSentence& s : sentences) {
    c.words.emplace_back();
    c.tags.emplace_back();
    for (size_t i = 0; i < s.words.size(); ++i) {
      std::optional<Upos> t = ParseUpos(s.words[i].upos);
      if (!t) {
        return absl::InvalidArgumentError(
            Cat(path.string(), ":", s.line + static_cast<int>(i), ": '", s.words[i].upos, "' is not a UPOS tag"));
      }
      c.words.back().push_back(s.words[i].form);
      c.tags.back().push_back(static_cast<uint8_t>(*t));
    }
  }
  return c;
}

std::vector<TaggedSentence> Describe(const Lexicon& lex, const Corpus& c, const std::vector<size_t>& which) {
  std::vector<TaggedSentence> out(which.size());
  for (size_t i = 0; i < which.size(); ++i) {
    lex.Describe(c.words[which[i]], out[i].words);
    out[i].tags = c.tags[which[i]];
  }
  return out;
}

// Runs jobs 0..n-1 on `threads` threads; each job writes only its own result.
void RunJobs(int n, int threads, const std::function<void(int)>& job) {
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int j = next++; j < n; j = next++) job(j);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

absl::StatusOr<SyntaxTrainResult> TrainSyntaxModel(const std::filesystem::path& train_path,
                                                   const std::filesystem::path& dev_path,
                                                   const SyntaxTrainOptions& options, std::ostream& log) {
  const auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<ConlluSentence>> train = ReadConllu(train_path);
  if (!train.ok()) return train.status();
  absl::StatusOr<std::vector<ConlluSentence>> dev = ReadConllu(dev_path);
  if (!dev.ok()) return dev.status();
  absl::StatusOr<Corpus> train_c = WordsAndTags(*train, train_path);
  if (!train_c.ok()) return train_c.status();
  absl::StatusOr<Corpus> dev_c = WordsAndTags(*dev, dev_path);
  if (!dev_c.ok()) return dev_c.status();
  for (const ConlluSentence& s : *train) {
    for (const ConlluWord& w : s.words) {
      if (w.head < 0) return absl::InvalidArgumentError(Cat(train_path.string(), ":", s.line, ": a word has no HEAD"));
    }
  }

  // Labels: sorted training relations.
  std::map<std::string, int> label_id;
  for (const ConlluSentence& s : *train) {
    for (const ConlluWord& w : s.words) label_id[w.deprel] = 0;
  }
  std::vector<std::string> labels;
  for (auto& [name, id] : label_id) {
    id = static_cast<int>(labels.size());
    labels.push_back(name);
  }
  if (!label_id.count("root") || labels.size() > 255) {
    return absl::InvalidArgumentError(Cat(train_path.string(), ": needs a 'root' relation and at most 255 relations"));
  }
  const int num_labels = static_cast<int>(labels.size());
  std::vector<int> universal_of;
  {
    std::map<std::string, int> uni;
    for (const std::string& l : labels) {
      auto [it, _] = uni.emplace(std::string(UniversalRelation(l)), static_cast<int>(uni.size()));
      universal_of.push_back(it->second);
    }
    universal_of.push_back(-1);  // id num_labels: a dev relation unseen in training
  }
  log << "read " << train->size() << " training and " << dev->size() << " dev sentences, " << num_labels
      << " relations (" << Seconds(t0) << " s)\n";

  ClusterMap clusters;
  if (!options.cluster_corpus.empty()) {
    WordStreams streams;
    for (const std::filesystem::path& p : options.cluster_corpus) {
      if (absl::Status st = AppendJsonlWords(p, streams); !st.ok()) return st;
    }
    for (const ConlluSentence& s : *train) {
      streams.emplace_back();
      for (const ConlluWord& w : s.words) streams.back().push_back(w.form);
    }
    size_t n = 0;
    for (const auto& s : streams) n += s.size();
    log << "word clusters from " << n << " words of text\n";
    clusters = ClusterWords(streams, options.clusters, &log);
  }

  // Taggers: one per fold (jackknifing) and the final one.
  const int folds = std::max(2, options.folds);
  std::vector<size_t> all(train->size()), dev_all(dev->size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  for (size_t i = 0; i < dev_all.size(); ++i) dev_all[i] = i;
  std::vector<std::vector<uint8_t>> jack_tags(train->size());
  Lexicon full_lexicon;
  Tagger full_tagger;
  std::mutex log_mu;
  RunJobs(folds + 1, options.threads, [&](int job) {
    const bool final_job = job == folds;
    std::vector<size_t> in, out;
    for (size_t i = 0; i < all.size(); ++i) {
      const int fold = static_cast<int>(i * folds / all.size());
      (final_job || fold != job ? in : out).push_back(i);
    }
    std::vector<std::vector<std::string_view>> w;
    std::vector<std::vector<uint8_t>> t;
    for (size_t i : in) w.push_back(train_c->words[i]), t.push_back(train_c->tags[i]);
    Lexicon lex = Lexicon::Build(w, t, options.lexicon_min_count);
    lex.SetClusters(clusters);
    std::vector<TaggedSentence> tr = Describe(lex, *train_c, in);
    std::vector<TaggedSentence> dv = final_job ? Describe(lex, *dev_c, dev_all) : std::vector<TaggedSentence>{};
    Tagger tagger = TrainTagger(tr, dv, options.tagger, [&](int epoch, double acc) {
      if (!final_job) return;
      std::lock_guard<std::mutex> l(log_mu);
      char buf[128];
      std::snprintf(buf, sizeof buf, "tagger epoch %d: dev UPOS %.2f (%.0f s)\n", epoch, 100 * acc, Seconds(t0));
      log << buf << std::flush;
    });
    if (final_job) {
      full_lexicon = std::move(lex);
      full_tagger = std::move(tagger);
    } else {
      std::vector<TaggedSentence> held = Describe(lex, *train_c, out);
      for (size_t k = 0; k < out.size(); ++k) {
        jack_tags[out[k]].assign(held[k].words.size(), 0);
        tagger.Tag(held[k].words, jack_tags[out[k]]);
      }
      std::lock_guard<std::mutex> l(log_mu);
      log << "jackknife fold " << job + 1 << "/" << folds << " tagged (" << Seconds(t0) << " s)\n" << std::flush;
    }
  });
  size_t jack_right = 0, jack_total = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t k = 0; k < jack_tags[i].size(); ++k) jack_right += jack_tags[i][k] == train_c->tags[i][k];
    jack_total += jack_tags[i].size();
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "jackknifed training tags: UPOS %.2f\n", 100.0 * jack_right / std::max<size_t>(1, jack_total));
  log << buf;

  // Parser data.
  SyntaxTrainResult result;
  std::vector<TreebankSentence> ptrain(train->size()), pdev(dev->size());
  for (size_t i = 0; i < train->size(); ++i) {
    TreebankSentence& s = ptrain[i];
    full_lexicon.Describe(train_c->words[i], s.words);
    s.tags = jack_tags[i];
    for (const ConlluWord& w : (*train)[i].words) {
      s.heads.push_back(w.head);
      s.labels.push_back(static_cast<uint16_t>(label_id[w.deprel]));
    }
    const int lifts = Projectivize(s.heads);
    result.lifted_arcs += static_cast<size_t>(lifts);
    result.nonprojective_sentences += lifts > 0;
  }
  for (size_t i = 0; i < dev->size(); ++i) {
    TreebankSentence& s = pdev[i];
    full_lexicon.Describe(dev_c->words[i], s.words);
    s.tags.assign(s.words.size(), 0);
    full_tagger.Tag(s.words, s.tags);
    for (const ConlluWord& w : (*dev)[i].words) {
      s.heads.push_back(w.head);
      auto it = label_id.find(w.deprel);
      s.labels.push_back(static_cast<uint16_t>(it == label_id.end() ? num_labels : it->second));
    }
  }
  log << "projectivised " << result.nonprojective_sentences << " training sentences (" << result.lifted_arcs
      << " arcs lifted)\n";
  Parser parser = TrainParser(ptrain, pdev, num_labels, label_id["root"], universal_of, options.parser,
                              [&](int epoch, const AttachmentScores& a) {
                                std::snprintf(buf, sizeof buf,
                                              "parser epoch %d: dev UAS %.2f LAS %.2f (universal %.2f) (%.0f s)\n",
                                              epoch, a.uas, a.las, a.las_universal, Seconds(t0));
                                log << buf << std::flush;
                              });

  Model model(labels, std::move(full_lexicon), std::move(full_tagger), std::move(parser));
  result.model_bytes = model.Serialize();
  absl::StatusOr<Model> shipped = Model::FromBytes(result.model_bytes);
  if (!shipped.ok()) return shipped.status();
  result.dev = EvaluateUd(*shipped, *dev);
  log << "model: " << result.model_bytes.size() << " bytes, " << shipped->feature_count() << " features; dev "
      << FormatUdScores(result.dev) << " (" << Seconds(t0) << " s)\n";
  return result;
}

}  // namespace verbatim::syntax
