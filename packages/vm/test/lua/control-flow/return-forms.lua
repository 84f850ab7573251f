local function none() return end
local function many() return 1, 2, 3 end
local function paren() return (many()) end
print(none(), select("#", none()))
print(many())
print(paren())
