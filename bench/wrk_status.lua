-- wrk script for bench/load.sh: counts responses outside 2xx (wrk itself only
-- reports those outside 2xx/3xx) and prints them with the latency percentiles.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  responses = 0
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad, total = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    total = total + thread:get("responses")
  end
  io.write(string.format("bench-responses %d\n", total))
  io.write(string.format("bench-non2xx %d\n", bad))
  io.write(string.format("bench-socket-errors %d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("bench-seconds %.3f\n", summary.duration / 1e6))
  io.write(string.format("bench-p50-ms %.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("bench-p90-ms %.1f\n", latency:percentile(90) / 1000))
  io.write(string.format("bench-p99-ms %.1f\n", latency:percentile(99) / 1000))
end
