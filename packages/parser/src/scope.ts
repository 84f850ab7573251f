// Per-function scope bookkeeping, as lparser.c's FuncState/BlockCnt keep it,
// reduced to what the parser's compile-time checks need: active local
// variables (for the 200-locals limit and name resolution), upvalues (for the
// 60-upvalues limit), vararg-ness and the chain of blocks (for `break`).
//
// Invariants: `actvar[0..nactvar)` are the active locals, innermost last;
// entries from `nactvar` on are locals declared by the current statement but
// not yet active (new_localvar before adjustlocalvars).

/** LUAI_MAXVARS */
export const MAX_VARS = 200;
/** LUAI_MAXUPVALUES */
export const MAX_UPVALUES = 60;
/** LUAI_MAXCCALLS: also the limit on syntax nesting. */
export const MAX_C_CALLS = 200;

export interface BlockScope {
  prev: BlockScope | undefined;
  /** Active locals outside this block. */
  nactvar: number;
  isBreakable: boolean;
}

const enum VarKind { Global, Local, Upval }

export class FuncState {
  readonly prev: FuncState | undefined;
  /** luac's linedefined: 0 for the main function. */
  readonly lineDefined: number;
  isVararg: boolean;
  readonly actvar: string[] = [];
  nactvar = 0;
  /** Upvalues as (kind, index in the enclosing function) pairs, packed as kind * 65536 + index. */
  readonly upvalues: number[] = [];
  bl: BlockScope | undefined = undefined;

  constructor(prev: FuncState | undefined, lineDefined: number, isVararg: boolean) {
    this.prev = prev;
    this.lineDefined = lineDefined;
    this.isVararg = isVararg;
  }

  enterBlock(isBreakable: boolean): void {
    this.bl = { prev: this.bl, nactvar: this.nactvar, isBreakable };
  }

  leaveBlock(): void {
    const bl = this.bl;
    if (bl === undefined) return;
    this.bl = bl.prev;
    this.nactvar = bl.nactvar;
  }

  /** Whether some enclosing block of this function is a loop. */
  inLoop(): boolean {
    for (let bl = this.bl; bl !== undefined; bl = bl.prev) if (bl.isBreakable) return true;
    return false;
  }
}

/** Thrown by the helpers below when a limit is exceeded; the parser adds the position. */
export class LimitError {
  constructor(readonly message: string) {}
}

/** errorlimit's text. */
export function limitMessage(fs: FuncState, limit: number, what: string): string {
  return fs.lineDefined === 0
    ? `main function has more than ${limit} ${what}`
    : `function at line ${fs.lineDefined} has more than ${limit} ${what}`;
}

/** new_localvar: declares local number `n` of the current statement. */
export function newLocalVar(fs: FuncState, name: string, n: number): void {
  if (fs.nactvar + n + 1 > MAX_VARS) throw new LimitError(limitMessage(fs, MAX_VARS, 'local variables'));
  fs.actvar[fs.nactvar + n] = name;
}

export function adjustLocalVars(fs: FuncState, n: number): void {
  fs.nactvar += n;
}

/** singlevar: resolves a name, creating upvalues along the way as lparser does. */
export function resolveName(fs: FuncState, name: string): void {
  singleVarAux(fs, name);
}

/** Returns the kind packed with its index (kind * 65536 + index), or Global. */
function singleVarAux(fs: FuncState | undefined, name: string): number {
  if (fs === undefined) return VarKind.Global;
  const actvar = fs.actvar;
  for (let i = fs.nactvar - 1; i >= 0; i--) {
    if (actvar[i] === name) return VarKind.Local * 65536 + i;
  }
  const outer = singleVarAux(fs.prev, name);
  if (outer === VarKind.Global) return VarKind.Global;
  const ups = fs.upvalues;
  for (let i = 0; i < ups.length; i++) {
    if (ups[i] === outer) return VarKind.Upval * 65536 + i;
  }
  if (ups.length + 1 > MAX_UPVALUES) throw new LimitError(limitMessage(fs, MAX_UPVALUES, 'upvalues'));
  ups.push(outer);
  return VarKind.Upval * 65536 + ups.length - 1;
}
