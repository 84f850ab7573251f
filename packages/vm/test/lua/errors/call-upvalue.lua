local cb
local function go() cb() end
go()
