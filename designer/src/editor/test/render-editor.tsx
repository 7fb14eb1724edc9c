import { render } from '@testing-library/react';
import { useState } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import { CalendarNamesContext, FlowEditor, type FlowEditorProps } from '../index';

/** The editor as an app would host it: it owns the document and records every change it hands back. */
export function renderEditor(initial: FlowDocument, props: Partial<FlowEditorProps> & { calendarNames?: readonly string[] } = {}) {
  const { calendarNames = null, ...editorProps } = props;
  const changes: FlowDocument[] = [];
  let current = initial;
  function Host() {
    const [document, setDocument] = useState(initial);
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
  return { ...result, changes, latest: () => current };
}
