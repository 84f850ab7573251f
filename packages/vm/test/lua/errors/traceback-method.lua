local obj = {}
function obj:go() error("from method") end
obj:go()
