import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons along the bottom. */
  actions: ReactNode;
  wide?: boolean;
}

/** A modal dialog: Escape or the backdrop closes it; focus moves into it when it opens. */
export function Dialog({ title, onClose, children, actions, wide }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('textarea, input, select, button')?.focus();
  }, []);
  return (
    <div className="sb-app-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        className={wide ? 'sb-app-dialog is-wide' : 'sb-app-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId} className="sb-app-dialog__title">
          {title}
        </h2>
        <div className="sb-app-dialog__body">{children}</div>
        <div className="sb-app-dialog__actions">{actions}</div>
      </div>
    </div>
  );
}
