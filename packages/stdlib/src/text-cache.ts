// A bounded cache of what a library works out from a text once (compiled
// patterns, split formats): cleared when full, texts over a length are
// worked out on every use but not kept (a script making huge one-off texts
// would otherwise fill memory), and the last entry is checked first.

export class TextCache<T> {
  private readonly map = new Map<string, T>();
  private lastText: string | undefined;
  private lastValue: T | undefined;

  constructor(
    private readonly make: (text: string) => T,
    private readonly maxEntries: number,
    private readonly maxTextLength: number,
  ) {}

  get(text: string): T {
    if (text === this.lastText) return this.lastValue as T;
    let v = this.map.get(text);
    if (v === undefined) {
      v = this.make(text);
      if (text.length <= this.maxTextLength) {
        if (this.map.size >= this.maxEntries) this.map.clear();
        this.map.set(text, v);
      }
    }
    this.lastText = text;
    this.lastValue = v;
    return v;
  }
}
