-- A Valkey-style script: rate limiter and leaderboard helpers.
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) or 60
local now = redis.call('TIME')
local current = redis.call("INCR", key)
if current == 1 then
  redis.call("EXPIRE", key, window)
end
if current > limit then
  return redis.error_reply("rate limited: " .. current .. "/" .. limit)
end

local function top(n)
  local res = redis.call('ZREVRANGE', KEYS[2], 0, n - 1, 'WITHSCORES')
  local out = {}
  for i = 1, #res, 2 do
    out[#out + 1] = { member = res[i], score = tonumber(res[i + 1]) }
  end
  return out
end

local ok, err = pcall(function()
  return redis.pcall('GET', KEYS[3])
end)
if not ok then
  redis.log(redis.LOG_WARNING, "failed: " .. tostring(err))
end

local payload = cjson.encode({ count = current, top = top(3), ts = now[1] })
redis.call('SET', KEYS[3], payload, 'EX', window)
return { current, limit - current, payload }
