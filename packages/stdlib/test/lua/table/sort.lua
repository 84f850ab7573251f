local function show(t) local o = {} for i = 1, #t do o[#o + 1] = tostring(t[i]) end return table.concat(o, ",") end
local t = {5, 3, 8, 1, 9, 2, 7, 4, 6, 0}
table.sort(t) print(show(t))
table.sort(t, function(a, b) return a > b end) print(show(t))
local s = {"banana", "apple", "Cherry", "date", "", "apple2"}
table.sort(s) print(show(s))
local calls = {}
local u = {3, 1, 2, 5, 4, 3, 3, 9, 0, 1, 8}
table.sort(u, function(a, b) calls[#calls + 1] = a .. "<" .. b return a < b end)
print(show(u)) print(table.concat(calls, " "))
print(pcall(table.sort, {3, 1, "x"}))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort, {1, 2, 3}, function(a, b) return true end))
print(pcall(table.sort, {5, 4, 3, 2, 1, 0, 9, 8}, function(a, b) return true end))
print(pcall(table.sort, {1, 2}, 3))
print(pcall(table.sort))
print(pcall(table.sort, {3, 2, 1}, function(a, b) error("boom") end))
print(select("#", pcall(table.sort, {3, 2, 1}, function(a, b) error({}) end)), type(select(2, pcall(table.sort, {3, 2, 1}, function(a, b) error({}) end))))
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 101 end
table.sort(big) print(show(big))
table.sort(big, function(a, b) return a % 10 < b % 10 end) print(big[1] % 10, big[200] % 10)
local mt = {__lt = function(a, b) return a.v < b.v end}
local objs = {}
for i, v in ipairs{4, 2, 5, 1} do objs[i] = setmetatable({v = v}, mt) end
table.sort(objs) for i = 1, 4 do io.write(objs[i].v, " ") end print()
local e = {} table.sort(e) print(#e)
local one = {1} table.sort(one, function() error("never") end) print(one[1])
local n = {3, 1, 2} table.sort(n, nil) print(show(n))
print(pcall(table.sort, {3, nil, 1}))
local h = {5, 2, 8, x = 1, y = 2}
table.sort(h) print(h[1], h[2], h[3], h.x, h.y)
print(pcall(table.sort, {1, 2, 3, 4}, function(a, b) if a == 3 then error("cmp " .. a) end return a < b end))
local bad = setmetatable({}, {__lt = function() error("lt failed") end})
print(pcall(table.sort, {bad, bad, bad}))
local strs = {"b", "a", "B", "A", "\255", "\0", "aa", ""}
table.sort(strs) for i = 1, #strs do io.write(string.format("%q ", strs[i])) end print()
local mixed = {3, 1.5, -2, 1e100, -1/0, 1/0, 0}
table.sort(mixed) print(table.concat(mixed, " "))
