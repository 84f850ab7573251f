local function helper() error("from helper") end
local function run() helper() end
run()
