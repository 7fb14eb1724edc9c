import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '@switchboard/flows';
import { outletLabel } from '../canvas/outlet-label';
import { canvasStepName } from './canvas-aria';
import { connectTargets, outletChoices } from './keyboard-commands';

interface ConnectDialogProps {
  document: FlowDocument;
  nodeId: string;
  /** The outlet to start with (a focused outlet handle); else the first one not connected. */
  outlet?: string | undefined;
  onConnect(outlet: string, target: string): void;
  onDisconnect(outlet: string): void;
  onClose(): void;
}

/**
 * Connect a step by keyboard: pick one of its outlets, then the step it should lead to, both by the names the
 * canvas shows. The outlet's present connection can be removed here too.
 */
export function ConnectDialog({ document, nodeId, outlet: initialOutlet, onConnect, onDisconnect, onClose }: ConnectDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.querySelector<HTMLElement>('select, button')?.focus(), []);
  const node = document.nodes.find((n) => n.id === nodeId);
  const choices = useMemo(() => outletChoices(document, nodeId), [document, nodeId]);
  const [outlet, setOutlet] = useState(() => initialOutlet ?? choices.find((c) => !c.edge)?.outlet.name ?? choices[0]?.outlet.name ?? '');
  const current = choices.find((c) => c.outlet.name === outlet);
  const nameOf = (id: string) => {
    const target = document.nodes.find((n) => n.id === id);
    return target ? canvasStepName(t, target) : id;
  };
  const targets = useMemo(() => {
    if (!outlet) return [];
    return connectTargets(document, nodeId, outlet)
      .map((n) => ({ id: n.id, name: canvasStepName(t, n) }))
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  }, [document, nodeId, outlet, t]);
  // A fresh step nothing leads to yet is the likeliest target; else where the outlet leads now.
  const suggested = useMemo(() => {
    const entered = new Set(document.edges.map((e) => e.target));
    return current?.edge?.target ?? targets.find((c) => c.id !== nodeId && !entered.has(c.id))?.id ?? targets[0]?.id ?? '';
  }, [current, document.edges, nodeId, targets]);
  const [target, setTarget] = useState<string | null>(null);
  const chosenTarget = target ?? suggested;
  if (!node) return null;
  const step = canvasStepName(t, node);

  return (
    <div
      ref={dialog}
      className="sb-connect-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id={titleId} className="sb-panel-title">
        {t('keyboardCanvas.connect.title', { step })}
      </h2>
      {choices.length === 0 ? (
        <p className="sb-hint">{t('keyboardCanvas.connect.noOutlets')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (outlet && chosenTarget) onConnect(outlet, chosenTarget);
          }}
        >
          <label className="sb-field">
            <span className="sb-field__label">{t('keyboardCanvas.connect.outlet')}</span>
            <select
              className="sb-input"
              value={outlet}
              onChange={(e) => {
                setOutlet(e.target.value);
                setTarget(null);
              }}
            >
              {choices.map((choice) => {
                const name = outletLabel(t, node.type, choice.outlet);
                return (
                  <option key={choice.outlet.name} value={choice.outlet.name}>
                    {choice.edge ? t('keyboardCanvas.connect.outletLeadsTo', { outlet: name, step: nameOf(choice.edge.target) }) : t('keyboardCanvas.connect.outletFree', { outlet: name })}
                  </option>
                );
              })}
            </select>
          </label>
          <label className="sb-field">
            <span className="sb-field__label">{t('keyboardCanvas.connect.target')}</span>
            <select className="sb-input" value={chosenTarget} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.id === nodeId ? t('keyboardCanvas.connect.itself', { step: choice.name }) : choice.name}
                </option>
              ))}
            </select>
          </label>
          <div className="sb-connect-dialog__actions">
            <button type="submit" className="sb-button" disabled={!chosenTarget}>
              {t('keyboardCanvas.connect.connect')}
            </button>
            <button type="button" className="sb-button" disabled={!current?.edge} onClick={() => onDisconnect(outlet)}>
              {t('keyboardCanvas.connect.disconnect')}
            </button>
            <button type="button" className="sb-button sb-button--quiet" onClick={onClose}>
              {t('keyboardCanvas.connect.cancel')}
            </button>
          </div>
        </form>
      )}
      {choices.length === 0 && (
        <button type="button" className="sb-button" onClick={onClose}>
          {t('keyboardCanvas.connect.cancel')}
        </button>
      )}
    </div>
  );
}
