import { act, render } from '@testing-library/react';
import { useState } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import { CalendarNamesContext, FlowEditor, type FlowEditorProps } from '../index';

/** The editor as an app would host it: it owns the document and records every change it hands back. */
export function renderEditor(initial: FlowDocument, props: Partial<FlowEditorProps> & { calendarNames?: readonly string[] } = {}) {
  const { calendarNames = null, ...editorProps } = props;
  const changes: FlowDocument[] = [];
  let current = initial;
  let replaceDocument: (document: FlowDocument) => void = () => undefined;
  function Host() {
    const [document, setDocument] = useState(initial);
    replaceDocument = setDocument;
    return (
      <CalendarNamesContext.Provider value={calendarNames}>
      <div style={{ width: 1200, height: 800 }}>
        <FlowEditor
          {...editorProps}
          document={document}
          onChange={(next) => {
            changes.push(next);
            current = next;
            setDocument(next);
          }}
        />
      </div>
      </CalendarNamesContext.Provider>
    );
  }
  const result = render(<Host />);
  /** Hands the editor another document, as the app shell does when a save conflict is resolved with "take theirs". */
  const replace = (document: FlowDocument) =>
    act(() => {
      current = document;
      replaceDocument(document);
    });
  return { ...result, changes, latest: () => current, replace };
}
