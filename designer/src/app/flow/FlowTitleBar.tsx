import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { FlowStatus } from '../flows/flow-status';
import { FlowStatusBadges } from '../flows/FlowStatusBadges';

interface FlowTitleBarProps {
  name: string;
  status: FlowStatus;
  /** The draft differs from the latest published version. */
  unpublishedChanges?: boolean;
  /** What is shown: the draft, a version, a comparison. */
  subtitle?: ReactNode;
  children?: ReactNode;
}

/** The bar above a flow's canvas: back to the list, the flow's name and status, then the page's actions. */
export function FlowTitleBar({ name, status, unpublishedChanges, subtitle, children }: FlowTitleBarProps) {
  const { t } = useTranslation();
  return (
    <div className="sb-app-flowbar">
      <Link href="/" className="sb-app-back">
        ← {t('app.nav.flows')}
      </Link>
      <h1 className="sb-app-flowbar__name">{name}</h1>
      <FlowStatusBadges status={status} unpublishedChanges={unpublishedChanges} />
      {subtitle && <span className="sb-app-flowbar__subtitle">{subtitle}</span>}
      <div className="sb-app-flowbar__actions">{children}</div>
    </div>
  );
}
