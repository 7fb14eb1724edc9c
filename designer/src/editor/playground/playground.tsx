import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FlowEditor, LanguageSwitch } from '..';
import { contactCentreFlow } from '../examples/contact-centre-flow';
import { supportLineFlow } from '../examples/support-line';

/**
 * The editor alone, without the API server: the example support line, or `?nodes=2000` for a contact-centre flow
 * of that size (as the canvas benchmark generates). Served at /src/editor/playground/index.html by `vite` and in the build.
 */
function Playground() {
  const size = Number(new URLSearchParams(window.location.search).get('nodes'));
  const [document, setDocument] = useState(() => (size > 0 ? contactCentreFlow(Math.max(20, size)) : supportLineFlow()));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <header style={{ padding: '4px 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <strong>Switchboard · flow editor playground</strong>
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
    <Playground />
  </StrictMode>,
);
