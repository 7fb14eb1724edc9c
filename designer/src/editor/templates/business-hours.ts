import { spoken, type FlowTemplate } from './template';

const weekday = () => [{ open: '09:00', close: '17:00' }];

/** Business-hours front door: opening hours decide; open, closed and holiday each have their announcement. */
export const businessHoursTemplate: FlowTemplate = {
  id: 'businessHours',
  entry: 'hours',
  steps: [
    {
      key: 'hours',
      type: 'schedule',
      label: ({ t }) => t('building.templates.businessHours.hours'),
      position: { x: 0, y: 160 },
      data: ({ timezone }) => ({
        timezone: timezone ?? 'Europe/London',
        weekly: { monday: weekday(), tuesday: weekday(), wednesday: weekday(), thursday: weekday(), friday: weekday(), saturday: [], sunday: [] },
        holidays: [],
        emergencyOverride: false,
        emergencyFlag: 'emergency',
        calendars: [],
      }),
    },
    {
      key: 'open',
      type: 'announcement',
      label: ({ t }) => t('building.templates.businessHours.open'),
      position: { x: 320, y: 0 },
      data: ({ languages }) => ({ prompt: spoken(languages, { en: 'Thank you for calling.', zh: '感谢您的来电。' }), bargeIn: true }),
    },
    {
      key: 'closed',
      type: 'announcement',
      label: ({ t }) => t('building.templates.businessHours.closed'),
      position: { x: 320, y: 160 },
      data: ({ languages }) => ({
        prompt: spoken(languages, { en: 'We are closed. Our opening hours are Monday to Friday, 9 am to 5 pm.', zh: '我们现在已下班。营业时间为周一至周五上午 9 点至下午 5 点。' }),
        bargeIn: false,
      }),
    },
    {
      key: 'holiday',
      type: 'announcement',
      label: ({ t }) => t('building.templates.businessHours.holiday'),
      position: { x: 320, y: 320 },
      data: ({ languages }) => ({
        prompt: spoken(languages, { en: 'We are closed for the holiday. Please call again on the next working day.', zh: '节假日期间我们暂停服务，请在下一个工作日再来电。' }),
        bargeIn: false,
      }),
    },
    {
      key: 'goodbye',
      type: 'hangup',
      label: ({ t }) => t('building.templates.businessHours.goodbye'),
      position: { x: 640, y: 240 },
      data: ({ languages }) => ({ goodbye: spoken(languages, { en: 'Goodbye.', zh: '再见。' }), cause: 'NORMAL_CLEARING' }),
    },
  ],
  edges: [
    ['hours', 'open', 'open'],
    ['hours', 'closed', 'closed'],
    ['hours', 'holiday', 'holiday'],
    ['closed', 'next', 'goodbye'],
    ['holiday', 'next', 'goodbye'],
  ],
  exits: [['open', 'next']],
};
