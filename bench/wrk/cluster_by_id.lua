-- wrk script: GET /api/clusters/ID, rotating through a list of cluster ids.
-- Usage: wrk -t2 -c32 -d30s --latency -s bench/wrk/cluster_by_id.lua http://HOST:PORT -- IDS_FILE
-- IDS_FILE holds one cluster id per line. Each thread starts at its own offset in the list.
local counter = 0

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end

local paths = {}
local i = 0

function init(args)
  local file = args[1] or error("cluster_by_id.lua: give the ids file after --")
  for line in io.lines(file) do
    local id = line:match("^%s*(%d+)%s*$")
    if id then table.insert(paths, "/api/clusters/" .. id) end
  end
  if #paths == 0 then error("cluster_by_id.lua: no ids in " .. file) end
  i = ((thread_id or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
