local M = {}
function M.run() error("from field") end
M.run()
