import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** A phone keypad: click the keys, or type them while the panel has focus (0–9, * and #). */
export function Keypad({ disabled, onPress, keyboardTarget }: { disabled: boolean; onPress: (key: string) => void; keyboardTarget: HTMLElement | null }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!keyboardTarget || disabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      if ((KEYS as readonly string[]).includes(event.key)) {
        event.preventDefault();
        onPress(event.key);
      }
    };
    keyboardTarget.addEventListener('keydown', onKey);
    return () => keyboardTarget.removeEventListener('keydown', onKey);
  }, [keyboardTarget, disabled, onPress]);
  return (
    <div className="sb-sim-keypad" role="group" aria-label={t('simulator.keypad.label')}>
      {KEYS.map((key) => (
        <button key={key} type="button" className="sb-sim-keypad__key" disabled={disabled} aria-label={t('simulator.keypad.key', { key })} onClick={() => onPress(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
