import type { ComponentChildren } from 'preact';

/** The file types a dossier component may be sent as (the server checks the upload again). */
export const ACCEPTED_FILES = '.pdf,.png,.jpg,.jpeg,.tif,.tiff,.doc,.docx,.xls,.xlsx,.odt,.ods';

/** The chosen files by component index with the `i`-th chosen (`file`) or cleared (undefined): a new record. */
export function withFile(files: Record<number, File>, i: number, file: File | undefined): Record<number, File> {
  const next = { ...files };
  if (file) next[i] = file;
  else delete next[i];
  return next;
}

/**
 * One dossier component's file input with its message under it, tied to the input for screen readers: the
 * online filing and the completion the desk asks for before receipt (docs/domain/dossiers.md#completion-before-receipt).
 */
export function FileField(props: { id: string; label: ComponentChildren; error: string | null; onFile: (file: File | undefined) => void }) {
  const { id, error } = props;
  return (
    <div>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="file"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        accept={ACCEPTED_FILES}
        onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
      />
      {error && (
        <span id={`${id}-error`} class="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
