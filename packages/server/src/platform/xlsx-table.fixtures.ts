import { monitorEventLoopDelay } from 'node:perf_hooks';
import { crc32, deflateRawSync } from 'node:zlib';

// Hand-made .xlsx files for the import tests: the crafted sheets that hung the server (issue #9) can only
// be written byte by byte, since a spreadsheet program would never produce them.

export interface Part {
  name: string;
  data: string | Buffer;
  /** The uncompressed size the zip claims for this part; a zip bomb lies here. */
  declaredSize?: number;
}

/** A zip of the parts, deflated, with a central directory. */
export function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const packed = deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // version needed
    for (const [b, at] of [
      [local, 8],
      [central, 10],
    ] as const) {
      b.writeUInt16LE(8, at); // deflate
      b.writeUInt32LE(crc32(raw), at + 6);
      b.writeUInt32LE(packed.length, at + 10);
      b.writeUInt32LE(p.declaredSize ?? raw.length, at + 14);
      b.writeUInt16LE(name.length, at + 18);
    }
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A row of inline-string cells, starting at column A. */
export const textRow = (r: number, values: string[]) =>
  `<row r="${r}">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`;

/** The parts of a workbook whose sheets have the given `<sheetData>` contents and declared dimensions. */
export function workbookParts(sheets: Array<{ rows: string | Buffer; dimension?: string; declaredSize?: number }>): Part[] {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets.map((_, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: Buffer.concat([
        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}>${s.dimension ? `<dimension ref="${s.dimension}"/>` : ''}<sheetData>`),
        typeof s.rows === 'string' ? Buffer.from(s.rows) : s.rows,
        Buffer.from('</sheetData></worksheet>'),
      ]),
      ...(s.declaredSize === undefined ? {} : { declaredSize: s.declaredSize }),
    })),
  ];
}

/**
 * Runs `work` while watching the event loop; `maxStallMs` is the longest the loop was held. A stall
 * longer than the test's own run still shows, since the histogram records it when the loop turns again.
 */
export async function measureStall<T>(work: () => Promise<T>): Promise<{ result: T; maxStallMs: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const started = performance.now();
  try {
    const result = await work();
    return { result, maxStallMs: h.max / 1e6, ms: performance.now() - started };
  } finally {
    h.disable();
  }
}

/**
 * Runs `work` while another client asks `GET /api/health` every 20 ms, as the report of issue #9 did:
 * `healthMs` is the slowest answer (the work's own time if health never got one).
 */
export async function measureWhileServing<T>(
  app: { inject: (o: { method: 'GET'; url: string }) => Promise<{ statusCode: number }> },
  work: () => Promise<T>,
): Promise<{ result: T; maxStallMs: number; ms: number; healthMs: number; healthAnswers: number }> {
  let done = false;
  let healthMs = 0;
  let healthAnswers = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      if (res.statusCode === 200) healthAnswers++;
      healthMs = Math.max(healthMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const measured = await measureStall(work);
    done = true;
    await probe;
    return { ...measured, healthMs, healthAnswers };
  } finally {
    done = true;
  }
}
