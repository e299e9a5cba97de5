// Output formats of the command-line front end: the JSONL contracts (docs/FORMATS.md), CSV
// and human-readable tables. Pure functions that append to a string.
#ifndef VERBATIM_CLI_OUTPUT_H_
#define VERBATIM_CLI_OUTPUT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.h"
#include "quotes/quotation.h"

namespace verbatim::cli {

// One `articles` JSONL line (with trailing newline).
void AppendArticleJson(const ingest::Document& doc, std::string& out);

// The fields of one quotation as the `extract` contract defines them, without braces, so
// callers can add fields (`quotes` adds published and outlet).
void AppendQuotationFields(std::string_view doc, const quotes::Quotation& q, std::string& out);

// One `extract` JSONL line (with trailing newline).
void AppendQuotationJson(std::string_view doc, const quotes::Quotation& q, std::string& out);

// One CSV field, quoted when needed (RFC 4180).
void AppendCsvField(std::string_view value, std::string& out);

// A plain-text table: columns padded to their widest cell (capped at `max_width` code points,
// longer cells are cut with "…"). Control characters in cells are shown as spaces.
std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows, size_t max_width = 70);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_OUTPUT_H_
