local obj = {}
function obj:get() return self.value end
function obj:set(v) self.value = v end
obj:set(obj:get())
local s = ("x"):rep(3)
local n = #obj:get()
return obj:get():upper()
