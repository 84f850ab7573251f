local times = {0, 1, 86399, 951782400, 1700000000, 1700000000.9, -1, -86400 * 365 * 100, 2^31, 2^40, -2^40, 4102444800}
local fmts = {"%Y-%m-%d %H:%M:%S", "%a %A %b %B %c", "%d %e %j %U %W %V %G %g %u %w", "%D %F %x %X %r %R %T %p %I %l %k",
  "%y %C %s %z %h %n %t %%", "%E %O %Q %5 %", "plain", "", "%", "%%%", "a%\0b", "!%Y"}
for _, t in ipairs(times) do
  for _, f in ipairs(fmts) do
    print(t, os.date("!" .. f, t))
  end
  local d = os.date("!*t", t)
  print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
end
print(os.date("!%Y", 2^60), os.date("!*t", 2^60), os.date("!%c", 1e300))
print(type(os.date()), type(os.date("%c")), type(os.date("*t").year))
print(pcall(os.date, {}))
print(pcall(os.date, "%Y", "x"))
print(pcall(os.date, "%Y", {}))
print(os.date("!%H", "3600"))
local order = {}
for k, v in pairs(os.date("!*t", 86400 * 365)) do order[#order + 1] = k .. "=" .. tostring(v) end
print(table.concat(order, " "))
local keys = {}
for k in pairs(string) do keys[#keys + 1] = k end
print(table.concat(keys, " "))
keys = {}
for k in pairs(table) do keys[#keys + 1] = k end
print(table.concat(keys, " "))
keys = {}
for k in pairs(math) do keys[#keys + 1] = k end
print(table.concat(keys, " "))
keys = {}
for k in pairs(os) do keys[#keys + 1] = k end
print(table.concat(keys, " "))
keys = {}
for k in pairs(io) do keys[#keys + 1] = k end
print(table.concat(keys, " "))
