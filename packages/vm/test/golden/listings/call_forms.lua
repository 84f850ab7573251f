f
{1, 2}
f
"x"
x:m
{1}
x:m
[[s
t]]
f(
{3})
local a = f
{...}
