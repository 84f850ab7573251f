// Charging long-running library work to the VM's budget, so that a budget
// hook or interrupt() can stop a host function that loops for a long time
// (an exponential pattern, table.insert shifting 2^31 slots, sorting
// millions of values). lua5.1 would spin in C there; Valkey scripts must
// stay killable. Mirrors the interpreter's check (call.ts budgetExhausted).

import { LuaError, type LuaState } from '@valua/vm';

/** Library steps that cost one budget unit (a call or backward jump costs one). */
export const STEPS_PER_UNIT = 256;

/** Charges one budget unit; runs the hook or raises the interrupt when it runs out. */
export function chargeWork(L: LuaState): void {
  const g = L.g;
  if (--g.budget > 0) return;
  if (g.interrupted) {
    g.budget = 0;
    throw new LuaError(g.interruptValue);
  }
  g.budget = g.budgetInterval;
  // A hook returning true asks for a pause; a host function cannot pause, so
  // the request waits for the VM's next safe point (budget 1 reaches it soon).
  if (g.onBudget !== undefined && g.onBudget(L) === true) g.pauseRequested = true;
  if (g.pauseRequested) g.budget = 1;
}
