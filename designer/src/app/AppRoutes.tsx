import { useTranslation } from 'react-i18next';
import { Link, Route, Switch } from 'wouter';
import { AnalyticsPage } from './analytics/AnalyticsPage';
import { FlowAnalyticsPage } from './analytics/FlowAnalyticsPage';
import { BindingsPage } from './bindings/BindingsPage';
import { CallsPage } from './calls/CallsPage';
import { CallTracePage } from './calls/CallTracePage';
import { CalendarPage, CalendarsPage } from './calendars/CalendarsPage';
import { FlowPage } from './flow/FlowPage';
import { FlowsPage } from './flows/FlowsPage';
import { LiveViewPage } from './live/LiveViewPage';
import { AppHeader } from './layout/AppHeader';
import { RequirePermission } from './permissions/RequirePermission';
import { UsersPage } from './users/UsersPage';
import { DiffPage } from './versions/DiffPage';
import { VersionPage } from './versions/VersionPage';

function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="sb-app-page">
      <h1>{t('app.notFound.title')}</h1>
      <Link href="/">{t('app.notFound.back')}</Link>
    </main>
  );
}

/** The signed-in app: header, then one page per route. */
export function AppRoutes() {
  return (
    <div className="sb-app-shell">
      <AppHeader />
      <Switch>
        <Route path="/">
          <FlowsPage />
        </Route>
        <Route path="/flows/:flowId">{(params) => <FlowPage flowId={params.flowId} />}</Route>
        <Route path="/flows/:flowId/analytics">
          {(params) => (
            <RequirePermission permission="readAnalytics">
              <FlowAnalyticsPage flowId={params.flowId} />
            </RequirePermission>
          )}
        </Route>
        <Route path="/flows/:flowId/versions/:number">{(params) => <VersionPage flowId={params.flowId} number={Number(params.number)} />}</Route>
        <Route path="/flows/:flowId/diff/:from/:to">
          {(params) => <DiffPage flowId={params.flowId} from={Number(params.from)} to={params.to === 'draft' ? 'draft' : Number(params.to)} />}
        </Route>
        <Route path="/numbers">
          <BindingsPage />
        </Route>
        <Route path="/calendars">
          <CalendarsPage />
        </Route>
        <Route path="/calendars/:name">{(params) => <CalendarPage name={decodeURIComponent(params.name)} />}</Route>
        <Route path="/analytics">
          <RequirePermission permission="readAnalytics">
            <AnalyticsPage />
          </RequirePermission>
        </Route>
        <Route path="/calls">
          <RequirePermission permission="readCalls">
            <CallsPage />
          </RequirePermission>
        </Route>
        <Route path="/calls/:callId">
          {(params) => (
            <RequirePermission permission="readCalls">
              <CallTracePage callId={decodeURIComponent(params.callId)} />
            </RequirePermission>
          )}
        </Route>
        <Route path="/live">
          <RequirePermission permission="readAnalytics">
            <LiveViewPage />
          </RequirePermission>
        </Route>
        <Route path="/users">
          <RequirePermission permission="manageUsers">
            <UsersPage />
          </RequirePermission>
        </Route>
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </div>
  );
}
