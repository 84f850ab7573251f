-- Closure creation and upvalue reads/writes.
local function make(n)
  local count = n
  return function(d) count = count + d; return count end
end
local total = 0
for i = 1, 300000 do
  local f = make(i)
  f(1); f(2)
  total = total + f(3) % 1000
end
local acc = 0
local function bump() acc = acc + 1 end
for i = 1, 3000000 do bump() end
print("checksum", total, acc)
