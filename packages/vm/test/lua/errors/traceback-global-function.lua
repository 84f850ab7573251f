function globalFn() error("from global") end
globalFn()
