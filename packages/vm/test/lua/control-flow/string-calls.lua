local function id(x) return x end
print(id"str", id[[long]], type(id{1}))
