local config = { db = {} }
local function get() return config.db.host.name end
get()
