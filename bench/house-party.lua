-- wrk script for bench/house-party.sh (its data — tokens, events, slugs, af_token, af_cookie — comes first).
-- Replays `total` RSVPs once: request i goes to event i % #events (so every event's RSVPs are spread over
-- the whole run), round r = i / #events; rounds r % 5 < 3 are members (member (7e + r) % #tokens: never twice
-- on one event), the rest guests through the page form, each with an address of its own; 0–2 guests each.
-- The threads share the list (thread t takes i = t, t + threads, …); once a thread's share is sent its
-- connections ask for a page that does not exist (404, left out of the counts) until wrk is stopped.
local counter = 0
local threads = 2
local all = {}
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(all, thread)
end
function init(args)
  total = tonumber(args[1])
  prefix = args[2] or "hp"
  donedir = args[3]
  -- wrk calls request() once on the first thread to check it, and sends nothing: that call takes no index.
  sent = thread_id == 0 and -1 or 0
  answered = 0
  share = math.floor((total - thread_id + threads - 1) / threads)
  statuses = {}
end
request = function()
  if sent < 0 then sent = 0; return wrk.format("GET", "/health/none") end
  if sent >= share then return wrk.format("GET", "/health/none") end
  local i = sent * threads + thread_id
  sent = sent + 1
  local e = i % #events + 1
  local r = math.floor(i / #events)
  local guests = (i * 7) % 3
  local key = prefix .. "-" .. i
  if r % 5 < 3 then
    local m = ((e - 1) * 7 + r) % #tokens + 1
    local headers = {}
    headers["Content-Type"] = "application/json"
    headers["Authorization"] = "Bearer " .. tokens[m]
    headers["Idempotency-Key"] = key
    return wrk.format("POST", "/api/events/" .. events[e] .. "/rsvps", headers, '{"guests":' .. guests .. '}')
  end
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = af_cookie
  local body = "Rsvp.Name=Guest&Rsvp.Email=" .. key .. "%40bench.invalid&Rsvp.Zip=&Rsvp.Guests=" .. guests
    .. "&Rsvp.Key=" .. key .. "&__RequestVerificationToken=" .. af_token
  return wrk.format("POST", "/events/" .. slugs[e] .. "?handler=Rsvp", headers, body)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 404 then
    answered = answered + 1
    -- wrk runs for its -d whatever the threads do: the script marks its share answered in a file, and
    -- house-party.sh stops wrk (SIGINT) once every thread has.
    if answered == share then
      local f = io.open(donedir .. "/" .. thread_id, "w")
      f:write("done\n")
      f:close()
    end
  end
end
done = function(summary, latency, requests)
  local sum = {}
  for _, t in ipairs(all) do
    for k, v in pairs(t:get("statuses")) do sum[k] = (sum[k] or 0) + v end
  end
  for k, v in pairs(sum) do io.write(string.format("status %d %d\n", k, v)) end
end
