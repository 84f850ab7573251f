function v0(...) end
function v1(...) return ... end
function v2(...) local a = ... end
function v3(a, ...) return arg end
function v4(...) local t = {...} return #t end
function v5(...) return select("#", ...), ... end
function v6(...) return function(...) return ... end end
function v7(...) local a, b = ..., 1 return a, b end
function v8(...) f(..., ...) end
function v9(...) return (...), ... end
