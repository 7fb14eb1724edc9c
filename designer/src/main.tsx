import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FlowEditor, LanguageSwitch } from './editor';
import { largeFlow } from './editor/examples/large-flow';
import { supportLineFlow } from './editor/examples/support-line';

/** Temporary dev page: the editor on an example flow (`?nodes=500` for a large one). The app shell replaces it. */
function DevPage() {
  const size = Number(new URLSearchParams(window.location.search).get('nodes'));
  const [document, setDocument] = useState(() => (size > 0 ? largeFlow(size) : supportLineFlow()));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <header style={{ padding: '4px 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <strong>Switchboard</strong>
        <LanguageSwitch />
      </header>
      <div style={{ flex: 1, minHeight: 0 }}>
        <FlowEditor document={document} onChange={setDocument} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <DevPage />
  </StrictMode>,
);
