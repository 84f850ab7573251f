// cjson.null: in C a light userdata holding NULL. Every cjson instance
// (cjson.new() included) shares it, as all NULL light userdata are equal.

import { LuaUserdata } from '@valua/vm';

export const JSON_NULL = new LuaUserdata(null);
