interface PlainJsonEditorProps {
  value: string;
  readOnly: boolean;
  ariaLabel: string;
  onChange(value: string): void;
}

/** The code view without Monaco (while it loads, or where it cannot run): a monospace text area. */
export function PlainJsonEditor({ value, readOnly, ariaLabel, onChange }: PlainJsonEditorProps) {
  return <textarea className="sb-input sb-input--code sb-plain-json" spellCheck={false} aria-label={ariaLabel} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />;
}
