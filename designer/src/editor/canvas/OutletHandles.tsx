import { Handle, Position } from '@xyflow/react';
import { useMemo } from 'react';
import { useCanvasText } from './canvas-text';
import type { FlowNode } from '@switchboard/flows';
import { outletsOf } from '../state/document-edits';
import { outletLabel } from './outlet-label';
import { outletAriaLabel } from '../keyboard/canvas-aria';

/** One labelled source handle per outlet, id = outlet name, so an edge maps 1:1 to `{source, sourceOutlet, target}`. */
export function OutletHandles({ node, connectable }: { node: FlowNode; connectable: boolean }) {
  const t = useCanvasText();
  const outlets = useMemo(() => outletsOf(node), [node]);
  if (outlets.length === 0) return null;
  return (
    <ul className="sb-node__outlets">
      {outlets.map((outlet) => {
        const label = outletLabel(t, node.type, outlet);
        return (
          <li key={outlet.name} className="sb-node__outlet" data-outlet={outlet.name}>
            <span className={outlet.fallback || outlet.optional ? 'sb-node__outlet-label is-optional' : 'sb-node__outlet-label'}>{label}</span>
            {/* Focusable when editable: Enter on it connects this outlet by keyboard (keyboard/useCanvasKeyboard). */}
            <Handle
              type="source"
              position={Position.Right}
              id={outlet.name}
              isConnectable={connectable}
              className="sb-handle sb-handle--source"
              // A label only on what can be reached and used (axe: a div without a role must not carry aria-label).
              {...(connectable ? { tabIndex: 0, role: 'button', 'aria-label': outletAriaLabel(t, node, label) } : { 'aria-hidden': true })}
            />
          </li>
        );
      })}
    </ul>
  );
}
