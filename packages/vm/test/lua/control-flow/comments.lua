-- a comment
print(1) --[[ block
comment ]] print(2)
--[==[ another
]==] print(3)
