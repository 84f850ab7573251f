local function inner() local x = nil; return x.y end
local function middle() return inner() + 1 end
local function outer() middle() end
outer()
