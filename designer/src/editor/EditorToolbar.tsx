import { memo, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingEdits } from './state/pending-edits';

export type EditorView = 'canvas' | 'code';

interface EditorToolbarProps {
  view: EditorView;
  readOnly: boolean;
  canUndo: boolean;
  /** Inspector keystrokes not yet committed: undoable too (undo commits them first, then steps back). */
  pending?: PendingEdits;
  canRedo: boolean;
  hasSelection: boolean;
  layingOut: boolean;
  onViewChange(view: EditorView): void;
  onUndo(): void;
  onRedo(): void;
  onAutoLayout(): void;
  onFitView(): void;
  onDeleteSelection(): void;
  /** The step search, at the toolbar's right end (on the canvas view). */
  search?: ReactNode;
}

/** Undo/redo, auto-layout, fit view, delete, the switch between canvas and code view, and the step search. */
export const EditorToolbar = memo(function EditorToolbar(props: EditorToolbarProps) {
  const { t } = useTranslation();
  const { view, readOnly, pending } = props;
  // Only whether anything is queued: the toolbar re-renders when typing starts and when it is committed, not per key.
  const typing = useSyncExternalStore(pending?.subscribe ?? noSubscription, () => (pending?.size ?? 0) > 0);
  const canUndo = props.canUndo || typing;
  return (
    <div className="sb-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="sb-toolbar__group" role="tablist" aria-label={t('toolbar.view')}>
        {(['canvas', 'code'] as const).map((option) => (
          <button key={option} type="button" role="tab" aria-selected={view === option} className={view === option ? 'sb-tab is-active' : 'sb-tab'} onClick={() => props.onViewChange(option)}>
            {t(`toolbar.${option}`)}
          </button>
        ))}
      </div>
      {!readOnly && (
        <div className="sb-toolbar__group">
          <button type="button" className="sb-button" disabled={!canUndo} onClick={props.onUndo} title={t('toolbar.undoShortcut')}>
            {t('toolbar.undo')}
          </button>
          <button type="button" className="sb-button" disabled={!props.canRedo} onClick={props.onRedo} title={t('toolbar.redoShortcut')}>
            {t('toolbar.redo')}
          </button>
        </div>
      )}
      {view === 'canvas' && (
        <div className="sb-toolbar__group">
          {!readOnly && (
            <button type="button" className="sb-button" disabled={props.layingOut} onClick={props.onAutoLayout}>
              {props.layingOut ? t('toolbar.layingOut') : t('toolbar.autoLayout')}
            </button>
          )}
          <button type="button" className="sb-button" onClick={props.onFitView}>
            {t('toolbar.fitView')}
          </button>
          {!readOnly && (
            <button type="button" className="sb-button" disabled={!props.hasSelection} onClick={props.onDeleteSelection} title={t('toolbar.deleteShortcut')}>
              {t('toolbar.delete')}
            </button>
          )}
        </div>
      )}
      {view === 'canvas' && props.search && <div className="sb-toolbar__group sb-toolbar__search">{props.search}</div>}
    </div>
  );
});

const noSubscription = () => () => undefined;
