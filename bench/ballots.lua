-- wrk script for bench/ballots.sh; its data comes first (BallotLoad.SetupAsync: ballots_path, tokens_file).
-- args: mode (cast | noop). Each thread takes its share of the delegates' tokens in turn, each once: a delegate casts
-- one ballot ("yes", one in three "no"). When a thread's share runs out it starts again from its first delegate, whose
-- ballot then replaces their first ("again": still a full write, a new board entry). noop: the same request with
-- choices "maybe", refused (400) after the same authentication, session check and motion read, nothing written.
local counter = 0
local threads = 2
local all = {}
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(all, thread)
end
function init(args)
  mode = args[1] or "cast"
  tokens = {}
  local i = 0
  for line in io.lines(tokens_file) do
    if i % threads == thread_id then table.insert(tokens, line) end
    i = i + 1
  end
  statuses = {}
  sent = 0
  again = 0
end
request = function()
  sent = sent + 1
  local k = (sent - 1) % #tokens + 1
  if sent > #tokens then again = again + 1 end
  local choice = (mode == "noop") and "maybe" or ((k % 3 == 0) and "no" or "yes")
  local headers = { ["Authorization"] = "Bearer " .. tokens[k], ["Content-Type"] = "application/json" }
  return wrk.format("POST", ballots_path, headers, '{"choices":"' .. choice .. '"}')
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  local sums = { sent = 0, again = 0 }
  for _, t in ipairs(all) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
    for k, _ in pairs(sums) do sums[k] = sums[k] + t:get(k) end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
  io.write(string.format("sent %d\nagain %d\n", sums.sent, sums.again))
end
