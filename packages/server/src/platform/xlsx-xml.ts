import { SaxesParser } from 'saxes';
import { MAX_CELL_CHARS, refusedFile, type ReadBudget } from './import-limits';

// The XML parts of an .xlsx file are parsed by saxes, a streaming parser, chunk by chunk as they are
// inflated, letting the event loop turn between chunks (docs/architecture.md § Imports). saxes knows
// only the five XML entities and numeric ones: it never reads a DTD's entity declarations, so a
// reference to one (an entity bomb) is an undefined entity and the file is refused as unreadable.

export type Attributes = Record<string, string>;

export interface XmlVisitor {
  /** Names lose their namespace prefix. */
  open(name: string, attrs: Attributes): void;
  close(name: string): void;
  /** Decoded text; called only while `wantsText` is true. */
  text(value: string): void;
  wantsText: boolean;
}

const SLICE = 16 * 1024;
const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** The value of an attribute by its local name (`r:id` is found as `id`), or undefined. */
export function attr(attrs: Attributes, name: string): string | undefined {
  const direct = attrs[name];
  if (direct !== undefined) return direct;
  for (const key in attrs) if (localName(key) === name) return attrs[key];
  return undefined;
}

/**
 * Feeds a part to the visitor. saxes holds a tag or text until it ends; one still unfinished after
 * more characters than a cell may have (with its entities) is refused, which keeps that memory bounded.
 */
export async function scanXml(chunks: AsyncIterable<Buffer>, v: XmlVisitor, budget: ReadBudget): Promise<void> {
  const parser = new SaxesParser({ xmlns: false } as const);
  // Positions in the characters written to saxes, which its `position` counts too.
  let written = 0;
  let lastEvent = 0;
  let markupEnd = 0;
  let lastLt = -1;
  const markup = () => (lastEvent = markupEnd = parser.position);
  parser.on('opentag', (tag) => {
    markup();
    v.open(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    markup();
    v.close(localName(tag.name));
  });
  const text = (s: string) => {
    lastEvent = parser.position;
    if (v.wantsText) v.text(s);
  };
  parser.on('text', text);
  parser.on('cdata', (s) => {
    markup();
    text(s);
  });
  for (const other of ['comment', 'processinginstruction', 'doctype', 'xmldecl'] as const) parser.on(other, markup);

  const write = (s: string) => {
    if (s === '') return;
    const lt = s.lastIndexOf('<');
    if (lt >= 0) lastLt = written + lt;
    parser.write(s);
    written += s.length;
  };
  // Hand-written, the one thing saxes cannot be asked to do: as the XML spec says, it turns every line
  // break in text into '\n', but a cell written as "a\r\nb" (exceljs stores it so) must keep its CR. A CR in
  // the text of an element the visitor reads is given to saxes as the reference &#13;, which it keeps;
  // anywhere else (inside a tag, outside the root) the reference would not be well-formed, so the CR is
  // left to saxes there.
  const feed = (s: string) => {
    let from = 0;
    for (let cr = s.indexOf('\r'); cr >= 0; cr = s.indexOf('\r', from)) {
      write(s.slice(from, cr));
      write(v.wantsText && lastLt < markupEnd ? '&#13;' : '\r');
      from = cr + 1;
    }
    write(s.slice(from));
  };

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    // 16 KB of dense markup is a few milliseconds of saxes, so the loop turns well within 20 ms.
    for (let i = 0; i < chunk.length; i += SLICE) {
      feed(decoder.decode(chunk.subarray(i, i + SLICE), { stream: true }));
      if (written - lastEvent > MAX_CELL_CHARS * 6) throw refusedFile('import.cell_too_long', { max: MAX_CELL_CHARS });
      await budget.turn();
    }
  }
  feed(decoder.decode());
  parser.close();
}
