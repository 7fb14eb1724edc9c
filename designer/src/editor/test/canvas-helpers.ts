import { fireEvent } from '@testing-library/react';

/** Click a node on the canvas the way a user selects it. */
export function clickNode(container: HTMLElement, nodeId: string): void {
  const element = container.querySelector(`.react-flow__node[data-id="${nodeId}"]`);
  if (!element) throw new Error(`node ${nodeId} is not on the canvas`);
  fireEvent.click(element);
}

/** Press a key with the focus on the canvas (not in a text field). */
export function pressOnCanvas(container: HTMLElement, key: string, modifiers: { ctrlKey?: boolean; shiftKey?: boolean; metaKey?: boolean } = {}): void {
  const pane = container.querySelector('.react-flow__pane') ?? container.querySelector('.sb-canvas');
  if (!pane) throw new Error('the canvas is not rendered');
  fireEvent.keyDown(pane, { key, ...modifiers });
}
