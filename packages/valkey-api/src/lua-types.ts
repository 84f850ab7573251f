// lua_typename for any value, for the libraries' messages
// ("Cannot serialise function: type not supported").

import { LuaTable, LuaState, LuaUserdata, type LuaValue } from '@valua/vm';

export function luaTypeName(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      if (v instanceof LuaTable) return 'table';
      if (v instanceof LuaUserdata) return 'userdata';
      if (v instanceof LuaState) return 'thread';
      return 'function';
  }
}
