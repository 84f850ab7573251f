-- string.format: every conversion with flags, width and precision
local nums = {0, -0.0 * 1, 1, -1, 3.7, -3.7, 0.5, 1.5, 2.5, 1e15, 1e16, 123456789012, 2^53, 2^63, -2^63, 2^64, 1e300, 5e-324,
  0.1, 1/3, 100, 255, 65, 1/0, -1/0}
local specs = {"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%i", "%u", "%o", "%#o", "%x", "%#x", "%X", "%#X", "%c",
  "%e", "%.0e", "%#.0e", "%.3E", "%12.4e", "%f", "%.0f", "%#.0f", "%.10f", "%-12.2f|", "%+.1f", "%g", "%.0g", "%#g", "%G",
  "%.14g", "%.17g", "%.3g", "%10.3g|", "%-10g|", "%010.2f", "% .3e", "%+g"}
for _, spec in ipairs(specs) do
  local out = {}
  for _, x in ipairs(nums) do out[#out + 1] = string.format(spec, x) end
  print(spec, table.concat(out, " "))
end
print(string.format("%s|%10s|%-10s|%.2s|%5.1s|", "hello", "hi", "hi", "hello", "xyz"))
print(string.format("%s %s %s", 1, 2.5, -0.0 * 1), string.format("%s", 1e100))
print(string.format("%q", "a\nb\r\0c\"d\\e\1\255"))
print(string.format("%q", 1/3), string.format("%q", 10))
print(string.format("%%"), string.format("a%%b%%"), string.format("no specs"))
print(string.format("%c%c%c", 76, 117, 97), #string.format("%c", 0), #string.format("%5c", 0), string.format("%c", 256 + 65))
print(#string.format("%s", "a\0b"), #string.format("%.5s", "a\0b"), #string.format("%s", string.rep("a\0", 60)))
print(string.format("%5s|%-5s|", "a\0b", "a\0b") == "    a|a    |")
print(string.format("%.20f", 0.1), string.format("%.30e", 1/3))
print(string.format("%.99f", 1e-5):sub(1, 40), #string.format("%99.99f", 1))
print(string.format("%d %d", "10", " 0x10 "), string.format("%x", "255"), string.format("%5.2f", "3.14159"))
print(string.format("%#.3g|%#.3g|%#g|%#.1g", 999.5, 99.95, 999999.5, 9.5))
print(string.format("%g %g %g %g %g", 1e-4, 1e-5, 123456, 1234567, 0.00001234))
print(string.format("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5), string.format("%.1f %.1f", 0.25, 0.35))
print(pcall(string.format, "%y", 1))
print(pcall(string.format, "%", 1))
print(pcall(string.format, "abc%"))
print(pcall(string.format, "%d"))
print(pcall(string.format, "%d", "x"))
print(pcall(string.format, "%s"))
print(pcall(string.format, "%s", nil))
print(pcall(string.format, "%s", {}))
print(pcall(string.format, "%q", nil))
print(pcall(string.format, "%------d", 1))
print(pcall(string.format, "%-----d|", 1))
print(pcall(string.format, "%100d", 1))
print(pcall(string.format, "%.100d", 1))
print(pcall(string.format, "%1.2.3d", 1))
print(pcall(string.format, "%ld", 1))
print(pcall(string.format, "%5", 1))
print(pcall(string.format))
print(pcall(string.format, 12, 1))
print(string.format("%s %s", true and "t" or "f", 12))
