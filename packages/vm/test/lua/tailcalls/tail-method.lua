local obj = { n = 0 }
function obj:step(k) if k == 0 then return self.n end self.n = self.n + 1; return self:step(k - 1) end
print(obj:step(30000))
