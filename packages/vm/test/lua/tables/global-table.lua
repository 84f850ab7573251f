x = 5
print(_G.x, _G["x"], _G._G == _G)
_G.y = 7
print(y)
print(type(_G), _VERSION)
