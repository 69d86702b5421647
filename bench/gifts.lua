-- wrk script for bench/gifts.sh; its data comes first (GiftLoad.SetupAsync: tokens_file, key_prefix).
-- args: mode (give | noop), run tag. Each thread takes its share of the donors' tokens in turn; every request is a new
-- $1 gift to the central fund under a key of its own (with employer and occupation: past $200 the law asks them).
-- noop: the same authenticated POST with "cents": 0, refused (400) after authentication, the session check, the
-- idempotency-key lookup and validation; nothing written.
local counter = 0
local threads = 2
local all = {}
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(all, thread)
end
function init(args)
  mode = args[1] or "give"
  run = args[2] or "r"
  tokens = {}
  local i = 0
  for line in io.lines(tokens_file) do
    if i % threads == thread_id then table.insert(tokens, line) end
    i = i + 1
  end
  statuses = {}
  sent = 0
end
request = function()
  sent = sent + 1
  local k = (sent - 1) % #tokens + 1
  local cents = (mode == "noop") and 0 or 100
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[k], ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key_prefix .. "-" .. run .. "-" .. thread_id .. "-" .. sent,
  }
  local body = '{"cents":' .. cents .. ',"card":"4242424242424242","name":"Load Donor","street":"1 Main St","city":"Philadelphia",' ..
    '"state":"PA","zip":"19107","employer":"Acme","occupation":"Welder"}'
  return wrk.format("POST", "/api/fund/gifts", headers, body)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  local sent_all = 0
  for _, t in ipairs(all) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
    sent_all = sent_all + t:get("sent")
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
  io.write(string.format("sent %d\n", sent_all))
end
