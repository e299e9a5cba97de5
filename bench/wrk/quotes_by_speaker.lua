-- wrk script: GET /api/quotes?speaker=NAME, rotating through a list of speaker names.
-- Usage: wrk -t2 -c32 -d30s --latency -s bench/wrk/quotes_by_speaker.lua http://HOST:PORT -- NAMES_FILE [EXTRA_QUERY]
-- NAMES_FILE holds one name per line (UTF-8, not encoded); the script URL-encodes it.
-- EXTRA_QUERY (optional) is appended as is, e.g. "&limit=50". Each thread starts at its own
-- offset in the list, so concurrent requests ask for different speakers.
local counter = 0

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
local i = 0

function init(args)
  local file = args[1] or error("quotes_by_speaker.lua: give the names file after --")
  local extra = args[2] or ""
  for line in io.lines(file) do
    if line ~= "" then
      table.insert(paths, "/api/quotes?speaker=" .. urlencode(line) .. extra)
    end
  end
  if #paths == 0 then error("quotes_by_speaker.lua: no names in " .. file) end
  i = ((thread_id or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
