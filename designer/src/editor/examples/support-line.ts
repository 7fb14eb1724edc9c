import type { FlowDocument } from '@switchboard/flows';

/**
 * A small, complete support line: business hours, a menu with "0 for an agent", a queue that overflows after
 * two minutes and offers a keep-your-place callback. Used by the dev page and the tests.
 */
export function supportLineFlow(): FlowDocument {
  return {
    schemaVersion: 1,
    name: 'Support line',
    description: 'Main menu with business hours, a support queue and callbacks.',
    languages: ['en'],
    variables: [{ name: 'tier', type: 'string', description: 'Customer tier from the CRM' }],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 160 }, data: { answer: true } },
      {
        id: 'hours',
        type: 'schedule',
        position: { x: 260, y: 120 },
        data: {
          timezone: 'Europe/London',
          weekly: {
            monday: [{ open: '09:00', close: '17:00' }],
            tuesday: [{ open: '09:00', close: '17:00' }],
            wednesday: [{ open: '09:00', close: '17:00' }],
            thursday: [{ open: '09:00', close: '17:00' }],
            friday: [{ open: '09:00', close: '17:00' }],
            saturday: [],
            sunday: [],
          },
          holidays: [{ name: 'Christmas Day', date: '12-25', hours: [] }],
          emergencyOverride: false,
          emergencyFlag: 'emergency',
          calendars: [],
        },
      },
      {
        id: 'main_menu',
        type: 'menu',
        position: { x: 560, y: 40 },
        data: {
          prompt: { text: { en: 'For sales, press 1. For support, press 2. To speak to an agent, press 0.' } },
          options: [
            { digit: '1', label: 'Sales' },
            { digit: '2', label: 'Support' },
            { digit: '0', label: 'Agent' },
          ],
          timeoutSeconds: 5,
          maxRetries: 2,
        },
      },
      {
        id: 'support_queue',
        type: 'queue',
        position: { x: 880, y: 40 },
        data: {
          queue: 'support@default',
          priority: 0,
          skills: [],
          announcements: {
            everySeconds: 60,
            position: { text: { en: 'You are number ${position} in the queue.' } },
            callbackOffer: { text: { en: 'To keep your place and be called back, press ${callbackKey}.' } },
          },
          overflow: { maxWaitSeconds: 120, whenNoAgents: true, whenEstimateExceedsMaxWait: true },
          callbackKey: '1',
        },
      },
      {
        id: 'offer_callback',
        type: 'callback',
        position: { x: 1200, y: 0 },
        data: {
          queue: '',
          keepPlace: true,
          confirmPrompt: { text: { en: 'We will call you back on ${number}. To confirm, press ${confirmKey}. For another number, press ${changeKey}.' } },
          enterNumberPrompt: { text: { en: 'Please enter your number, then press hash.' } },
          confirmKey: '1',
          changeKey: '2',
          minDigits: 7,
          maxDigits: 15,
          timeoutSeconds: 6,
          maxRetries: 2,
        },
      },
      { id: 'closed_message', type: 'announcement', position: { x: 560, y: 360 }, data: { prompt: { text: { en: 'We are closed. Our hours are 9 to 5, Monday to Friday.' } }, bargeIn: false } },
      { id: 'goodbye', type: 'hangup', position: { x: 1520, y: 200 }, data: { goodbye: { text: { en: 'Thank you for calling. Goodbye.' } }, cause: 'NORMAL_CLEARING' } },
    ],
    edges: [
      { id: 'e_1', source: 'start', sourceOutlet: 'next', target: 'hours' },
      { id: 'e_2', source: 'hours', sourceOutlet: 'open', target: 'main_menu' },
      { id: 'e_3', source: 'hours', sourceOutlet: 'closed', target: 'closed_message' },
      { id: 'e_4', source: 'main_menu', sourceOutlet: '1', target: 'support_queue' },
      { id: 'e_5', source: 'main_menu', sourceOutlet: '2', target: 'support_queue' },
      { id: 'e_6', source: 'main_menu', sourceOutlet: '0', target: 'support_queue' },
      { id: 'e_7', source: 'main_menu', sourceOutlet: 'noInput', target: 'goodbye' },
      { id: 'e_8', source: 'support_queue', sourceOutlet: 'answered', target: 'goodbye' },
      { id: 'e_9', source: 'support_queue', sourceOutlet: 'overflow', target: 'offer_callback' },
      { id: 'e_10', source: 'support_queue', sourceOutlet: 'noAgents', target: 'offer_callback' },
      { id: 'e_11', source: 'support_queue', sourceOutlet: 'callbackRequested', target: 'offer_callback' },
      { id: 'e_12', source: 'support_queue', sourceOutlet: 'callerHungUp', target: 'goodbye' },
      { id: 'e_13', source: 'offer_callback', sourceOutlet: 'scheduled', target: 'goodbye' },
      { id: 'e_14', source: 'offer_callback', sourceOutlet: 'declined', target: 'goodbye' },
      { id: 'e_15', source: 'offer_callback', sourceOutlet: 'failed', target: 'goodbye' },
      { id: 'e_16', source: 'closed_message', sourceOutlet: 'next', target: 'goodbye' },
    ],
  };
}
