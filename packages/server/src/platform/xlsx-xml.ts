import { MAX_CELL_CHARS, refusedFile, type ReadBudget } from './import-limits';

// A small streaming scanner for the XML parts of an .xlsx file. It reads each part chunk by chunk and
// calls the visitor for every tag and text as it goes, in time linear in the bytes, and it lets the
// event loop turn between chunks. It knows only what spreadsheet parts use: elements, attributes,
// the five named entities and numeric ones; DTD entities are never expanded, so an entity bomb is just text.

export interface XmlVisitor {
  /** `tag` is the whole start tag, for `attr`; names lose their namespace prefix. */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Decoded text; called only while `wantsText` is true. */
  text(value: string): void;
  wantsText: boolean;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const decodeXml = (s: string) =>
  s.includes('&')
    ? s.replace(ENTITY, (all, hex?: string, dec?: string, name?: string) => {
        if (name) return NAMED[name]!;
        const code = parseInt(hex ?? dec!, hex ? 16 : 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : all;
      })
    : s;

const ATTRS = new Map<string, RegExp>();
/** The decoded value of an attribute of a start tag (`r:id` is found as `id`), or undefined. */
export function attr(tag: string, name: string): string | undefined {
  let re = ATTRS.get(name);
  if (!re) ATTRS.set(name, (re = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? decodeXml(m[1] ?? m[2]!) : undefined;
}

/** Index of the `>` closing the tag that starts at `from`, skipping quoted attribute values; -1 if not yet read. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

const NAME_END = ' \t\r\n/>';
const localName = (raw: string) => raw.slice(raw.indexOf(':') + 1);

/** Visits the complete tags and texts of `s`; returns the unfinished rest, to be continued by the next chunk. */
function scan(s: string, v: XmlVisitor, final: boolean): string {
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      if (!final) return s.slice(i);
      if (v.wantsText) v.text(decodeXml(s.slice(i)));
      return '';
    }
    if (lt > i && v.wantsText) v.text(decodeXml(s.slice(i, lt)));
    i = lt;
    let end: number;
    if (s.startsWith('<![CDATA[', i)) {
      end = s.indexOf(']]>', i);
      if (end < 0) break;
      if (v.wantsText) v.text(s.slice(i + 9, end));
      i = end + 3;
    } else if (s.startsWith('<!--', i)) {
      end = s.indexOf('-->', i);
      if (end < 0) break;
      i = end + 3;
    } else if (s.startsWith('<?', i)) {
      end = s.indexOf('?>', i);
      if (end < 0) break;
      i = end + 2;
    } else if (s.startsWith('<!', i)) {
      end = tagEnd(s, i);
      if (end < 0) break;
      i = end + 1;
    } else {
      end = tagEnd(s, i);
      if (end < 0) break;
      const tag = s.slice(i, end + 1);
      if (tag[1] === '/') v.close(localName(tag.slice(2, -1).trim()));
      else {
        const selfClosing = tag[tag.length - 2] === '/';
        let nameEnd = 1;
        while (nameEnd < tag.length && !NAME_END.includes(tag[nameEnd]!)) nameEnd++;
        const name = localName(tag.slice(1, nameEnd));
        v.open(name, tag, selfClosing);
        if (selfClosing) v.close(name);
      }
      i = end + 1;
    }
  }
  if (final && i < s.length) throw refusedFile('import.unreadable');
  return s.slice(i);
}

/**
 * Feeds a part to the visitor. A single tag or text longer than a cell may be (with its entities) is
 * refused, which also keeps the unfinished rest, and so the work per chunk, bounded.
 */
export async function scanXml(chunks: AsyncIterable<Buffer>, v: XmlVisitor, budget: ReadBudget): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    rest = scan(rest + decoder.decode(chunk, { stream: true }), v, false);
    if (rest.length > MAX_CELL_CHARS * 6) throw refusedFile('import.cell_too_long', { max: MAX_CELL_CHARS });
    await budget.turn();
  }
  scan(rest + decoder.decode(), v, true);
}
