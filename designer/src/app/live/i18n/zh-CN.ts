import type { liveEn } from './en';

/** Chinese has one plural form: `x_one`/`x_other` in English are a single `x_other` here. */
type Shape<T> = { [K in keyof T as K extends `${infer B}_one` ? `${B}_other` : K]: T[K] extends string ? string : Shape<T[K]> };

/** 实时视图的简体中文文本（`app.live`）。 */
export const liveZhCN: Shape<typeof liveEn> = {
  title: '实时',
  intro: '此刻的情况，每秒刷新：流程中的通话、各队列等待的来电者、空闲坐席和待回拨，汇总自所有运行时。',
  environment: '环境',
  perNode: '显示来电者在各流程中的位置（按节点）',
  updated: '更新于 {{time}}',
  runtimes_other: '{{count}} 个运行时在报告',
  noRuntimes: '此环境没有运行时在报告：没有处理通话的运行时，或运行时无法连接数据库。',
  stale_other: '{{count}} 个运行时已停止报告，未计入。',
  queueError: '{{instance}} 无法读取队列：{{error}}',
  tiles: {
    callsInFlows: '流程中的通话',
    callersWaiting: '等待中的来电者',
    longestWait: '当前最长等待',
    callbacksPending: '待回拨',
  },
  queues: {
    title: '队列',
    queue: '队列',
    callersWaiting: '等待',
    longestWait: '最长等待',
    agentsAvailable: '空闲坐席',
    agentsLoggedIn: '已登录坐席',
    callbacksPending: '待回拨',
    empty: '在线流程中没有队列。',
  },
  flows: {
    title: '流程中的通话',
    flow: '流程',
    address: '号码',
    calls: '通话',
    fallback: '（无在线流程：兜底处理）',
    empty: '目前没有通话。',
  },
  nodes: {
    title: '来电者所在位置',
    flow: '流程',
    node: '节点',
    type: '类型',
    calls: '通话',
    empty: '目前没有来电者在流程中。',
  },
};
