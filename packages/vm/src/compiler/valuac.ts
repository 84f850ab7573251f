// `valuac`: luac5.1's command line (luac.c) over our compiler, without Node
// imports (bin/valuac supplies the file system and streams).
//
// Same options, option-parsing quirks, messages and exit codes as luac5.1:
// `-l` lists (twice: full), `-p` parses only, `-` reads stdin, `--` ends the
// options, `-v` prints the version (and exits when it is the only argument),
// several files are combined under a main function `=(luac)` as luac does
// (so the written chunk is luac's byte for byte), and with `-l`/`-p` but no
// file luac reads `luac.out`. Input files may be binary chunks (undumped,
// with lua5.1's errors). Output is dumpProto's (or io.dump's) chunk, written
// through io.writeFile; an embedder without writeFile can still write to
// stdout (`-o -`), and otherwise valuac lists what was asked and then
// reports that writing is unsupported (exit 1).

import { parse } from '@valua/parser';
import { Op, encodeABC, encodeABx } from '../opcodes.js';
import { Proto } from '../proto.js';
import { listing } from '../disasm.js';
import { compile } from './compile.js';
import { dumpProto } from '../dump.js';
import { undumpProto, SIGNATURE } from '../undump.js';

export interface ValuacIo {
  /** The file's bytes as a byte string; `-` is never passed (see readStdin).
   *  Throws an Error whose message is the C strerror text ("No such file or
   *  directory"); set `op` on it to 'read' for failures after opening. */
  readFile(path: string): string;
  readStdin(): string;
  stdout(s: string): void;
  stderr(s: string): void;
  /** luaU_dump: the binary chunk of `proto` (stripped of debug info when
   *  `strip`), as a byte string; default dumpProto. */
  dump?: (proto: Proto, strip: boolean) => string;
  /** Writes a byte string to a file; throws like readFile. */
  writeFile?: (path: string, data: string) => void;
}

const PROGNAME = 'valuac';
/** luac.c's PROGNAME, which names the combined main function inside the chunk. */
const COMBINED_NAME = '=(luac)';

/** C's strerror text for the errno names Node reports, for ValuacIo.readFile. */
export const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  EACCES: 'Permission denied',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  EIO: 'Input/output error',
};
const OUTPUT = 'luac.out';
const VERSION_LINE = 'Valua 0.1.0  Lua 5.1 in TypeScript, after Lua 5.1.5 Copyright (C) 1994-2012 Lua.org, PUC-Rio';

class Exit {
  constructor(readonly code: number) {}
}

function usageText(progname: string): string {
  return `usage: ${progname} [options] [filenames].\n` +
    'Available options are:\n' +
    '  -        process stdin\n' +
    '  -l       list\n' +
    `  -o name  output to file 'name' (default is "${OUTPUT}")\n` +
    '  -p       parse only\n' +
    '  -s       strip debug information\n' +
    '  -v       show version information\n' +
    '  --       stop handling options\n';
}

/** Runs valuac with `argv` (argv[0] is the program name); returns the exit code. */
export function valuacMain(argv: readonly string[], io: ValuacIo): number {
  const progname = argv[0] !== undefined && argv[0] !== '' ? argv[0] : PROGNAME;
  const fatal = (msg: string): never => {
    io.stderr(`${progname}: ${msg}\n`);
    throw new Exit(1);
  };
  const usage = (msg: string): never => {
    if (msg.startsWith('-')) io.stderr(`${progname}: unrecognized option '${msg}'\n`);
    else io.stderr(`${progname}: ${msg}\n`);
    io.stderr(usageText(progname));
    throw new Exit(1);
  };
  try {
    // doargs
    let listingLevel = 0;
    let dumping = true;
    let version = 0;
    let output: string | null = OUTPUT;
    let stripping = false;
    const args = argv.slice();
    let i: number;
    for (i = 1; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith('-')) break; // end of options; keep it
      else if (a === '--') { // end of options; skip it
        ++i;
        if (version) ++version;
        break;
      } else if (a === '-') break; // end of options; use stdin
      else if (a === '-l') ++listingLevel;
      else if (a === '-o') {
        const o = args[++i];
        if (o === undefined || o === '') usage("'-o' needs argument");
        output = o === '-' ? null : o!;
      } else if (a === '-p') dumping = false;
      else if (a === '-s') stripping = true;
      else if (a === '-v') ++version;
      else usage(a);
    }
    if (i === args.length && (listingLevel > 0 || !dumping)) {
      dumping = false;
      args[--i] = OUTPUT;
    }
    if (version) {
      io.stdout(`${VERSION_LINE}\n`);
      if (version === args.length - 1) return 0;
    }
    const files = args.slice(i);
    if (files.length <= 0) usage('no input files given');

    // pmain
    const protos: Proto[] = [];
    for (const name of files) {
      let source: string;
      let chunkName: string;
      if (name === '-') {
        source = io.readStdin();
        chunkName = '=stdin';
      } else {
        try {
          source = io.readFile(name);
        } catch (e) {
          const op = (e as { op?: string }).op ?? 'open';
          fatal(`cannot ${op} ${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
        chunkName = '@' + name;
      }
      source = source!;
      // luaL_loadfile skips a first line starting with '#' but keeps its newline
      if (source.startsWith('#')) {
        const nl = source.indexOf('\n');
        source = nl < 0 ? '' : source.slice(nl);
        // a binary file: everything up to its signature byte goes
        if (name !== '-' && source.charAt(1) === SIGNATURE[0]) source = source.slice(1);
      }
      try {
        if (source.charAt(0) === SIGNATURE[0]) protos.push(undumpProto(source, chunkName));
        else protos.push(compile(parse(source, chunkName)));
      } catch (e) {
        fatal(e instanceof Error ? e.message : String(e));
      }
    }
    const f = combine(protos);
    if (listingLevel > 0) io.stdout(listing(f, { full: listingLevel > 1 }));
    if (dumping) {
      if (output !== null && io.writeFile === undefined) {
        fatal(`cannot write ${output}: binary chunks are not supported (use -p)`);
      }
      const bytes = (io.dump ?? dumpProto)(f, stripping);
      if (output === null) {
        io.stdout(bytes);
      } else {
        try {
          io.writeFile!(output, bytes);
        } catch (e) {
          // luac.c's cannot("open"): fopen is where a bad path fails
          fatal(`cannot open ${output}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    io.stderr(`${progname}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** luac.c's combine: several chunks become one main that calls each in turn. */
function combine(protos: Proto[]): Proto {
  if (protos.length === 1) return protos[0]!;
  const f = new Proto(COMBINED_NAME);
  f.maxStackSize = 1;
  const code: number[] = [];
  protos.forEach((p, i) => {
    code.push(encodeABx(Op.CLOSURE, 0, i));
    code.push(encodeABC(Op.CALL, 0, 1, 1));
  });
  code.push(encodeABC(Op.RETURN, 0, 1, 0));
  f.code = Int32Array.from(code);
  f.lineinfo = new Int32Array(0); // none, as luac: listed as [-], dumped with size 0
  f.p = protos;
  return f;
}
