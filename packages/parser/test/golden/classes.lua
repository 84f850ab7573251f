--[[
  Classes with metatables, inheritance and a few methods.
  Long comment with [brackets] and -- dashes inside.
]]
local Account = {}
Account.__index = Account

function Account.new(owner, balance)
  local self = setmetatable({}, Account)
  self.owner = owner
  self.balance = balance or 0
  self.history = {}
  return self
end

function Account:deposit(v)
  if v <= 0 then error("deposit must be positive", 2) end
  self.balance = self.balance + v
  self.history[#self.history + 1] = { kind = "deposit", amount = v }
end

function Account:withdraw(v)
  if v > self.balance then
    return nil, "insufficient funds"
  end
  self.balance = self.balance - v
  self.history[#self.history + 1] = { kind = "withdraw", amount = v; note = nil, }
  return self.balance
end

function Account:__tostring()
  return ("Account(%s, %d)"):format(self.owner, self.balance)
end

local Savings = setmetatable({}, { __index = Account })
Savings.__index = Savings
Savings.__tostring = Account.__tostring

function Savings.new(owner, balance, rate)
  local self = Account.new(owner, balance)
  self.rate = rate or 0.05
  return setmetatable(self, Savings)
end

function Savings:addInterest(years)
  years = years or 1
  for _ = 1, years do
    self.balance = self.balance * (1 + self.rate)
  end
  return self.balance
end

local Vector = {}
Vector.__index = Vector
Vector.__add = function(a, b) return Vector.new(a.x + b.x, a.y + b.y) end
Vector.__sub = function(a, b) return Vector.new(a.x - b.x, a.y - b.y) end
Vector.__mul = function(a, b)
  if type(a) == "number" then return Vector.new(a * b.x, a * b.y) end
  if type(b) == "number" then return Vector.new(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
Vector.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vector.__lt = function(a, b) return a:len() < b:len() end
Vector.__le = function(a, b) return not (b < a) end
Vector.__unm = function(a) return Vector.new(-a.x, -a.y) end
Vector.__len = function(a) return 2 end
Vector.__concat = function(a, b) return tostring(a) .. tostring(b) end

function Vector.new(x, y) return setmetatable({ x = x or 0, y = y or 0 }, Vector) end
function Vector:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end
function Vector:__tostring() return "(" .. self.x .. ", " .. self.y .. ")" end

local a = Account.new("ann", 100)
a:deposit(50)
print(a:withdraw(500))
print(tostring(a))
local s = Savings.new("bob", 1000, 0.1)
s:deposit(10)
print(s:addInterest(2), s.owner)
local v = Vector.new(3, 4) + Vector.new(1, 1) * 2
print(v, -v, v:len(), v == Vector.new(5, 6), #v, v .. v)
print(2 ^ -3, -2 ^ 2, not nil == true, 1 .. 2, "a" < "b", 7 % -3, -7 % 3)
print(1 + 2 * 3 - 4 / 5 ^ 2 ^ 0.5 .. "x" .. 10 <= 3 and 1 or 2)
