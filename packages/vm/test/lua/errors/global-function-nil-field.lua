local M = {}
function M.run() return M.helper() end
M.run()
