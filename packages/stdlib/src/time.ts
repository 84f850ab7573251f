// Calendar arithmetic behind os.date and os.time: gmtime/localtime,
// mktime's normalisation and glibc's strftime in the C locale. Proleptic
// Gregorian over the whole range glibc accepts (tm_year is a C int), with
// BigInt where seconds pass 2^53.
//
// Invariant: a Tm holds what C's struct tm holds (month 0-11, year - 1900 is
// kept as the full year here, yday 0-365, wday 0-6 with Sunday 0).

/** How local time differs from UTC; the host supplies it (the library has no Node imports). */
export interface TimeZone {
  /** Seconds east of UTC in effect at UTC instant `t` (seconds). */
  offset(t: number): number;
  /** Whether daylight saving time is in effect at `t`. */
  isDst(t: number): boolean;
  /** The zone abbreviation %Z prints for local time at `t`. */
  name(t: number): string;
}

/** Coordinated Universal Time, what lua5.1 uses when TZ is unset on a UTC host. */
export const utcZone: TimeZone = {
  offset: () => 0,
  isDst: () => false,
  name: () => 'UTC',
};

/**
 * The zone of the JS environment (Date's local time, which follows TZ in
 * Node). Best effort: Date reports whole minutes (no LMT seconds) and names
 * zones through Intl, which may spell "GMT-5" where glibc prints "EST".
 */
export const environmentZone: TimeZone = {
  offset(t) {
    return -new Date(clampMs(t)).getTimezoneOffset() * 60;
  },
  isDst(t) {
    const y = new Date(clampMs(t)).getFullYear();
    const jan = -new Date(y, 0, 1).getTimezoneOffset(), jul = -new Date(y, 6, 1).getTimezoneOffset();
    return jan !== jul && this.offset(t) === Math.max(jan, jul) * 60;
  },
  name(t) {
    const off = this.offset(t);
    if (off === 0) return 'UTC';
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(clampMs(t)));
      return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    } catch {
      return '';
    }
  },
};

function clampMs(t: number): number {
  const ms = t * 1000;
  return ms > 8.64e15 ? 8.64e15 : ms < -8.64e15 ? -8.64e15 : ms;
}

export interface Tm {
  sec: number; min: number; hour: number; mday: number; mon: number; year: number;
  wday: number; yday: number; isdst: boolean;
  /** Seconds east of UTC, for %z, and zone name, for %Z. */
  gmtoff: number; zone: string;
}

const INT_MAX = 2147483647, INT_MIN = -2147483648;

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (m 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (m > 2 ? m - 3 : m + 9) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/**
 * gmtime (zone undefined) or localtime of an integer time_t. Returns null
 * where glibc fails: when the year does not fit tm_year (a C int).
 */
export function breakDown(t: bigint, zone: TimeZone | undefined): Tm | null {
  let gmtoff = 0;
  if (zone) {
    gmtoff = zone.offset(Number(t));
    t += BigInt(gmtoff);
  }
  let days = t / 86400n;
  let secs = t % 86400n;
  if (secs < 0n) { secs += 86400n; days -= 1n; }
  const dn = Number(days);
  const [y, m, d] = civilFromDays(dn);
  if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) return null;
  const s = Number(secs);
  return {
    sec: s % 60, min: Math.floor(s / 60) % 60, hour: Math.floor(s / 3600),
    mday: d, mon: m - 1, year: y,
    wday: (((dn + 4) % 7) + 7) % 7,
    yday: dn - daysFromCivil(y, 1, 1),
    isdst: zone ? zone.isDst(Number(t) - gmtoff) : false,
    gmtoff, zone: zone ? zone.name(Number(t) - gmtoff) : 'GMT',
  };
}

/** The fields os.time reads, as C ints; isdst is -1 (unknown), 0 or 1. */
export interface TmFields {
  sec: number; min: number; hour: number; mday: number; mon: number; year: number; isdst: number;
}

/**
 * mktime: normalises out-of-range fields (month 14, day 35, hour -5) and
 * interprets them in local time. Returns null where C returns -1, which
 * includes the valid instant 1969-12-31 23:59:59 UTC, as lua5.1 shows:
 * `os.time{year=1969,month=12,day=31,hour=23,min=59,sec=59}` is nil.
 */
export function makeTime(f: TmFields, zone: TimeZone): number | null {
  const t = makeTimeExact(f, zone);
  return t === null ? null : Number(t);
}

