local Base = {}; Base.__index = Base
function Base:name() return "base" end
function Base:hello() return "hello from " .. self:name() end
local Derived = setmetatable({}, { __index = Base }); Derived.__index = Derived
function Derived:name() return "derived" end
local d = setmetatable({}, Derived)
local b = setmetatable({}, Base)
print(b:hello(), d:hello())
