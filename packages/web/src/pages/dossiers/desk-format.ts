import type { Dossier, DossierFile } from '../../api/types';

/** One line of the table: a component of the procedure or the filing, with the file attached to it (if any). */
export interface Line {
  key: string;
  component: string | null;
  mandatory: boolean;
  file: DossierFile | null;
}

/**
 * The components the procedure asks for, each with the file the applicant attached, then every other
 * file of the dossier (officers' uploads, the signed result). Files can be previewed (PDF, images) and
 * downloaded by whoever reads the dossier (issue #13).
 */
export function linesOf(d: Pick<Dossier, 'procedureComponents' | 'components'>, files: readonly DossierFile[]): Line[] {
  const lines: Line[] = [];
  const used = new Set<string>();
  const names = [...d.procedureComponents.map((c) => ({ name: c.name, mandatory: c.mandatory }))];
  for (const c of d.components) if (!names.some((n) => n.name === c.name)) names.push({ name: c.name, mandatory: false });
  for (const c of names) {
    const attached = files.filter((f) => f.component === c.name);
    if (attached.length === 0) lines.push({ key: `c:${c.name}`, component: c.name, mandatory: c.mandatory, file: null });
    for (const f of attached) {
      used.add(f.id);
      lines.push({ key: f.id, component: c.name, mandatory: c.mandatory, file: f });
    }
  }
  for (const f of files) if (!used.has(f.id)) lines.push({ key: f.id, component: null, mandatory: false, file: f });
  return lines;
}
