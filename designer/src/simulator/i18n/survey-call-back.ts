/**
 * Text of the simulator's survey call-back (`simulator.surveyCallBack`): the tester plays the caller whose phone
 * rings for the survey the test call booked. Kept in its own file; en and zh-CN side by side.
 */
export const surveyCallBackEn = {
  title: 'Survey call-back',
  ringing: 'The switch calls {{number}} back for the survey at {{time}} (attempt {{attempt}} of {{max}}). Take the call as the caller:',
  answer: 'Answer',
  decline: 'Decline',
  noAnswer: 'Let it ring',
  onCall: 'On the survey call-back (answered at {{time}})',
  ended: 'Survey call-back ended',
  retrying_CALL_REJECTED: 'Declined: the switch tries again at {{time}} (attempt {{next}} of {{max}}).',
  retrying_NO_ANSWER: 'Not answered after ringing {{seconds}} s: the switch tries again at {{time}} (attempt {{next}} of {{max}}).',
  ringAgain: 'Ring again',
  failed_CALL_REJECTED: 'Declined {{attempts}} times: the survey call-back failed (CALL_REJECTED). No rating for the call.',
  failed_NO_ANSWER: 'Not answered {{attempts}} times: the survey call-back failed (NO_ANSWER). No rating for the call.',
  ratings: 'Ratings for the call that booked it: {{ratings}}',
  rating: 'question {{question}}: {{score}}',
  separator: ', ',
  noRatings: 'No rating given yet.',
  transcript: 'Survey call-back transcript',
};

export const surveyCallBackZhCN: typeof surveyCallBackEn = {
  title: '满意度调查回拨',
  ringing: '交换机将于 {{time}} 回拨 {{number}} 进行调查（第 {{attempt}} 次，共 {{max}} 次）。请以来电者身份接听：',
  answer: '接听',
  decline: '拒接',
  noAnswer: '任其响铃',
  onCall: '正在调查回拨中（{{time}} 接听）',
  ended: '调查回拨已结束',
  retrying_CALL_REJECTED: '已拒接：交换机将于 {{time}} 再试（第 {{next}} 次，共 {{max}} 次）。',
  retrying_NO_ANSWER: '响铃 {{seconds}} 秒无人接听：交换机将于 {{time}} 再试（第 {{next}} 次，共 {{max}} 次）。',
  ringAgain: '再次响铃',
  failed_CALL_REJECTED: '已拒接 {{attempts}} 次：调查回拨失败（CALL_REJECTED）。该呼叫没有评分。',
  failed_NO_ANSWER: '{{attempts}} 次无人接听：调查回拨失败（NO_ANSWER）。该呼叫没有评分。',
  ratings: '计入预约该回拨的呼叫的评分：{{ratings}}',
  rating: '第 {{question}} 题：{{score}} 分',
  separator: '，',
  noRatings: '尚未评分。',
  transcript: '调查回拨记录',
};
