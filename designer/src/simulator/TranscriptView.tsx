import { localTimeOf } from '@switchboard/flows';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TranscriptLine } from './transcript-lines';
import { ID_NAMES, type TranscriptNames } from './transcript-names';
import { saidText } from '../i18n/said-text';
import { EventFieldsView } from './events/EventFieldsView';

function callerText(t: TFunction, line: Extract<TranscriptLine, { kind: 'caller' }>): string {
  const action = line.entry.action;
  switch (action.action) {
    case 'press':
      return t('simulator.transcript.pressed', { keys: action.digits });
    case 'silence':
      return t('simulator.transcript.silent');
    case 'hangUp':
      return t('simulator.transcript.hungUp');
    case 'wait':
      return t('simulator.transcript.waited', { seconds: action.seconds });
    default:
      return '';
  }
}

/** What happened on the test call: heard, pressed, every effect with its FreeSWITCH commands, the switch's answers. */
export function TranscriptView({ lines, timezone, showDetails, names = ID_NAMES }: { lines: readonly TranscriptLine[]; timezone: string; showDetails: boolean; names?: TranscriptNames }) {
  const { t } = useTranslation();
  return (
    <ol className="sb-sim-transcript" tabIndex={0} aria-label={t('simulator.transcript.label')} data-testid="simulator-transcript">
      {lines.map((line, index) => {
        const time = <time className="sb-sim-transcript__time">{localTimeOf(line.at, timezone).slice(11)}</time>;
        switch (line.kind) {
          case 'heard':
            return (
              <li key={index} className="sb-sim-line sb-sim-line--heard" data-testid="heard">
                {time} <span aria-hidden="true">🔊</span> {line.audio ? t('simulator.transcript.audio', { file: line.text }) : line.text}
              </li>
            );
          case 'caller':
            return <li key={index} className="sb-sim-line sb-sim-line--caller">{time} ☎ {callerText(t, line)}</li>;
          case 'collecting':
            return <li key={index} className="sb-sim-line sb-sim-line--caller">{time} {t('simulator.transcript.collecting', { keys: line.entered })}</li>;
          case 'keysIgnored':
            return <li key={index} className="sb-sim-line sb-sim-line--ignored">{time} {t(`simulator.transcript.ignored.${line.why}`, { keys: line.keys })}</li>;
          case 'visit': {
            const node = names.node(line.flow, line.nodeId, line.nodeType);
            return (
              <li key={index} className="sb-sim-line sb-sim-line--visit" data-testid="visit">
                {time} → {node.name} <small title={t('simulator.transcript.stepId')}>{node.id}</small>
              </li>
            );
          }
          case 'decision': {
            const node = names.node(line.flow, line.nodeId, line.nodeType);
            return (
              <li key={index} className="sb-sim-line sb-sim-line--decision" data-testid={line.nodeType === 'schedule' ? 'schedule-decision' : 'decision'}>
                {time} {t('simulator.transcript.decision', { node: node.name, outlet: names.outlet(line.flow, line.nodeId, line.nodeType, line.outlet), reason: saidText(t, line.said, line.reason) })}
              </li>
            );
          }
          case 'calendarMissing':
            return (
              <li key={index} className="sb-sim-line sb-sim-line--ignored">
                {time} {t('simulator.transcript.calendarMissing', { node: line.nodeId, calendar: line.calendar })}
              </li>
            );
          case 'effect':
            return (
              <li key={index} className="sb-sim-line sb-sim-line--effect">
                {time} <strong>{t(`simulator.transcript.effectKinds.${line.effect.kind}`, { defaultValue: line.effect.kind })}</strong>
                {line.commands.length > 0 && (
                  <ul className="sb-sim-commands" aria-label={t('simulator.transcript.commands')}>
                    {line.commands.map((command, i) => (
                      <li key={i} className={command.repeat ? 'sb-sim-command sb-sim-command--repeat' : 'sb-sim-command'} title={command.repeat ? t('simulator.transcript.repeat') : undefined}>
                        <code data-testid="freeswitch-command">{command.text}</code>
                      </li>
                    ))}
                  </ul>
                )}
                {line.note && <div className="sb-sim-note">{saidText(t, line.noteSaid, line.note)}</div>}
              </li>
            );
          case 'event':
            return showDetails ? (
              <li key={index} className="sb-sim-line sb-sim-line--event">
                {time} ← {t(`transcriptEvents.types.${line.type}`, { defaultValue: line.type })} <EventFieldsView type={line.type} fields={line.fields} />
              </li>
            ) : null;
          default:
            return null;
        }
      })}
    </ol>
  );
}
