-- wrk script for bench/votes.sh; its data comes first (VoteLoad.SetupAsync: tokens, statements, conversations,
-- documents, amendments, own_tokens, own_numbers).
-- args: mode (vote | vote400 | vote404 | cosign | cosign404 | cosignown), phase (w: the warm-up's conversations and
-- document, m: the measured runs').
-- Each thread has its half of the members and takes them in turn; member i's k-th pair of a phase is statement
-- (k + i) mod S of conversation k div S, so the votes in flight are on different statements, and each (member,
-- statement) pair is sent once until the phase's pairs run out (then they come round again: "again", which writes
-- nothing new). One vote in ten instead replaces the vote the same member gave a round earlier with another value.
-- Co-signs: member i's k-th is on amendment (k + i mod 16) mod A, so the members sign within a window of 16 amendments
-- that moves along: amendments fill up one after another and cross the ballot threshold while others are still open.
local counter = 0
local threads = 2
local window = 16
local all = {}
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(all, thread)
end
function init(args)
  mode = args[1] or "vote"
  phase = args[2] or "m"
  per = math.floor(#tokens / threads)
  convs = conversations[phase]
  doc = documents[phase]
  numbers = amendments[phase]
  statuses = {}
  sent = 0      -- requests made
  taken = 0     -- pairs taken in turn (first votes or signatures, and "again")
  replaced = 0  -- votes replacing an earlier one
  again = 0     -- pairs taken after the phase's pairs ran out
end
-- Member i's value on statement s: the first vote (shift 0) or its replacement (shift 1); VoteLoad.FirstVote/Replacement.
local function value(i, s, shift) return (i * 7 + s + shift) % 3 - 1 end
local function auth(token, json)
  local headers = {}
  headers["Authorization"] = "Bearer " .. token
  if json then headers["Content-Type"] = "application/json" end
  return headers
end
request = function()
  sent = sent + 1
  if mode == "cosignown" then
    -- An author co-signs their own amendment: read as a co-sign is, refused (400), nothing written.
    local k = (sent - 1) % #own_tokens + 1
    return wrk.format("PUT", "/api/platform/" .. doc .. "/amendments/" .. own_numbers[k] .. "/cosign", auth(own_tokens[k], false))
  end
  local j, shift = taken, 0
  if mode == "vote" and sent % 10 == 0 and taken >= per then
    j = taken - per
    shift = 1
    replaced = replaced + 1
  else
    taken = taken + 1
  end
  local i = (j % per) * threads + thread_id   -- the member, 0-based
  local round = math.floor(j / per)
  if mode == "cosign" or mode == "cosign404" then
    local a = #numbers
    if round >= a then again = again + 1 end
    local number = mode == "cosign404" and 999999 or numbers[(round % a + i % window) % a + 1]
    return wrk.format("PUT", "/api/platform/" .. doc .. "/amendments/" .. number .. "/cosign", auth(tokens[i + 1], false))
  end
  local total = statements * #convs
  if round >= total and shift == 0 then again = again + 1 end
  round = round % total
  local s = (round % statements + i) % statements
  local slug = mode == "vote404" and "vote-load-none" or convs[math.floor(round / statements) + 1]
  local number = mode == "vote400" and statements + 1000 or s
  return wrk.format("POST", "/api/conversations/" .. slug .. "/votes", auth(tokens[i + 1], true),
    '{"statement":' .. number .. ',"vote":' .. value(i, s, shift) .. '}')
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  local sums = { sent = 0, taken = 0, replaced = 0, again = 0 }
  for _, t in ipairs(all) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
    for k, _ in pairs(sums) do sums[k] = sums[k] + t:get(k) end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
  -- first: pairs sent for the first time in this phase (votes and signatures that must each leave one row once answered).
  io.write(string.format("sent %d\nfirst %d\nreplaced %d\nagain %d\n", sums.sent, sums.taken - sums.again, sums.replaced, sums.again))
end
