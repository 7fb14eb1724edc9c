import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CANVAS_SHORTCUTS } from './canvas-shortcuts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The canvas's keyboard shortcuts, opened with `?`; Escape or the button closes it. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const keyName = (key: string) => (key === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : t(`shortcuts.keys.${key}`, { defaultValue: key }));
  return (
    <div
      className="sb-shortcut-help"
      role="dialog"
      aria-modal="true"
      aria-label={t('shortcuts.title')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h2 className="sb-panel-title">{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {CANVAS_SHORTCUTS.map((entry) => (
            <tr key={`${entry.keys.join('+')} ${entry.id}`}>
              <td>
                {entry.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' + '}
                    <kbd>{keyName(key)}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(`shortcuts.actions.${entry.id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button ref={close} type="button" className="sb-button" onClick={onClose}>
        {t('shortcuts.close')}
      </button>
    </div>
  );
}
