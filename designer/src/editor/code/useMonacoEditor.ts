import { useEffect, useRef, type RefObject } from 'react';
import { monaco } from './monaco';

/** What `create` made: the editor (its model is disposed with it) and whatever else to dispose on unmount. */
export interface MountedMonacoEditor {
  editor: monaco.editor.IStandaloneCodeEditor;
  disposables: monaco.IDisposable[];
}

/**
 * One Monaco editor for the component's lifetime, mounted on `host`. `create` runs once, on mount; later `value`
 * and `readOnly` changes are applied to the live editor (text only when it differs, so typing never moves the
 * cursor). Everything is disposed on unmount.
 */
export function useMonacoEditor(
  value: string,
  readOnly: boolean,
  create: (host: HTMLDivElement) => MountedMonacoEditor,
): { host: RefObject<HTMLDivElement | null>; editor: RefObject<monaco.editor.IStandaloneCodeEditor | null> } {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const mounted = create(host.current);
    const model = mounted.editor.getModel();
    editor.current = mounted.editor;
    return () => {
      for (const disposable of mounted.disposables) disposable.dispose();
      mounted.editor.dispose();
      model?.dispose();
      editor.current = null;
    };
    // The editor is created once; value and read-only changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [readOnly]);

  return { host, editor };
}
