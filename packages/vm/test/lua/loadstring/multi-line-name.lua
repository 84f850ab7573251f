print(pcall(loadstring("x()\ny()")))
print(pcall(loadstring("\nerror('on two')")))
