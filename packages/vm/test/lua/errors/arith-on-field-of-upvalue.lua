local state = { count = "many" }
local function inc() state.count = state.count + 1 end
inc()
