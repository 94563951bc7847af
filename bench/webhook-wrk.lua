-- wrk script for bench/webhook-load.sh: POSTs pre-signed, distinct webhook events (file $WEBHOOK_BODIES, made by
-- WebhookLoadBench bodies), each connection pacing itself so that all together offer about $WEBHOOK_RATE per second.
dofile(os.getenv("WEBHOOK_BODIES"))
local rate = tonumber(os.getenv("WEBHOOK_RATE") or "1000")
local connections = tonumber(os.getenv("WEBHOOK_CONNECTIONS") or "50")
local threads = tonumber(os.getenv("WEBHOOK_THREADS") or "1")
local started = 0

function setup(thread)
  thread:set("offset", started)
  started = started + 1
end

function init(args)
  index = offset
end

function request()
  index = index + threads
  local i = (index % #bodies) + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["X-SD-WEBHOOK-CONTENT-HASH"] = signatures[i]}, bodies[i])
end

-- each connection waits this long after an answer: connections x 1000 / rate milliseconds, less ~8 ms for the answer itself (measured mean)
function delay()
  return math.max(0, math.floor(connections * 1000 / rate) - 8)
end
