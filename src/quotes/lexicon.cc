#include "quotes/lexicon.h"

namespace verbatim::quotes {
namespace {

struct LearnedCue {
  std::string_view word;
  double precision;
};

// The long tail of reporting cues, learned from PolNeAR train by scripts/train_cues.py.
constexpr LearnedCue kLearnedCues[] = {
#include "quotes/learned_cues.inc"
};

}  // namespace

const Lexicon& Lexicon::Default() {
  static const Lexicon* lexicon = new Lexicon();
  return *lexicon;
}

void Lexicon::Add(std::initializer_list<std::string_view> words, uint32_t classes) {
  for (std::string_view w : words) words_[w] |= classes;
}

Lexicon::Lexicon() {
  for (const LearnedCue& c : kLearnedCues) {
    words_[c.word] |= kLearnedCue;
    cue_precision_[c.word] = c.precision;
  }
  // Reporting cues, in the inflections news copy uses. Present-tense bare forms ("say",
  // "confirm") are left out: "officials confirm the impression" is not attribution.
  Add({"said", "says", "told", "tells", "added", "adds", "stated", "states", "emphasised",
       "emphasized", "emphasises", "emphasizes", "stressed", "stresses", "reiterated",
       "reiterates", "noted", "notes", "explained", "explains", "declared", "declares",
       "affirmed", "affirms", "assured", "assures", "insisted", "insists", "argued", "argues",
       "claimed", "claims", "warned", "warns", "asked", "asks", "answered", "replied",
       "replies", "responded", "responds", "continued", "continues", "wrote", "writes",
       "announced", "announces", "acknowledged", "acknowledges", "admitted", "admits",
       "suggested", "suggests", "commented", "comments", "remarked", "observed", "recalled",
       "recalls", "predicted", "predicts", "concluded", "conceded", "concedes", "confirmed",
       "confirms", "denied", "denies", "urged", "urges", "tweeted", "posted", "complained",
       "complains", "boasted", "joked", "jokes", "cautioned", "pledged", "promised", "promises",
       "vowed", "vows", "maintained", "maintains", "contended", "contends", "countered",
       "counters", "conceded", "quipped", "shouted", "yelled", "whispered", "testified",
       "agreed", "agrees", "disagreed", "according", "praised", "praises", "criticised",
       "criticized", "questioned", "questions", "welcomed", "welcomes", "called", "calls",
       "described", "describes", "mused", "sighed", "exclaimed", "proclaimed", "recounted",
       "reported", "reports", "announced", "hinted", "indicated", "indicates", "signalled",
       "signaled", "estimated", "estimates", "forecast", "believes", "believed", "thinks",
       "thought", "feels", "felt", "hopes", "hoped", "expects", "expected", "fears", "feared",
       "stressing", "declaring", "accused", "accuses", "blamed", "blames", "condemned",
       "say", "think", "believe", "argue", "suggest", "show", "shows", "showed", "found",
       "finds", "expect", "hope", "fear", "insist", "warn", "predict", "acknowledge",
       "call", "cited", "cites", "chanted", "blasted", "slammed", "touted", "labeled",
       "labelled", "branded", "mocked", "lamented", "decried", "hailed", "pledges", "referred",
       "tweets", "posts", "quoted", "lauded", "derided", "ridiculed", "characterized",
       "characterised", "deemed", "termed",
       "condemns", "defended", "defends", "dismissed", "dismisses", "rejected", "rejects"},
      kCue);
  Add({"saying", "adding", "telling", "noting", "explaining", "insisting", "arguing",
       "warning", "stressing", "emphasising", "emphasizing", "declaring", "asking",
       "claiming", "writing", "urging", "acknowledging", "admitting", "suggesting",
       "replying", "responding", "recalling", "reiterating", "affirming", "assuring", "calling",
       "citing", "chanting", "referring", "describing", "tweeting", "accusing", "blaming",
       "praising", "criticizing", "criticising", "dismissing", "labeling", "labelling",
       "branding", "touting", "promising", "pledging", "vowing", "predicting", "questioning",
       "defending", "denying", "conceding"},
      kCue | kCueParticiple);

  // Titles and roles that stand before a person's name ("NATO Secretary General Mark Rutte",
  // "Kremlin spokesman Dmitry Peskov", "Mr Prescott").
  Add({"president", "vice", "prime", "minister", "secretary", "general", "chancellor",
       "senator", "sen", "sen.", "rep", "rep.", "representative", "congressman",
       "congresswoman", "governor", "gov", "gov.", "mayor", "mr", "mr.", "mrs", "mrs.", "ms",
       "ms.", "miss", "dr", "dr.", "prof", "prof.", "professor", "sir", "dame", "lord", "lady",
       "king", "queen", "prince", "princess", "pope", "sheikh", "ambassador", "commissioner",
       "chief", "executive", "officer", "chairman", "chairwoman", "chair", "director", "ceo",
       "cfo", "coo", "judge", "justice", "spokesman", "spokeswoman", "spokesperson",
       "adviser", "advisor", "deputy", "foreign", "defense", "defence", "security", "national",
       "state", "treasury", "finance", "interior", "trade", "economy", "health", "education",
       "energy", "home", "justice", "labour", "labor", "agriculture", "transport", "attorney",
       "speaker", "leader", "candidate", "nominee", "presidential", "general", "gen", "gen.",
       "col", "col.", "lt", "lt.", "capt", "capt.", "sgt", "sgt.", "admiral", "adm",
       "colonel", "lieutenant", "captain", "sergeant", "commander", "envoy", "head", "founder",
       "co-founder", "economist", "analyst", "strategist", "premier", "rev", "rev.",
       "reverend", "father", "bishop", "archbishop", "cardinal", "rabbi", "imam", "coach",
       "manager", "owner", "partner", "author", "lawyer", "prosecutor", "inspector",
       "superintendent", "detective", "constable", "officer", "senior", "former", "acting",
       "incoming", "outgoing", "then-president", "managing", "editor", "correspondent",
       "reporter", "anchor", "host", "ex-president", "mp", "mep", "first", "lady", "crown",
       "supreme", "grand", "high", "representative", "ombudsman", "auditor", "registrar",
       "union", "party", "opposition", "government", "cabinet", "assistant", "associate",
       "undersecretary", "under-secretary", "secretary-general", "director-general"},
      kTitle);

  // Heads of role mentions ("the NATO chief said", "a spokesman said", "officials said").
  Add({"chief", "president", "minister", "secretary", "spokesman", "spokeswoman",
       "spokesperson", "official", "officials", "leader", "leaders", "chairman", "chairwoman",
       "ceo", "director", "governor", "mayor", "senator", "ambassador", "head", "boss",
       "commander", "general", "envoy", "adviser", "advisor", "advisers", "analyst",
       "analysts", "lawyer", "lawyers", "attorney", "prosecutor", "prosecutors", "judge",
       "candidate", "nominee", "economist", "economists", "expert", "experts", "source",
       "sources", "aide", "aides", "executive", "executives", "manager", "founder", "premier",
       "chancellor", "king", "queen", "diplomat", "diplomats", "officer", "officers",
       "representative", "representatives", "negotiator", "negotiators", "worker", "workers",
       "resident", "residents", "witness", "witnesses", "observer", "observers", "member",
       "members", "campaigner", "activist", "activists", "researcher", "researchers",
       "scientist", "scientists", "doctor", "doctors", "teacher", "student", "voter",
       "voters", "owner", "trader", "traders", "dealer", "dealers", "banker", "bankers",
       "strategist", "strategists", "insider", "insiders", "commissioner", "speaker",
       "secretary-general", "director-general", "lawmaker", "lawmakers", "legislator",
       "legislators", "congressman", "congresswoman", "mp", "mps", "broker", "brokers",
       "chair", "coach", "inspector", "detective", "captain", "colonel", "pilot", "engineer",
       "engineers", "organiser", "organizer", "organisers", "organizers", "victim", "man",
       "woman", "people", "person"},
      kRoleNoun);
  Add({"company", "firm", "group", "government", "ministry", "agency", "bank", "department",
       "party", "union", "council", "committee", "commission", "campaign", "office",
       "administration", "authority", "authorities", "board", "court", "police", "military",
       "army", "alliance", "organisation", "organization", "institute", "foundation",
       "association", "club", "team", "kremlin", "pentagon", "statement", "report", "study",
       "survey", "poll", "newspaper", "network", "corporation", "embassy", "cabinet",
       "regulator", "exchange", "parliament", "senate", "congress", "white", "house",
       "prosecutor's", "spokesman's", "center", "centre", "airline", "carrier", "producer",
       "maker", "manufacturer", "utility", "operator", "consortium", "federation", "league",
       "movement", "coalition", "bureau", "service", "fund", "unit", "division",
       // documents that speak: "the suit says", "the report found"
       "suit", "lawsuit", "letter", "memo", "complaint", "filing", "document", "ad", "video",
       "book", "article", "editorial", "tweet", "release", "indictment", "ruling", "analysis",
       "data", "figures", "polls", "surveys", "studies", "reports", "records", "website",
       "spokesperson's"},
      kOrgNoun);
  Add({"he", "she", "they", "it", "i", "we", "you"}, kPronoun);
  Add({"verdict", "warning", "words", "remark", "remarks", "comment", "comments", "claim",
       "assertion", "statement", "description", "assessment", "message", "promise", "pledge",
       "argument", "insistence", "admission", "accusation", "prediction", "phrase", "quip",
       "vow", "plea", "complaint", "testimony"},
      kNounCue);
  Add({"the", "a", "an", "one", "another", "its", "his", "her", "their", "our", "my", "this",
       "that", "these", "those", "some", "two", "three", "several", "many", "other", "both"},
      kDeterminer);
  Add({"a", "an", "one", "another", "some", "two", "three", "several", "many", "other",
       "both"},
      kIndefinite);

  // Words that are capitalised at a sentence start but never begin a name.
  Add({"the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "if", "when", "while",
       "after", "before", "despite", "asked", "his", "her", "their", "its", "this", "that",
       "these", "those", "it", "he", "she", "we", "they", "i", "also", "however", "meanwhile",
       "earlier", "later", "then", "there", "here", "as", "by", "from", "with", "without",
       "to", "of", "so", "yet", "since", "because", "although", "though", "until", "unless",
       "what", "who", "whom", "whose", "which", "where", "why", "how", "all", "some", "many",
       "most", "more", "no", "not", "our", "my", "your", "us", "you", "me", "him", "them",
       "one", "two", "three", "now", "today", "yesterday", "tomorrow", "tonight", "last",
       "next", "this", "every", "each", "any", "both", "either", "neither", "such", "other",
       "another", "under", "over", "about", "into", "through", "during", "against", "among",
       "between", "within", "upon", "toward", "towards", "across", "behind", "beyond",
       "above", "below", "around", "near", "off", "out", "up", "down", "even", "still",
       "just", "only", "already", "again", "once", "instead", "indeed", "perhaps", "maybe",
       "thus", "therefore", "otherwise", "nevertheless", "nonetheless", "moreover",
       "furthermore", "additionally", "finally", "first", "second", "third", "notably",
       "according", "following", "speaking", "asked", "told", "said", "says", "mr", "mrs",
       "ms", "dr", "is", "are", "was", "were", "be", "been", "has", "have", "had", "do",
       "does", "did", "will", "would", "can", "could", "should", "must", "may", "might",
       "shall", "let", "like", "unlike", "whether", "than", "very", "too", "well", "much",
       "few", "less", "least", "own", "same", "new", "old", "yes", "oh", "ok", "okay",
       "please", "thank", "thanks", "dear", "hello", "sources", "officials", "analysts",
       "experts", "critics", "supporters", "reporters", "people", "residents", "amid", "among",
       "via", "per", "regarding", "including", "following", "given", "unlike", "inside", "outside",
       "except", "besides", "beside", "whatever", "whenever", "wherever", "whoever", "nor"},
      kFunction);
  Add({"also", "later", "then", "again", "further", "repeatedly", "previously", "reportedly",
       "recently", "once", "just", "has", "had", "have", "was", "is", "will", "would", "had",
       "quickly", "simply", "earlier", "separately", "privately", "publicly", "flatly",
       "firmly", "angrily", "bluntly", "frankly", "openly", "famously", "told", "often",
       "had", "never", "always", "still", "subsequently", "initially", "finally",
       "afterward", "afterwards", "today", "yesterday", "monday", "tuesday", "wednesday",
       "thursday", "friday", "saturday", "sunday", "on", "last", "week", "night", "has",
       "not", "did", "does", "do", "may", "might", "could", "can", "should", "once",
       "himself", "herself", "themselves", "itself"},
      kSkippable);
  Add({"is", "are", "was", "were", "be", "been", "being", "am", "isn't", "aren't", "wasn't",
       "weren't", "has", "have", "had", "hasn't", "haven't", "hadn't", "will", "would", "won't",
       "wouldn't", "can", "can't", "cannot", "could", "couldn't", "should", "shouldn't",
       "must", "mustn't", "may", "might", "shall", "do", "does", "did", "don't", "doesn't",
       "didn't", "i'm", "i've", "i'll", "i'd", "we're", "we've", "we'll", "you're", "they're",
       "it's", "he's", "she's", "that's", "there's", "let's", "i", "we", "you", "my", "our",
       "me", "us", "want", "wants", "need", "needs", "think", "know", "believe", "see",
       "get", "go", "going", "make", "take", "takes", "give", "come", "look", "seem",
       "seems", "feel", "keep", "let", "put", "say", "tell", "said", "says", "told", "hope",
       "stop", "win", "lose", "try", "trying", "work", "working", "happen", "happened"},
      kVerbish);
  Add({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
       "january", "february", "march", "april", "june", "july", "august", "september",
       "october", "november", "december", "jan", "jan.", "feb", "feb.", "mar.", "apr",
       "apr.", "jun.", "jul.", "aug", "aug.", "sept", "sept.", "sep.", "oct", "oct.", "nov",
       "nov.", "dec", "dec.", "christmas", "easter"},
      kCalendar);
  Add({"de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "bin", "bint",
       "ibn", "al", "el", "le", "la", "ter", "ten", "dos", "das", "y", "abu"},
      kParticle);
  Add({"inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd",
       "ltd.", "llc", "plc", "group", "bank", "ministry", "agency", "party", "council",
       "commission", "association", "union", "committee", "department", "authority",
       "office", "institute", "foundation", "fund", "reserve", "board", "court", "police",
       "army", "airlines", "motors", "times", "news", "post", "press", "organization",
       "organisation", "federation", "service", "trust", "bureau", "administration",
       "government", "parliament", "congress", "senate", "house", "kremlin", "pentagon",
       "university", "college", "school", "hospital", "church", "network", "channel",
       "journal", "herald", "tribune", "gazette", "agency", "centre", "center", "club",
       "league", "cup", "alliance", "coalition", "movement", "front", "forces", "command",
       "exchange", "securities", "holdings", "industries", "international", "partners",
       "capital", "investments", "reuters", "bloomberg", "cnn", "bbc", "fbi", "cia", "nato",
       "eu", "un", "opec", "imf", "who", "wto", "ecb", "fed"},
      kOrgSuffix);
  Add({"russian", "american", "british", "french", "german", "ukrainian", "chinese",
       "israeli", "palestinian", "iranian", "turkish", "us", "u.s.", "uk", "u.k.", "eu",
       "un", "u.n.", "european", "indian", "japanese", "canadian", "mexican", "italian",
       "spanish", "polish", "dutch", "swedish", "syrian", "iraqi", "afghan", "pakistani",
       "saudi", "egyptian", "korean", "north", "south", "western", "eastern", "federal",
       "republican", "democratic", "democrat", "conservative", "liberal", "labour", "tory",
       "nato", "kremlin", "white", "house", "pentagon", "ukraine's", "russia's",
       "america's", "britain's", "china's", "former", "new", "then", "top", "senior",
       "veteran", "longtime"},
      kGeoAdjective);
}

}  // namespace verbatim::quotes
