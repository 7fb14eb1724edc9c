import { render } from '@testing-library/react';
import { useState } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import { FlowEditor, type FlowEditorProps } from '../index';

/** The editor as an app would host it: it owns the document and records every change it hands back. */
export function renderEditor(initial: FlowDocument, props: Partial<FlowEditorProps> = {}) {
  const changes: FlowDocument[] = [];
  let current = initial;
  function Host() {
    const [document, setDocument] = useState(initial);
    return (
      <div style={{ width: 1200, height: 800 }}>
        <FlowEditor
          {...props}
          document={document}
          onChange={(next) => {
            changes.push(next);
            current = next;
            setDocument(next);
          }}
        />
      </div>
    );
  }
  const result = render(<Host />);
  return { ...result, changes, latest: () => current };
}
