import type { FieldMessage } from '../field-messages';

/** Messages under a field: what is wrong, the diagnostic code, and how to fix it. */
export function FieldMessageList({ messages }: { messages: readonly FieldMessage[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul className="sb-field__messages">
      {messages.map((message, index) => (
        <li key={index} className={`sb-field__message sb-field__message--${message.severity}`} role={message.severity === 'error' ? 'alert' : 'status'}>
          {message.code && <code>{message.code}</code>} {message.text}
          {message.hint && <span className="sb-field__hint"> — {message.hint}</span>}
        </li>
      ))}
    </ul>
  );
}
