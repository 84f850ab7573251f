while x
do
end
while y do
end
while z
do x() end
