-- Method calls resolved through __index (class-style objects).
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:add(o) self.x = self.x + o.x; self.y = self.y + o.y; return self end
function Point:norm1() return self.x + self.y end
local Point3 = setmetatable({}, { __index = Point })
Point3.__index = Point3
function Point3.new(x, y, z) local p = Point.new(x, y); p.z = z; return setmetatable(p, Point3) end
local p = Point3.new(0, 0, 0)
local q = Point.new(1, 2)
local s = 0
for i = 1, 2000000 do
  p:add(q)
  s = (s + p:norm1()) % 1000003
end
print("checksum", s, p.x, p.y)
