import type { CompiledFlow } from '@switchboard/flows';
import type {
  CalendarSource,
  StoredCalendar,
  CallAnalytics,
  CallbackBooking,
  CallbackRequest,
  CallbackService,
  SurveyCallbackCall,
  SurveyCallbackRequest,
  DeploymentFeed,
  LiveVersion,
  QueuePosition,
  QueueService,
  QueueSnapshot,
  VersionSource,
} from '../services/contracts.js';

/** In-memory VersionSource; `down = true` makes every read fail like an unreachable database. */
export class FakeVersionSource implements VersionSource {
  readonly live = new Map<string, LiveVersion>();
  readonly flows = new Map<string, CompiledFlow>();
  down = false;
  reads = 0;

  constructor(versions: LiveVersion[] = [], library: CompiledFlow[] = []) {
    for (const version of versions) this.publish(version);
    for (const flow of library) this.flows.set(flow.name, flow);
  }

  publish(version: LiveVersion): void {
    this.live.set(`${version.address}|${version.environment}`, version);
    this.flows.set(version.flowName, version.compiled);
  }

  private check(): void {
    this.reads++;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }

  async liveVersions(environment: string): Promise<LiveVersion[]> {
    this.check();
    return [...this.live.values()].filter((version) => version.environment === environment);
  }

  async liveVersion(address: string, environment: string): Promise<LiveVersion | null> {
    this.check();
    return this.live.get(`${address}|${environment}`) ?? null;
  }

  async flowByName(name: string): Promise<CompiledFlow | null> {
    this.check();
    return this.flows.get(name) ?? null;
  }
}

/** Calendars' current revisions set by the test; `failing` makes every read throw (database down). */
export class FakeCalendarSource implements CalendarSource {
  private readonly calendars = new Map<string, StoredCalendar>();
  failing = false;

  constructor(initial: StoredCalendar[] = []) {
    for (const calendar of initial) this.calendars.set(calendar.name, calendar);
  }

  /** Makes `calendar` the current revision of its name (what a save does). */
  save(calendar: StoredCalendar): void {
    this.calendars.set(calendar.name, calendar);
  }

  delete(name: string): void {
    this.calendars.delete(name);
  }

  async currentCalendars(): Promise<StoredCalendar[]> {
    if (this.failing) throw new Error('database unavailable');
    return [...this.calendars.values()];
  }

  async currentCalendar(name: string): Promise<StoredCalendar | null> {
    if (this.failing) throw new Error('database unavailable');
    return this.calendars.get(name) ?? null;
  }
}

/** In-process deployment and calendar notices. */
export class FakeDeploymentFeed implements DeploymentFeed {
  private readonly listeners = new Set<(event: { address: string; environment: string; versionId: string }) => void>();
  private readonly calendarListeners = new Set<(event: { name: string; revision: number | null }) => void>();

  subscribeCalendars(listener: (event: { name: string; revision: number | null }) => void): () => void {
    this.calendarListeners.add(listener);
    return () => this.calendarListeners.delete(listener);
  }

  notifyCalendar(event: { name: string; revision: number | null }): void {
    for (const listener of this.calendarListeners) listener(event);
  }

  subscribe(listener: (event: { address: string; environment: string; versionId: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(event: { address: string; environment: string; versionId: string }): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Queue statistics set by the test; position updates pushed by the test. */
export class FakeQueueService implements QueueService {
  snapshots = new Map<string, QueueSnapshot>();
  watchers = new Map<string, (position: QueuePosition) => void>();

  async snapshot(queue: string): Promise<QueueSnapshot> {
    return this.snapshots.get(queue) ?? { callersWaiting: 0, agentsLoggedIn: 1, agentsAvailable: 1, estimatedWaitSeconds: 0 };
  }

  watchPosition(_queue: string, callUuid: string, _everySeconds: number, onUpdate: (position: QueuePosition) => void): () => void {
    this.watchers.set(callUuid, onUpdate);
    return () => this.watchers.delete(callUuid);
  }
}

export class FakeCallbackService implements CallbackService {
  readonly requests: CallbackRequest[] = [];
  readonly surveyRequests: SurveyCallbackRequest[] = [];
  readonly surveyAnswers: Array<{ callId: string; question: 1 | 2; score: number }> = [];

  async schedule(request: CallbackRequest): Promise<CallbackBooking> {
    this.requests.push(request);
    return { ok: true, callbackId: `cb-${this.requests.length}` };
  }

  async scheduleSurvey(request: SurveyCallbackRequest): Promise<CallbackBooking> {
    this.surveyRequests.push(request);
    return { ok: true, callbackId: `survey-cb-${this.surveyRequests.length}` };
  }

  async surveyCallback(callbackId: string): Promise<SurveyCallbackCall | null> {
    const index = Number(callbackId.replace(/^survey-cb-/, '')) - 1;
    const request = this.surveyRequests[index];
    return request ? { callbackId, callId: request.callId, survey: request.survey } : null;
  }

  async surveyAnswered(answer: { callId: string; question: 1 | 2; score: number }): Promise<void> {
    this.surveyAnswers.push(answer);
  }
}

/** Records what analytics would have written (and hands everything on to `forward`, e.g. the real writer). */
export class RecordingAnalytics implements CallAnalytics {
  readonly started: Array<Parameters<CallAnalytics['callStarted']>[0]> = [];
  readonly visits: Array<Parameters<CallAnalytics['nodeVisited']>[0]> = [];
  readonly ended: Array<Parameters<CallAnalytics['callEnded']>[0]> = [];
  readonly queueWaits: Array<Parameters<CallAnalytics['queueWaited']>[0]> = [];
  readonly surveyAnswers: Array<Parameters<CallAnalytics['surveyAnswered']>[0]> = [];

  constructor(private readonly forward?: CallAnalytics) {}

  callStarted(call: Parameters<CallAnalytics['callStarted']>[0]): void {
    this.started.push(call);
    this.forward?.callStarted(call);
  }

  stepped(...args: Parameters<NonNullable<CallAnalytics['stepped']>>): void {
    this.forward?.stepped?.(...args);
  }

  nodeVisited(visit: Parameters<CallAnalytics['nodeVisited']>[0]): void {
    this.visits.push(visit);
    this.forward?.nodeVisited(visit);
  }

  callEnded(end: Parameters<CallAnalytics['callEnded']>[0]): void {
    this.ended.push(end);
    this.forward?.callEnded(end);
  }

  queueWaited(wait: Parameters<CallAnalytics['queueWaited']>[0]): void {
    this.queueWaits.push(wait);
    this.forward?.queueWaited(wait);
  }

  surveyAnswered(answer: Parameters<CallAnalytics['surveyAnswered']>[0]): void {
    this.surveyAnswers.push(answer);
  }

  /** The outcome recorded for a call. */
  outcomeOf(callId: string): string | undefined {
    return this.ended.find((end) => end.callId === callId)?.outcome;
  }
}
