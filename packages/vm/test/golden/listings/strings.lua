local a = "hello"
local b = 'single'
local c = "esc\a\b\f\n\r\t\v\\\"'"
local d = "\0\1\127\128\255"
local e = [[long
string]]
local f = [==[with ]] inside]==]
local g = ""
local h = "a" .. "b" .. "c"
