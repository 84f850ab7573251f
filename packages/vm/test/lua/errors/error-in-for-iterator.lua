local function iter() error("iter failed") end
for x in iter do end
