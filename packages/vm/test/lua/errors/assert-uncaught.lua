local value = nil
assert(value, "value must be set")
