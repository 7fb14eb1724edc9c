import type { ReactNode } from 'react';

/** One "label: value" line in a canvas node's summary. */
export function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sb-node__row">
      <span className="sb-node__row-label">{label}</span>
      <span className="sb-node__row-value">{children}</span>
    </div>
  );
}
