import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type EditorView = 'canvas' | 'code';

interface EditorToolbarProps {
  view: EditorView;
  readOnly: boolean;
  canUndo: boolean;
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
  const { view, readOnly } = props;
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
          <button type="button" className="sb-button" disabled={!props.canUndo} onClick={props.onUndo} title={t('toolbar.undoShortcut')}>
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
