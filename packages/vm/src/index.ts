// @valua/vm: the public surface.

// Compiling
export { compile, compileSource } from './compiler/index.js';
export { valuacMain, type ValuacIo } from './compiler/valuac.js';
export { listing, type ListingOptions } from './disasm.js';
export { Proto, type Constant, type LocVar } from './proto.js';
