-- wrk script for bench/rsvps.sh and bench/house-party.sh's data (tokens, events, slugs, af_token, af_cookie come first).
-- args: mode (member | member404 | guest | guestinvalid | guest404), a key prefix (no two runs share keys or guest
-- addresses), the first event to use (the warm-up uses the second half of the events, the measured runs the first).
local counter = 0
local threads = 2
local all = {}
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(all, thread)
end
function init(args)
  n = 0
  mode = args[1] or "member"
  prefix = args[2] or "k"
  first = tonumber(args[3] or "0")
  per = math.floor(#tokens / threads)
  statuses = {}
end
request = function()
  local i = n
  n = n + 1
  -- Each (member, event) pair is used once: the members of this thread in turn, then the next event.
  local e = (first + math.floor(i / per)) % #events + 1
  local key = prefix .. "-" .. thread_id .. "-" .. i
  local guests = i % 2
  if mode == "member" or mode == "member404" then
    local m = (i % per) * threads + thread_id + 1
    local id = mode == "member" and events[e] or "00000000-0000-0000-0000-000000000001"
    local headers = {}
    headers["Content-Type"] = "application/json"
    headers["Authorization"] = "Bearer " .. tokens[m]
    headers["Idempotency-Key"] = key
    return wrk.format("POST", "/api/events/" .. id .. "/rsvps", headers, '{"guests":' .. guests .. '}')
  end
  local name = mode == "guestinvalid" and "" or "Guest"
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = af_cookie
  local body = "Rsvp.Name=" .. name .. "&Rsvp.Email=" .. key .. "%40bench.invalid&Rsvp.Zip=&Rsvp.Guests=" .. guests
    .. "&Rsvp.Key=" .. key .. "&__RequestVerificationToken=" .. af_token
  local slug = mode == "guest404" and "rsvp-load-none" or slugs[e]
  return wrk.format("POST", "/events/" .. slug .. "?handler=Rsvp", headers, body)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  for _, t in ipairs(all) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
end
