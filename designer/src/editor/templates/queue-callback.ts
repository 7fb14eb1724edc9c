import { spoken, type FlowTemplate } from './template';

/**
 * Queue with callback overflow: callers wait in the queue and may press 1 for a callback; when the wait is too
 * long, or no agent is there, they are offered one. The callback keeps their place (its queue left empty: the
 * queue they waited in), then goodbye.
 */
export const queueCallbackTemplate: FlowTemplate = {
  id: 'queueCallback',
  entry: 'queue',
  steps: [
    {
      key: 'queue',
      type: 'queue',
      label: ({ t }) => t('building.templates.queueCallback.queue'),
      position: { x: 0, y: 80 },
      data: ({ languages }) => ({
        queue: 'support@default',
        priority: 0,
        skills: [],
        announcements: {
          everySeconds: 60,
          position: spoken(languages, { en: 'You are number ${position} in the queue.', zh: '您前面还有 ${position} 位来电者。' }),
          callbackOffer: spoken(languages, { en: 'To keep your place and have us call you back, press ${callbackKey}.', zh: '如需保留排队位置并由我们回电，请按 ${callbackKey}。' }),
        },
        overflow: { maxWaitSeconds: 300, whenNoAgents: true, whenEstimateExceedsMaxWait: true },
        callbackKey: '1',
      }),
    },
    {
      key: 'callback',
      type: 'callback',
      label: ({ t }) => t('building.templates.queueCallback.callback'),
      position: { x: 340, y: 0 },
      data: ({ languages }) => ({
        queue: '',
        keepPlace: true,
        confirmPrompt: spoken(languages, {
          en: 'We will call you back on ${number}. To confirm, press ${confirmKey}. To enter another number, press ${changeKey}.',
          zh: '我们将回电至 ${number}。确认请按 ${confirmKey}，更换号码请按 ${changeKey}。',
        }),
        enterNumberPrompt: spoken(languages, { en: 'Please enter the number we should call, followed by the hash key.', zh: '请输入回电号码，并以井号键结束。' }),
        scheduledPrompt: spoken(languages, { en: 'Thank you. You keep your place, and we will call you back when it is your turn.', zh: '谢谢。您的排队位置已保留，轮到您时我们会回电。' }),
        failedPrompt: spoken(languages, { en: 'Sorry, we could not book your callback.', zh: '抱歉，未能为您预约回电。' }),
        confirmKey: '1',
        changeKey: '2',
        minDigits: 7,
        maxDigits: 15,
        timeoutSeconds: 6,
        maxRetries: 2,
      }),
    },
    {
      key: 'goodbye',
      type: 'hangup',
      label: ({ t }) => t('building.templates.queueCallback.goodbye'),
      position: { x: 680, y: 80 },
      data: ({ languages }) => ({ goodbye: spoken(languages, { en: 'Thank you for calling. Goodbye.', zh: '感谢您的来电，再见。' }), cause: 'NORMAL_CLEARING' }),
    },
  ],
  edges: [
    ['queue', 'overflow', 'callback'],
    ['queue', 'noAgents', 'callback'],
    ['queue', 'callbackRequested', 'callback'],
    ['queue', 'answered', 'goodbye'],
    ['callback', 'scheduled', 'goodbye'],
    ['callback', 'declined', 'goodbye'],
    ['callback', 'failed', 'goodbye'],
  ],
  exits: [],
};