/** makeTime as the exact time_t (strftime's %s prints it in full). */
export function makeTimeExact(f: TmFields, zone: TimeZone): bigint | null {
  const yearAdj = floorDiv(f.mon, 12);
  const mon = f.mon - yearAdj * 12;
  const year = f.year + yearAdj;
  const days = BigInt(daysFromCivil(year, mon + 1, 1)) + BigInt(f.mday - 1);
  const local = days * 86400n + BigInt(f.hour) * 3600n + BigInt(f.min) * 60n + BigInt(f.sec);
  // find the offset in effect at the resulting instant (two steps settle it)
  const guess = Number(local) - zone.offset(Number(local));
  let off = zone.offset(guess);
  let t = local - BigInt(off);
  off = zone.offset(Number(t));
  t = local - BigInt(off);
  // glibc: an isdst that disagrees with the zone shifts the result by an hour
  const actualDst = zone.isDst(Number(t));
  if (f.isdst > 0 && !actualDst) t -= 3600n;
  else if (f.isdst === 0 && actualDst) t += 3600n;
  if (t === -1n) return null;
  return t;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

function pad2(n: number, fill = '0'): string {
  return n < 10 && n >= 0 ? fill + n : String(n);
}

function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

// glibc's iso_week_days: days since the Monday of the ISO week containing
// yday's week 1 (negative when the date belongs to the previous ISO year).
function isoWeekDays(yday: number, wday: number): number {
  const big = (Math.floor(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + big) % 7) + 4 - 1;
}

function isoYearAndDays(tm: Tm): [number, number] {
  let year = tm.year;
  let days = isoWeekDays(tm.yday, tm.wday);
  if (days < 0) {
    year--;
    days = isoWeekDays(tm.yday + (365 + (isLeap(year) ? 1 : 0)), tm.wday);
  } else {
    const d = isoWeekDays(tm.yday - (365 + (isLeap(year) ? 1 : 0)), tm.wday);
    if (d >= 0) { year++; days = d; }
  }
  return [year, days];
}

/**
 * One strftime conversion `%c` in the C locale, as glibc prints it. `c` is a
 * single character: lua5.1 hands strftime exactly "%" plus one character, so
 * modifiers like E and O come out as text. `epoch` gives %s.
 */
export function strftimeOne(c: string, tm: Tm, epoch: () => bigint): string {
  switch (c) {
    case 'a': return DAYS[tm.wday]!.slice(0, 3);
    case 'A': return DAYS[tm.wday]!;
    case 'b': case 'h': return MONTHS[tm.mon]!.slice(0, 3);
    case 'B': return MONTHS[tm.mon]!;
    case 'c': return `${strftimeOne('a', tm, epoch)} ${strftimeOne('b', tm, epoch)} ${pad2(tm.mday, ' ')} `
      + `${strftimeOne('T', tm, epoch)} ${tm.year}`;
    case 'C': return String(floorDiv(tm.year, 100)); // lua5.1: year 5 prints "0", -101 prints "-2"
    case 'd': return pad2(tm.mday);
    case 'D': case 'x': return `${pad2(tm.mon + 1)}/${pad2(tm.mday)}/${pad2(((tm.year % 100) + 100) % 100)}`;
    case 'e': return pad2(tm.mday, ' ');
    case 'F': return `${tm.year}-${pad2(tm.mon + 1)}-${pad2(tm.mday)}`;
    case 'g': return pad2(((isoYearAndDays(tm)[0] % 100) + 100) % 100);
    case 'G': return String(isoYearAndDays(tm)[0]);
    case 'H': return pad2(tm.hour);
    case 'I': return pad2(tm.hour % 12 === 0 ? 12 : tm.hour % 12);
    case 'j': return pad3(tm.yday + 1);
    case 'k': return pad2(tm.hour, ' ');
    case 'l': return pad2(tm.hour % 12 === 0 ? 12 : tm.hour % 12, ' ');
    case 'm': return pad2(tm.mon + 1);
    case 'M': return pad2(tm.min);
    case 'n': return '\n';
    case 'p': return tm.hour < 12 ? 'AM' : 'PM';
    case 'P': return tm.hour < 12 ? 'am' : 'pm';
    case 'r': return `${strftimeOne('I', tm, epoch)}:${pad2(tm.min)}:${pad2(tm.sec)} ${strftimeOne('p', tm, epoch)}`;
    case 'R': return `${pad2(tm.hour)}:${pad2(tm.min)}`;
    case 's': return String(epoch());
    case 'S': return pad2(tm.sec);
    case 't': return '\t';
    case 'T': case 'X': return `${pad2(tm.hour)}:${pad2(tm.min)}:${pad2(tm.sec)}`;
    case 'u': return String(tm.wday === 0 ? 7 : tm.wday);
    case 'U': return pad2(Math.floor((tm.yday - tm.wday + 7) / 7));
    case 'V': return pad2(Math.floor(isoYearAndDays(tm)[1] / 7) + 1);
    case 'w': return String(tm.wday);
    case 'W': return pad2(Math.floor((tm.yday - ((tm.wday - 1 + 7) % 7) + 7) / 7));
    case 'y': return pad2(((tm.year % 100) + 100) % 100);
    case 'Y': return String(tm.year);
    case 'z': {
      const a = Math.abs(tm.gmtoff);
      return (tm.gmtoff < 0 ? '-' : '+') + pad2(Math.floor(a / 3600)) + pad2(Math.floor(a / 60) % 60);
    }
    case 'Z': return tm.zone;
    case '%': return '%';
    default: {
      // glibc reads a width digit, finds no conversion and prints the spec
      // padded to that width: "%5" gives "   %5"; flags print as they are.
      const d = c.charCodeAt(0) - 48;
      if (d >= 3 && d <= 9) return ' '.repeat(d - 2) + '%' + c;
      return '%' + c;
    }
  }
}

/**
 * os_date's loop over a format (the part after any '!'): each "%x" goes to
 * strftime alone, a '%' at the very end is copied, and the format ends at a
 * NUL as C strings do.
 */
export function formatDate(fmt: string, tm: Tm, epoch: () => bigint): string {
  let out = '';
  const nul = fmt.indexOf('\0');
  const n = nul < 0 ? fmt.length : nul;
  for (let i = 0; i < n; i++) {
    const c = fmt[i]!;
    if (c !== '%' || i + 1 >= n) out += c;
    else out += strftimeOne(fmt[++i]!, tm, epoch);
  }
  return out;
}
