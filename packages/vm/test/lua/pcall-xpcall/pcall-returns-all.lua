local function many() return nil, nil, 3 end
print(select("#", pcall(many)))
print(pcall(many))
