local key = KEYS[1]
local limit = tonumber(ARGV[1])
local current = redis.call('GET', key)
if current and tonumber(current) >= limit then
  return redis.error_reply('limit exceeded')
end
local n = redis.call('INCR', key)
if n == 1 then
  redis.call('EXPIRE', key, ARGV[2])
end
local result = {}
for i, k in ipairs(KEYS) do
  result[#result + 1] = redis.call('GET', k) or false
end
return {n, result, cjson.encode({ok = true})}
