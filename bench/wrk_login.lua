-- wrk script for bench/load.sh: a password guesser.  POSTs a wrong password
-- to the admin login with a valid CSRF cookie and token (BENCH_CSRF_COOKIE,
-- BENCH_CSRF_TOKEN, fetched once by load.sh) and counts the answers: 200 is
-- a password checked and refused (the login form again), 429 a login
-- refused by the lockout without checking it.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  checked, locked, other, n = 0, 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF_COOKIE")
end

function request()
  n = n + 1
  local body = "csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF_TOKEN")
    .. "&username=editor&password=guess-" .. n .. "&next=/admin/"
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 200 then
    checked = checked + 1
  elseif status == 429 then
    locked = locked + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, l, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("checked")
    l = l + thread:get("locked")
    o = o + thread:get("other")
  end
  io.write(string.format("bench-checked %d\nbench-locked %d\nbench-other %d\n", c, l, o))
end
